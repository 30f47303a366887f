/**
 * The document log on the embedded SQLite database. better-sqlite3 is
 * synchronous: each method does its work in one call and resolves, so the
 * relay's ordering is the same as on an asynchronous engine. SQLite has
 * one writer at a time, so a transaction is the document's lock.
 */
import { storageWork } from '../storage-error'
import { AppendRefusedError, clientTaken, DocumentExistsError, type Belongings, STALE_EPOCH, NOTHING_FOLDED, type AppendGuard, type ClientBinding, type ActivityEntry, type CompactionResult, type StoredHistory, type DocumentLog, type DocumentRecord, type KeptSummary, type LoggedUpdate, type NewVersion, type StoredState, type VersionRecord } from '../document-log'
import { foldHere, type Fold } from '../fold'
import { bindingsToForget, mergeState } from '../merge-state'
import type { Db } from './sqlite-database'

interface Row {
  seq: number
  data: Buffer
  by: string | null
  at: number
}

interface ActivityRow {
  at: number
  by: string | null
  data: string
}

export class SqliteDocumentLog implements DocumentLog {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      bumpGen: db.prepare('INSERT INTO doc_summaries (doc_id, gen) VALUES (?, 1) ON CONFLICT (doc_id) DO UPDATE SET gen = gen + 1'),
      summaries: db.prepare("SELECT s.key AS docId, COALESCE(d.gen, 0) AS gen, CASE WHEN d.summary_gen = d.gen THEN d.summary END AS summary FROM json_each(?) AS s LEFT JOIN doc_summaries d ON d.doc_id = s.value"),
      keepSummary: db.prepare('INSERT INTO doc_summaries (doc_id, gen, summary, summary_gen) SELECT @docId, 0, @summary, 0 WHERE @gen = 0 AND EXISTS (SELECT 1 FROM documents WHERE id = @docId) ON CONFLICT (doc_id) DO NOTHING'),
      keepAt: db.prepare('UPDATE doc_summaries SET summary = ?, summary_gen = gen WHERE doc_id = ? AND gen = ?'),
      insertDoc: db.prepare('INSERT INTO documents (id, title, owner_id, created_at) VALUES (?, ?, ?, ?)'),
      getDoc: db.prepare('SELECT id, title, owner_id AS ownerId, created_at AS createdAt FROM documents WHERE id = ?'),
      listDocs: db.prepare('SELECT id, title, owner_id AS ownerId, created_at AS createdAt FROM documents ORDER BY created_at, id'),
      renameDoc: db.prepare('UPDATE documents SET title = ? WHERE id = ?'),
      deleteDoc: db.prepare('DELETE FROM documents WHERE id = ?'),
      append: db.prepare('INSERT INTO doc_updates (doc_id, data, by_user, at) VALUES (?, ?, ?, ?)'),
      snapshot: db.prepare('SELECT data FROM doc_snapshots WHERE doc_id = ?'),
      snapshotUpto: db.prepare('SELECT upto_seq AS upto FROM doc_snapshots WHERE doc_id = ?'),
      tail: db.prepare('SELECT seq, data, by_user AS by, at FROM doc_updates WHERE doc_id = ? ORDER BY seq'),
      putSnapshot: db.prepare(
        'INSERT INTO doc_snapshots (doc_id, data, upto_seq) VALUES (?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq',
      ),
      dropTail: db.prepare('DELETE FROM doc_updates WHERE doc_id = ? AND seq <= ?'),
      insertVersion: db.prepare('INSERT INTO doc_versions (doc_id, name, status, by_user, created_at, note, state) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      listVersions: db.prepare('SELECT id, name, status, by_user AS byUser, created_at AS createdAt, note FROM doc_versions WHERE doc_id = ? ORDER BY id'),
      versionState: db.prepare('SELECT state FROM doc_versions WHERE doc_id = ? AND id = ?'),
      deleteVersion: db.prepare('DELETE FROM doc_versions WHERE doc_id = ? AND id = ?'),
      insertRole: db.prepare('INSERT INTO roles (doc_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role'),
      insertDocOrg: db.prepare('INSERT INTO doc_orgs (doc_id, org_id) VALUES (?, ?)'),
      insertActivity: db.prepare('INSERT INTO doc_activity (doc_id, at, by_user, kind, data) VALUES (?, ?, ?, ?, ?)'),
      activity: db.prepare('SELECT at, by_user AS by, data FROM doc_activity WHERE doc_id = ? ORDER BY id'),
      steps: db.prepare("SELECT at FROM doc_activity WHERE doc_id = ? AND kind = 'workflow'"),
      bindClient: db.prepare('INSERT INTO doc_clients (doc_id, client_id, by_user) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      clientOwner: db.prepare('SELECT by_user AS by FROM doc_clients WHERE doc_id = ? AND client_id = ?'),
      clients: db.prepare('SELECT client_id AS client, by_user AS by FROM doc_clients WHERE doc_id = ?'),
      clientsInOrder: db.prepare('SELECT client_id AS client FROM doc_clients WHERE doc_id = ? ORDER BY rowid'),
      forgetClient: db.prepare('DELETE FROM doc_clients WHERE doc_id = ? AND client_id = ?'),
      epoch: db.prepare('SELECT epoch FROM documents WHERE id = ?'),
      nextEpoch: db.prepare('UPDATE documents SET epoch = epoch + 1 WHERE id = ?'),
    }
  }

