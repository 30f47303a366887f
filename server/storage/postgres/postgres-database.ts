/**
 * The PostgreSQL database of a multi-instance deployment, through `pg`
 * (node-postgres): pure JavaScript, so nothing native to build; a pool
 * that hands out one connection for a transaction, which the advisory
 * locks need; and the plain parameterised SQL the SQLite adapter already
 * speaks. The schema is created or migrated on open, under an advisory
 * lock, so instances starting together migrate once.
 */
import pg from 'pg'
import { StorageError } from '../storage-error'

export type Pool = pg.Pool
export type Client = pg.PoolClient

export interface PostgresOptions {
  url: string
  /** A schema to keep the tables in (tests use one each); `public` by default. */
  schema?: string
  /** Connections per instance. */
  maxConnections?: number
}

const MIGRATIONS: string[] = [
  `CREATE TABLE users (
     id SERIAL PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     generation BIGINT NOT NULL
   );
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
     created_at BIGINT NOT NULL
   );
   CREATE TABLE roles (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'viewer')),
     PRIMARY KEY (doc_id, user_id)
   );
   CREATE INDEX roles_by_user ON roles (user_id);
   CREATE TABLE doc_updates (
     seq BIGSERIAL PRIMARY KEY,
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     data BYTEA NOT NULL,
     by_user TEXT,
     at BIGINT NOT NULL
   );
   CREATE INDEX doc_updates_by_doc ON doc_updates (doc_id, seq);
   CREATE TABLE doc_snapshots (
     doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
     data BYTEA NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     expires_at BIGINT NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE TABLE doc_versions (
     id SERIAL PRIMARY KEY,
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     status TEXT NOT NULL,
     by_user TEXT NOT NULL,
     created_at BIGINT NOT NULL,
     note TEXT NOT NULL DEFAULT '',
     state BYTEA NOT NULL
   );
   CREATE INDEX doc_versions_by_doc ON doc_versions (doc_id, id);
   CREATE TABLE settings (
     key TEXT PRIMARY KEY,
     value BYTEA NOT NULL
   );`,
  // The activity log, and the edit sessions compaction folds the log's authors into.
  `CREATE TABLE doc_activity (
     id BIGSERIAL PRIMARY KEY,
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     at BIGINT NOT NULL,
     by_user TEXT,
     kind TEXT NOT NULL,
     data JSONB NOT NULL
   );
   CREATE INDEX doc_activity_by_doc ON doc_activity (doc_id, id);`,
  // Organisations: departments and the finance bureau, their members, reviewers assigned, documents' departments.
  `CREATE TABLE orgs (
     id SERIAL PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL CHECK (kind IN ('department', 'finance')),
     code TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE org_members (
     org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'reviewer')),
     PRIMARY KEY (org_id, user_id)
   );
   CREATE INDEX org_members_by_user ON org_members (user_id);
   CREATE TABLE org_assignments (
     finance_org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     department_org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     PRIMARY KEY (finance_org_id, department_org_id, user_id)
   );
   CREATE INDEX org_assignments_by_user ON org_assignments (user_id);
   CREATE TABLE doc_orgs (
     doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
     org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE
   );
   CREATE INDEX doc_orgs_by_org ON doc_orgs (org_id);`,
  // In-app notifications, per user.
  `CREATE TABLE notifications (
     id BIGSERIAL PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     at BIGINT NOT NULL,
     kind TEXT NOT NULL,
     doc_id TEXT NOT NULL,
     text TEXT NOT NULL,
     read_at BIGINT
   );
   CREATE INDEX notifications_by_user ON notifications (user_id, at);`,
  // The finance bureau's 报送 deadline per budget year.
  `CREATE TABLE org_deadlines (
     finance_org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     year INTEGER NOT NULL,
     due_at BIGINT NOT NULL,
     PRIMARY KEY (finance_org_id, year)
   );`,
  // Failed logins, for the throttle: shared, so a lock holds on every instance.
  `CREATE TABLE login_failures (
     key TEXT NOT NULL,
     at BIGINT NOT NULL
   );
   CREATE INDEX login_failures_by_key ON login_failures (key, at);
   CREATE INDEX login_failures_by_time ON login_failures (at);`,
  // Which account each Yjs client id of a document belongs to.
  `CREATE TABLE doc_clients (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     client_id BIGINT NOT NULL,
     by_user TEXT NOT NULL,
     PRIMARY KEY (doc_id, client_id)
   );`,
  // Moved on by every workflow step: appends judged under an older status are refused.
  `ALTER TABLE documents ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;`,
  // Invitations to join an organisation, waiting for the invitee to accept.
  `CREATE TABLE org_invitations (
     id SERIAL PRIMARY KEY,
     org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'reviewer')),
     invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
     at BIGINT NOT NULL,
     UNIQUE (org_id, user_id)
   );
   CREATE INDEX org_invitations_by_user ON org_invitations (user_id);`,
  // A reviewer's drafted 审核意见, per document and review round, until a step uses it.
  `CREATE TABLE opinion_drafts (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     round INTEGER NOT NULL,
     text TEXT NOT NULL,
     at BIGINT NOT NULL,
     PRIMARY KEY (doc_id, user_id, round)
   );`,
  // Each document's summary for the queue and the dashboard, kept at a generation every append and record moves on.
  `CREATE TABLE doc_summaries (
     doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
     gen BIGINT NOT NULL DEFAULT 0,
     summary JSONB,
     summary_gen BIGINT
   );`,
  // The order client-id bindings were made in: a compaction keeps the newest of those that never wrote.
  `ALTER TABLE doc_clients ADD COLUMN seq BIGSERIAL;`,
]

