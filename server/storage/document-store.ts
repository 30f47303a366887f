/**
 * Documents and their Yjs update logs. A document's state is its snapshot
 * (if any) plus the updates appended after it. Appending is one committed
 * transaction, done before the update is relayed; compaction replaces
 * snapshot and log with one snapshot, atomically.
 */
import * as Y from 'yjs'
import type { Db } from './database'
import { StorageError } from './storage-error'

export interface DocumentRecord {
  id: string
  title: string
  ownerId: number | null
  createdAt: number
}

/** A named version: the whole document at a workflow transition (for the later diff view). */
export interface VersionRecord {
  id: number
  name: string
  status: string
  byUser: string
  createdAt: number
  /** The 退回意见 or the reason given for approving anyway; '' when none. */
  note: string
}

export interface StoredState {
  /** Snapshot and tail, in order; apply them all to get the document. */
  updates: Uint8Array[]
  /** The seq of the last update, for compaction. */
  lastSeq: number
  /** The size of the tail (updates after the snapshot). */
  tailCount: number
  tailBytes: number
}

export class DocumentStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      insertDoc: db.prepare('INSERT INTO documents (id, title, owner_id, created_at) VALUES (?, ?, ?, ?)'),
      getDoc: db.prepare('SELECT id, title, owner_id AS ownerId, created_at AS createdAt FROM documents WHERE id = ?'),
      listDocs: db.prepare('SELECT id, title, owner_id AS ownerId, created_at AS createdAt FROM documents ORDER BY created_at, id'),
      renameDoc: db.prepare('UPDATE documents SET title = ? WHERE id = ?'),
      deleteDoc: db.prepare('DELETE FROM documents WHERE id = ?'),
      append: db.prepare('INSERT INTO doc_updates (doc_id, data) VALUES (?, ?)'),
      snapshot: db.prepare('SELECT data, upto_seq AS uptoSeq FROM doc_snapshots WHERE doc_id = ?'),
      tail: db.prepare('SELECT seq, data FROM doc_updates WHERE doc_id = ? AND seq > ? ORDER BY seq'),
      putSnapshot: db.prepare(
        'INSERT INTO doc_snapshots (doc_id, data, upto_seq) VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq',
      ),
      dropTail: db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?'),
      insertVersion: db.prepare('INSERT INTO doc_versions (doc_id, name, status, by_user, created_at, note, state) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      listVersions: db.prepare('SELECT id, name, status, by_user AS byUser, created_at AS createdAt, note FROM doc_versions WHERE doc_id = ? ORDER BY id'),
    }
  }

  /** Creates a document from its first update (an import or a template), in one transaction. */
  create(record: DocumentRecord, initialUpdate: Uint8Array): void {
    this.run('创建文档', () =>
      this.db.transaction(() => {
        this.statements.insertDoc.run(record.id, record.title, record.ownerId, record.createdAt)
        this.statements.append.run(record.id, initialUpdate)
      })(),
    )
  }

  get(id: string): DocumentRecord | undefined {
    return this.statements.getDoc.get(id) as DocumentRecord | undefined
  }

  list(): DocumentRecord[] {
    return this.statements.listDocs.all() as DocumentRecord[]
  }

  rename(id: string, title: string): void {
    this.run('重命名文档', () => this.statements.renameDoc.run(title, id))
  }

  delete(id: string): void {
    this.run('删除文档', () => this.statements.deleteDoc.run(id))
  }

  /** Appends updates durably, in one transaction; returns the seq of the last. Throws StorageError. */
  append(docId: string, updates: readonly Uint8Array[]): number {
    return this.run('保存更新', () =>
      this.db.transaction(() => {
        let seq = 0
        for (const update of updates) seq = Number(this.statements.append.run(docId, update).lastInsertRowid)
        return seq
      })(),
    )
  }

  load(docId: string): StoredState {
    return this.run('读取文档', () => {
      const snapshot = this.statements.snapshot.get(docId) as { data: Buffer; uptoSeq: number } | undefined
      const tail = this.statements.tail.all(docId, snapshot?.uptoSeq ?? 0) as { seq: number; data: Buffer }[]
      return {
        updates: [...(snapshot ? [snapshot.data] : []), ...tail.map((row) => row.data)].map((b) => new Uint8Array(b)),
        lastSeq: tail.at(-1)?.seq ?? snapshot?.uptoSeq ?? 0,
        tailCount: tail.length,
        tailBytes: tail.reduce((sum, row) => sum + row.data.length, 0),
      }
    })
  }

  /** Replaces snapshot and log up to `uptoSeq` by `state`, atomically. */
  compact(docId: string, state: Uint8Array, uptoSeq: number): void {
    this.run('压缩更新日志', () =>
      this.db.transaction(() => {
        this.statements.putSnapshot.run(docId, state, uptoSeq)
        this.statements.dropTail.run(docId, uptoSeq)
      })(),
    )
  }

  saveVersion(docId: string, version: Omit<VersionRecord, 'id'>, state: Uint8Array): number {
    return this.run('保存版本', () =>
      Number(this.statements.insertVersion.run(docId, version.name, version.status, version.byUser, version.createdAt, version.note, state).lastInsertRowid),
    )
  }

  versions(docId: string): VersionRecord[] {
    return this.statements.listVersions.all(docId) as VersionRecord[]
  }

  /** The document's full state as one update, straight from storage. */
  encodeState(docId: string): Uint8Array {
    return Y.mergeUpdates(this.load(docId).updates)
  }

  private run<T>(doing: string, work: () => T): T {
    try {
      return work()
    } catch (error) {
      throw StorageError.from(error, doing)
    }
  }
}