  async create(record: DocumentRecord, initialUpdate: Uint8Array, belongings: Belongings = {}): Promise<void> {
    this.run('创建文档', () =>
      this.db.transaction(() => {
        if (this.statements.getDoc.get(record.id)) throw new DocumentExistsError(record.id)
        this.statements.insertDoc.run(record.id, record.title, record.ownerId, record.createdAt)
        this.statements.append.run(record.id, initialUpdate, null, record.createdAt)
        for (const { userId, role } of belongings.roles ?? []) this.statements.insertRole.run(record.id, userId, role)
        if (belongings.orgId !== undefined) this.statements.insertDocOrg.run(record.id, belongings.orgId)
        this.insertActivity(record.id, belongings.activity ?? [])
      })(),
    )
  }

  async get(id: string): Promise<DocumentRecord | undefined> {
    return this.run('读取文档', () => this.statements.getDoc.get(id) as DocumentRecord | undefined)
  }

  async list(): Promise<DocumentRecord[]> {
    return this.run('读取文档', () => this.statements.listDocs.all() as DocumentRecord[])
  }

  async rename(id: string, title: string): Promise<void> {
    this.run('重命名文档', () => this.statements.renameDoc.run(title, id))
  }

  async delete(id: string): Promise<void> {
    this.run('删除文档', () => this.statements.deleteDoc.run(id))
  }

  async append(docId: string, updates: readonly LoggedUpdate[], { claims = [], epoch, step = false }: AppendGuard = {}): Promise<void> {
    storageWork(
      '保存更新',
      () =>
        this.db.transaction(() => {
          if (epoch !== undefined && epoch !== this.epochOf(docId)) throw new AppendRefusedError('stale-epoch', STALE_EPOCH)
          for (const { client, by } of claims) {
            this.statements.bindClient.run(docId, client, by)
            const owner = this.statements.clientOwner.get(docId, client) as { by: string } | undefined
            if (owner && owner.by !== by) throw new AppendRefusedError('client-taken', clientTaken(client))
          }
          for (const { update, by, at } of updates) this.statements.append.run(docId, update, by, at)
          if (updates.length > 0) this.statements.bumpGen.run(docId)
          if (step) this.statements.nextEpoch.run(docId)
        })(),
      AppendRefusedError,
    )
  }

  async load(docId: string): Promise<StoredState> {
    return this.run('读取文档', () => {
      const { snapshot, tail } = this.read(docId)
      return {
        updates: [...(snapshot ? [snapshot] : []), ...tail.map((row) => row.data)].map((b) => new Uint8Array(b)),
        tailCount: tail.length,
        tailBytes: tail.reduce((sum, row) => sum + row.data.length, 0),
        clients: this.statements.clients.all(docId) as ClientBinding[],
        epoch: this.epochOf(docId),
      }
    })
  }

  async compact(docId: string, fold: Fold = foldHere): Promise<CompactionResult> {
    const { snapshot, tail, upto, steps } = this.run('压缩更新日志', () =>
      this.db.transaction(() => ({ ...this.read(docId), upto: this.snapshotUpto(docId), steps: (this.statements.steps.all(docId) as { at: number }[]).map((row) => row.at) }))(),
    )
    if (tail.length === 0) return NOTHING_FOLDED
    const pieces = [...(snapshot ? [snapshot] : []), ...tail.map((row) => row.data)]
    const { state, activity } = await fold(pieces, tail.map(loggedUpdate), steps)
    return this.run('压缩更新日志', () =>
      this.db.transaction((): CompactionResult => {
        // While it folded, updates may have been appended (they stay in the log); a compaction that came in
        // between (the CLI's, a room's at close) or a deletion leaves nothing for this one to store.
        if (this.snapshotUpto(docId) !== upto || !this.statements.getDoc.get(docId)) return NOTHING_FOLDED
        const uptoSeq = tail.at(-1)!.seq
        this.statements.putSnapshot.run(docId, state, uptoSeq)
        const bound = (this.statements.clientsInOrder.all(docId) as { client: number }[]).map((row) => row.client)
        for (const client of bindingsToForget(state, bound)) this.statements.forgetClient.run(docId, client)
        this.insertActivity(docId, activity)
        this.statements.dropTail.run(docId, uptoSeq)
        return { updatesMerged: tail.length, bytesBefore: pieces.reduce((n, p) => n + p.length, 0), bytesAfter: state.length }
      }).immediate(),
    )
  }