/** Held while migrating: any 64-bit number of our own, far from hashtextextended's document locks. */
const MIGRATION_LOCK = 0x6a69786961_6f

/** BIGINT columns hold milliseconds and small counters: numbers, not strings. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export async function openPostgres(options: PostgresOptions): Promise<Pool> {
  const schema = options.schema ?? 'public'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`无效的数据库 schema 名称：${schema}`)
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types,
    options: `-c search_path=${schema}`,
    connectionTimeoutMillis: 10_000,
  })
  // An idle connection that breaks (the server restarted) must not take the process down.
  pool.on('error', () => {})
  try {
    await withClient(pool, async (client) => {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK])
      try {
        await migrate(client)
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK])
      }
    })
  } catch (error) {
    await pool.end()
    throw StorageError.from(error, `连接数据库 ${redacted(options.url)}`)
  }
  return pool
}

async function migrate(client: Client): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)')
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version')
  let version = rows[0]?.version ?? 0
  if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)')
  for (; version < MIGRATIONS.length; version++) {
    await transaction(client, async () => {
      await client.query(MIGRATIONS[version]!)
      await client.query('UPDATE schema_version SET version = $1', [version + 1])
    })
  }
}

export async function withClient<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    return await work(client)
  } finally {
    client.release()
  }
}

/** Runs `work` in a transaction on one pooled connection. */
export async function inTransaction<T>(pool: Pool, work: (client: Client) => Promise<T>): Promise<T> {
  return withClient(pool, (client) => transaction(client, () => work(client)))
}

async function transaction<T>(client: Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN')
  try {
    const result = await work()
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  }
}

/**
 * Takes the document's lock until the transaction ends. A transaction-scoped
 * advisory lock is released by commit, rollback, or the server noticing the
 * connection is gone: an instance killed mid-compaction never wedges it.
 */
export async function lockDocument(client: Client, docId: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`jixiao:doc:${docId}`])
}

/** The secret that signs access tokens, shared by every instance: created by the first. */
export async function loadOrCreateSecret(pool: Pool, fresh: Buffer): Promise<Buffer> {
  const { rows } = await pool.query<{ value: Buffer }>(
    `INSERT INTO settings (key, value) VALUES ('token-secret', $1) ON CONFLICT (key) DO UPDATE SET key = settings.key RETURNING value`,
    [fresh],
  )
  return rows[0]!.value
}

/** A database URL without its password, for messages. */
export const redacted = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
