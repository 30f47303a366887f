/** Reviewers' drafted opinions on the embedded SQLite database. */
import type { OpinionDraft, OpinionDraftStore } from '../opinion-drafts'
import { StorageError, storageWork } from '../storage-error'
import type { Db } from './sqlite-database'

export class SqliteOpinionDrafts implements OpinionDraftStore {
  private readonly statements

  constructor(db: Db) {
    this.statements = {
      get: db.prepare('SELECT text, at FROM opinion_drafts WHERE doc_id = ? AND user_id = ? AND round = ?'),
      put: db.prepare('INSERT INTO opinion_drafts (doc_id, user_id, round, text, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (doc_id, user_id, round) DO UPDATE SET text = excluded.text, at = excluded.at'),
      remove: db.prepare('DELETE FROM opinion_drafts WHERE doc_id = ? AND user_id = ? AND round = ?'),
    }
  }

  async get(docId: string, userId: number, round: number): Promise<OpinionDraft | undefined> {
    return storageWork('读取审核意见草稿', () => this.statements.get.get(docId, userId, round) as OpinionDraft | undefined, StorageError)
  }

  async put(docId: string, userId: number, round: number, text: string, at: number): Promise<void> {
    storageWork('保存审核意见草稿', () => (text ? this.statements.put.run(docId, userId, round, text, at) : this.statements.remove.run(docId, userId, round)), StorageError)
  }
}
