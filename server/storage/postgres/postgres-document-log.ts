/**
 * The document log on PostgreSQL, shared by every instance. Sequence
 * numbers are global and may commit out of order, so the log is read as
 * "the snapshot plus every row still there", and compaction deletes
 * exactly the rows it folded in: a row committed while it ran survives
 * it, whatever its number.
 */
import { AppendRefusedError, clientTaken, DocumentExistsError, type Belongings, STALE_EPOCH, NOTHING_FOLDED, type AppendGuard, type ClientBinding, type ActivityEntry, type CompactionResult, type StoredHistory, type DocumentLog, type DocumentRecord, type KeptSummary, type LoggedUpdate, type NewVersion, type StoredState, type VersionRecord } from '../document-log'
import { foldHere, type Fold } from '../fold'
import { bindingsToForget, mergeState } from '../merge-state'
import { storageWork } from '../storage-error'
import { inTransaction, lockDocument, type Client, type Pool } from './postgres-database'

const UNIQUE_VIOLATION = '23505'

const DOC_COLUMNS = 'id, title, owner_id AS "ownerId", created_at AS "createdAt"'

export class PostgresDocumentLog implements DocumentLog {
  constructor(private readonly pool: Pool) {}

  async create(record: DocumentRecord, initialUpdate: Uint8Array, belongings: Belongings = {}): Promise<void> {
    await this.run('创建文档', () =>
      inTransaction(this.pool, async (client) => {
        await client.query('INSERT INTO documents (id, title, owner_id, created_at) VALUES ($1, $2, $3, $4)', [record.id, record.title, record.ownerId, record.createdAt])
        await client.query('INSERT INTO doc_updates (doc_id, data, by_user, at) VALUES ($1, $2, NULL, $3)', [record.id, initialUpdate, record.createdAt])
        for (const { userId, role } of belongings.roles ?? []) {
          await client.query('INSERT INTO roles (doc_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (doc_id, user_id) DO UPDATE SET role = excluded.role', [record.id, userId, role])
        }
        if (belongings.orgId !== undefined) await client.query('INSERT INTO doc_orgs (doc_id, org_id) VALUES ($1, $2)', [record.id, belongings.orgId])
        await insertActivity(client, record.id, belongings.activity ?? [])
      }).catch((error: unknown) => {
        throw (error as { code?: string }).code === UNIQUE_VIOLATION ? new DocumentExistsError(record.id) : error
      }),
    )
  }