  async record(docId: string, entries: readonly ActivityEntry[]): Promise<void> {
    this.run('记录活动', () =>
      this.db.transaction(() => {
        this.insertActivity(docId, entries)
        if (entries.length > 0) this.statements.bumpGen.run(docId)
      })(),
    )
  }

  async summaries(docIds: readonly string[]): Promise<Map<string, KeptSummary>> {
    return this.run('读取文档摘要', () => {
      const rows = this.statements.summaries.all(JSON.stringify(docIds)) as { docId: string; gen: number; summary: string | null }[]
      return new Map(rows.map((r) => [docIds[Number(r.docId)]!, { gen: r.gen, summary: r.summary === null ? null : JSON.parse(r.summary) }]))
    })
  }

  async keepSummary(docId: string, gen: number, summary: unknown): Promise<void> {
    const json = JSON.stringify(summary)
    this.run('保存文档摘要', () =>
      this.db.transaction(() => {
        this.statements.keepSummary.run({ docId, summary: json, gen })
        this.statements.keepAt.run(json, docId, gen)
      })(),
    )
  }

  async history(docId: string): Promise<StoredHistory> {
    return this.run('读取活动记录', () =>
      this.db.transaction(() => ({
        entries: (this.statements.activity.all(docId) as ActivityRow[]).map((row) => ({ at: row.at, by: row.by, event: JSON.parse(row.data) })),
        tail: (this.statements.tail.all(docId) as Row[]).map(loggedUpdate),
      }))(),
    )
  }

  async saveVersion(docId: string, version: NewVersion, given?: Uint8Array): Promise<number> {
    return this.run('保存版本', () =>
      this.db.transaction(() => {
        const { snapshot, tail } = given ? { snapshot: undefined, tail: [] } : this.read(docId)
        const state = given ?? mergeState([...(snapshot ? [snapshot] : []), ...tail.map((row) => row.data)])
        const { name, status, byUser, createdAt, note } = version
        return Number(this.statements.insertVersion.run(docId, name, status, byUser, createdAt, note, state).lastInsertRowid)
      }).immediate(),
    )
  }

  async versions(docId: string): Promise<VersionRecord[]> {
    return this.run('读取版本', () => this.statements.listVersions.all(docId) as VersionRecord[])
  }

  async deleteVersions(docId: string, ids: readonly number[]): Promise<void> {
    this.run('删除版本', () =>
      this.db.transaction(() => {
        for (const id of ids) this.statements.deleteVersion.run(docId, id)
      })(),
    )
  }

  async versionState(docId: string, versionId: number): Promise<Uint8Array | undefined> {
    return this.run('读取版本', () => {
      const row = this.statements.versionState.get(docId, versionId) as { state: Buffer } | undefined
      return row && new Uint8Array(row.state)
    })
  }

  /** Up to which update the snapshot holds (0: no snapshot): what a compaction moves on. */
  private snapshotUpto(docId: string): number {
    return (this.statements.snapshotUpto.get(docId) as { upto: number } | undefined)?.upto ?? 0
  }

  private epochOf(docId: string): number {
    return (this.statements.epoch.get(docId) as { epoch: number } | undefined)?.epoch ?? 0
  }

  private insertActivity(docId: string, entries: readonly ActivityEntry[]): void {
    for (const { at, by, event } of entries) this.statements.insertActivity.run(docId, at, by, event.kind, JSON.stringify(event))
  }

  private read(docId: string): { snapshot: Buffer | undefined; tail: Row[] } {
    const snapshot = (this.statements.snapshot.get(docId) as { data: Buffer } | undefined)?.data
    return { snapshot, tail: this.statements.tail.all(docId) as Row[] }
  }

  private run<T>(doing: string, work: () => T): T {
    return storageWork(doing, work, DocumentExistsError)
  }
}

const loggedUpdate = (row: Row): LoggedUpdate => ({ update: new Uint8Array(row.data), by: row.by, at: row.at })
