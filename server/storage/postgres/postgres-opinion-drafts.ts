/** Reviewers' drafted opinions on PostgreSQL, shared by every instance. */
import type { OpinionDraft, OpinionDraftStore } from '../opinion-drafts'
import { StorageError, storageWork } from '../storage-error'
import type { Pool } from './postgres-database'

export class PostgresOpinionDrafts implements OpinionDraftStore {
  constructor(private readonly pool: Pool) {}

  async get(docId: string, userId: number, round: number): Promise<OpinionDraft | undefined> {
    return storageWork('读取审核意见草稿', async () => {
      const { rows } = await this.pool.query<OpinionDraft>('SELECT text, at FROM opinion_drafts WHERE doc_id = $1 AND user_id = $2 AND round = $3', [docId, userId, round])
      return rows[0]
    }, StorageError)
  }

  async put(docId: string, userId: number, round: number, text: string, at: number): Promise<void> {
    await storageWork('保存审核意见草稿', () =>
      text
        ? this.pool.query('INSERT INTO opinion_drafts (doc_id, user_id, round, text, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (doc_id, user_id, round) DO UPDATE SET text = excluded.text, at = excluded.at', [docId, userId, round, text, at])
        : this.pool.query('DELETE FROM opinion_drafts WHERE doc_id = $1 AND user_id = $2 AND round = $3', [docId, userId, round]),
    StorageError)
  }
}