  async get(id: string): Promise<DocumentRecord | undefined> {
    return this.run('读取文档', async () => (await this.pool.query<DocumentRecord>(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = $1`, [id])).rows[0])
  }

  async list(): Promise<DocumentRecord[]> {
    return this.run('读取文档', async () => (await this.pool.query<DocumentRecord>(`SELECT ${DOC_COLUMNS} FROM documents ORDER BY created_at, id`)).rows)
  }

  async rename(id: string, title: string): Promise<void> {
    await this.run('重命名文档', () => this.pool.query('UPDATE documents SET title = $1 WHERE id = $2', [title, id]))
  }

  async delete(id: string): Promise<void> {
    await this.run('删除文档', () => this.pool.query('DELETE FROM documents WHERE id = $1', [id]))
  }

  async append(docId: string, updates: readonly LoggedUpdate[], guard: AppendGuard = {}): Promise<void> {
    await this.appendUpdates(docId, updates, guard)
    // The summary's generation moves on once the updates are in (a summary read in between is simply read again).
    if (updates.length > 0) await this.run('保存更新', () => this.pool.query('INSERT INTO doc_summaries (doc_id, gen) VALUES ($1, 1) ON CONFLICT (doc_id) DO UPDATE SET gen = doc_summaries.gen + 1', [docId]))
  }

  private async appendUpdates(docId: string, updates: readonly LoggedUpdate[], { claims = [], epoch, step = false }: AppendGuard = {}): Promise<void> {
    if (updates.length === 0 && claims.length === 0 && !step) return
    const rows = [docId, updates.map((u) => Buffer.from(u.update.buffer, u.update.byteOffset, u.update.byteLength)), updates.map((u) => u.by), updates.map((u) => u.at)]
    const simple = claims.length === 0 && !step
    if (simple && epoch === undefined) {
      await this.run('保存更新', () => this.pool.query('INSERT INTO doc_updates (doc_id, data, by_user, at) SELECT $1, * FROM unnest($2::bytea[], $3::text[], $4::bigint[])', rows))
      return
    }
    // Most batches claim nothing (their clients are bound already) and take no step: one statement, one round trip, one
    // commit. The epoch is read under a share lock, which a step's update of it waits for (and the other way round).
    if (simple && updates.length > 0) {
      return storageWork(
        '保存更新',
        async () => {
          const { rowCount } = await this.pool.query(
            `WITH fence AS (SELECT epoch FROM documents WHERE id = $1 FOR SHARE)
             INSERT INTO doc_updates (doc_id, data, by_user, at)
             SELECT $1, u.data, u.by_user, u.at FROM unnest($2::bytea[], $3::text[], $4::bigint[]) AS u(data, by_user, at), fence WHERE fence.epoch = $5`,
            [...rows, epoch],
          )
          if (rowCount === 0) throw new AppendRefusedError('stale-epoch', STALE_EPOCH)
        },
        AppendRefusedError,
      )
    }
    await storageWork(
      '保存更新',
      () =>
        inTransaction(this.pool, async (client) => {
          if (epoch !== undefined || step) {
            const fence = await client.query<{ epoch: number }>(`SELECT epoch FROM documents WHERE id = $1 ${step ? 'FOR UPDATE' : 'FOR SHARE'}`, [docId])
            if (epoch !== undefined && fence.rows[0]?.epoch !== epoch) throw new AppendRefusedError('stale-epoch', STALE_EPOCH)
          }
          if (claims.length > 0) {
            const pairs = [docId, claims.map((c) => c.client), claims.map((c) => c.by)]
            // Waits for a concurrent claim of the same id to commit, then sees its owner below.
            await client.query('INSERT INTO doc_clients (doc_id, client_id, by_user) SELECT $1, * FROM unnest($2::bigint[], $3::text[]) ON CONFLICT DO NOTHING', pairs)
            const taken = await client.query<{ client: number }>(
              'SELECT c.client_id AS client FROM doc_clients c JOIN unnest($2::bigint[], $3::text[]) AS claim(client_id, by_user) ON c.client_id = claim.client_id WHERE c.doc_id = $1 AND c.by_user <> claim.by_user LIMIT 1',
              pairs,
            )
            if (taken.rows[0]) throw new AppendRefusedError('client-taken', clientTaken(taken.rows[0].client))
          }
          if (updates.length > 0) await client.query('INSERT INTO doc_updates (doc_id, data, by_user, at) SELECT $1, * FROM unnest($2::bytea[], $3::text[], $4::bigint[])', rows)
          if (step) await client.query('UPDATE documents SET epoch = epoch + 1 WHERE id = $1', [docId])
        }),
      AppendRefusedError,
    )
  }

  async load(docId: string): Promise<StoredState> {
    return this.run('读取文档', () =>
      inTransaction(this.pool, async (client) => {
        // REPEATABLE READ: snapshot and rows from one moment, even while an instance compacts.
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
        const { snapshot, tail } = await read(client, docId)
        const clients = await client.query<ClientBinding>('SELECT client_id AS client, by_user AS by FROM doc_clients WHERE doc_id = $1', [docId])
        const epoch = (await client.query<{ epoch: number }>('SELECT epoch FROM documents WHERE id = $1', [docId])).rows[0]?.epoch ?? 0
        return {
          updates: [...(snapshot ? [snapshot] : []), ...tail.map((row) => row.data)].map(bytes),
          tailCount: tail.length,
          tailBytes: tail.reduce((sum, row) => sum + row.data.length, 0),
          clients: clients.rows,
          epoch,
        }
      }),
    )
  }

  async compact(docId: string, fold: Fold = foldHere): Promise<CompactionResult> {
    return this.run('压缩更新日志', () =>
      inTransaction(this.pool, async (client) => {
        await lockDocument(client, docId)
        const { snapshot, tail } = await read(client, docId)
        if (tail.length === 0) return NOTHING_FOLDED
        const pieces = [...(snapshot ? [snapshot] : []), ...tail.map((row) => row.data)]
        // Under the document's lock throughout: nothing else compacts it meanwhile.
        const steps = (await client.query<{ at: string }>("SELECT at FROM doc_activity WHERE doc_id = $1 AND kind = 'workflow'", [docId])).rows.map((row) => Number(row.at))
        const { state, activity } = await fold(pieces.map(bytes), tail.map(loggedUpdate), steps)
        await client.query('INSERT INTO doc_snapshots (doc_id, data) VALUES ($1, $2) ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data', [docId, Buffer.from(state)])
        const bound = await client.query<{ client: number }>('SELECT client_id AS client FROM doc_clients WHERE doc_id = $1 ORDER BY seq', [docId])
        const forgotten = bindingsToForget(state, bound.rows.map((row) => row.client))
        if (forgotten.length > 0) await client.query('DELETE FROM doc_clients WHERE doc_id = $1 AND client_id = ANY($2::bigint[])', [docId, forgotten])
        await insertActivity(client, docId, activity)
        await client.query('DELETE FROM doc_updates WHERE seq = ANY($1::bigint[])', [tail.map((row) => row.seq)])
        return { updatesMerged: tail.length, bytesBefore: pieces.reduce((n, p) => n + p.length, 0), bytesAfter: state.length }
      }),
    )
  }

  async record(docId: string, entries: readonly ActivityEntry[]): Promise<void> {
    await this.run('记录活动', async () => {
      await insertActivity(this.pool, docId, entries)
      if (entries.length > 0) await this.pool.query('INSERT INTO doc_summaries (doc_id, gen) VALUES ($1, 1) ON CONFLICT (doc_id) DO UPDATE SET gen = doc_summaries.gen + 1', [docId])
    })
  }

  async summaries(docIds: readonly string[]): Promise<Map<string, KeptSummary>> {
    return this.run('读取文档摘要', async () => {
      const { rows } = await this.pool.query<{ doc_id: string; gen: number; summary: unknown }>(
        'SELECT doc_id, gen, CASE WHEN summary_gen = gen THEN summary END AS summary FROM doc_summaries WHERE doc_id = ANY($1::text[])',
        [[...docIds]],
      )
      const kept = new Map<string, KeptSummary>(docIds.map((id) => [id, { gen: 0, summary: null }]))
      for (const row of rows) kept.set(row.doc_id, { gen: row.gen, summary: row.summary ?? null })
      return kept
    })
  }

  async keepSummary(docId: string, gen: number, summary: unknown): Promise<void> {
    await this.run('保存文档摘要', () =>
      this.pool.query(
        `INSERT INTO doc_summaries (doc_id, gen, summary, summary_gen) SELECT $1, 0, $2::jsonb, 0 WHERE EXISTS (SELECT 1 FROM documents WHERE id = $1)
         ON CONFLICT (doc_id) DO UPDATE SET summary = EXCLUDED.summary, summary_gen = doc_summaries.gen WHERE doc_summaries.gen = $3::bigint`,
        [docId, JSON.stringify(summary), gen],
      ),
    )
  }

  async history(docId: string): Promise<StoredHistory> {
    return this.run('读取活动记录', () =>
      inTransaction(this.pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
        const { rows } = await client.query<{ at: number; by: string | null; data: ActivityEntry['event'] }>(
          'SELECT at, by_user AS by, data FROM doc_activity WHERE doc_id = $1 ORDER BY id',
          [docId],
        )
        const { tail } = await read(client, docId)
        return { entries: rows.map((row) => ({ at: row.at, by: row.by, event: row.data })), tail: tail.map(loggedUpdate) }
      }),
    )
  }

  async saveVersion(docId: string, version: NewVersion, given?: Uint8Array): Promise<number> {
    return this.run('保存版本', () =>
      inTransaction(this.pool, async (client) => {
        await lockDocument(client, docId)
        const state = given ?? (await storedState(client, docId))
        const { name, status, byUser, createdAt, note } = version
        const { rows } = await client.query<{ id: number }>(
          'INSERT INTO doc_versions (doc_id, name, status, by_user, created_at, note, state) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
          [docId, name, status, byUser, createdAt, note, Buffer.from(state)],
        )
        return rows[0]!.id
      }),
    )
  }

  async versions(docId: string): Promise<VersionRecord[]> {
    return this.run('读取版本', async () =>
      (await this.pool.query<VersionRecord>('SELECT id, name, status, by_user AS "byUser", created_at AS "createdAt", note FROM doc_versions WHERE doc_id = $1 ORDER BY id', [docId])).rows,
    )
  }

  async deleteVersions(docId: string, ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return
    await this.run('删除版本', () => this.pool.query('DELETE FROM doc_versions WHERE doc_id = $1 AND id = ANY($2::int[])', [docId, [...ids]]))
  }

  async versionState(docId: string, versionId: number): Promise<Uint8Array | undefined> {
    return this.run('读取版本', async () => {
      const row = (await this.pool.query<{ state: Buffer }>('SELECT state FROM doc_versions WHERE doc_id = $1 AND id = $2', [docId, versionId])).rows[0]
      return row && bytes(row.state)
    })
  }

  private run<T>(doing: string, work: () => Promise<T>): Promise<T> {
    return storageWork(doing, work, DocumentExistsError)
  }
}

interface Row {
  seq: number
  data: Buffer
  by: string | null
  at: number
}

async function read(client: Client, docId: string): Promise<{ snapshot: Buffer | undefined; tail: Row[] }> {
  const snapshot = (await client.query<{ data: Buffer }>('SELECT data FROM doc_snapshots WHERE doc_id = $1', [docId])).rows[0]?.data
  const tail = (await client.query<Row>('SELECT seq, data, by_user AS by, at FROM doc_updates WHERE doc_id = $1 ORDER BY seq', [docId])).rows
  return { snapshot, tail }
}

async function insertActivity(client: Client | Pool, docId: string, entries: readonly ActivityEntry[]): Promise<void> {
  if (entries.length === 0) return
  await client.query(
    'INSERT INTO doc_activity (doc_id, at, by_user, kind, data) SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::text[], $5::jsonb[])',
    [docId, entries.map((e) => e.at), entries.map((e) => e.by), entries.map((e) => e.event.kind), entries.map((e) => JSON.stringify(e.event))],
  )
}

const loggedUpdate = (row: Row): LoggedUpdate => ({ update: bytes(row.data), by: row.by, at: row.at })

async function storedState(client: Client, docId: string): Promise<Uint8Array> {
  const { snapshot, tail } = await read(client, docId)
  return mergeState([...(snapshot ? [snapshot] : []), ...tail.map((row) => row.data)].map(bytes))
}

const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
