/**
 * The embedded SQLite database in the data directory: opened in WAL mode,
 * its schema created or migrated on open.
 *
 * Durability: `synchronous = NORMAL` in WAL mode makes a committed
 * transaction survive the process being killed (kill -9) — it is in the
 * OS's page cache — but not necessarily a power cut; `JIXIAO_SYNC=full`
 * selects FULL for the latter at the cost of an fsync per update.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export type Db = Database.Database

const MIGRATIONS: string[] = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     display_name TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     title TEXT NOT NULL,
     owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE roles (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('editor', 'reviewer', 'viewer')),
     PRIMARY KEY (doc_id, user_id)
   );
   CREATE TABLE doc_updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     data BLOB NOT NULL
   );
   CREATE INDEX doc_updates_by_doc ON doc_updates (doc_id, seq);
   CREATE TABLE doc_snapshots (
     doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
     data BLOB NOT NULL,
     upto_seq INTEGER NOT NULL
   );
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL
   );`,
  `CREATE TABLE doc_versions (
     id INTEGER PRIMARY KEY,
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     status TEXT NOT NULL,
     by_user TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     state BLOB NOT NULL
   );
   CREATE INDEX doc_versions_by_doc ON doc_versions (doc_id, id);`,
  // The 退回意见, or the reason a reviewer approved over open items.
  `ALTER TABLE doc_versions ADD COLUMN note TEXT NOT NULL DEFAULT '';`,
  // Bumped by a password change: tokens issued before stop working.
  `ALTER TABLE users ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;`,
  // Who sent each logged update, and when: attribution for the history view.
  `ALTER TABLE doc_updates ADD COLUMN by_user TEXT;
   ALTER TABLE doc_updates ADD COLUMN at INTEGER NOT NULL DEFAULT 0;`,
  // The activity log, and the edit sessions compaction folds the log's authors into.
  `CREATE TABLE doc_activity (
     id INTEGER PRIMARY KEY,
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     at INTEGER NOT NULL,
     by_user TEXT,
     kind TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX doc_activity_by_doc ON doc_activity (doc_id, id);`,
  // Organisations: departments and the finance bureau, their members, reviewers assigned, documents' departments.
  `CREATE TABLE orgs (
     id INTEGER PRIMARY KEY,
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
     id INTEGER PRIMARY KEY,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     doc_id TEXT NOT NULL,
     text TEXT NOT NULL,
     read_at INTEGER
   );
   CREATE INDEX notifications_by_user ON notifications (user_id, at);`,
  // The finance bureau's 报送 deadline per budget year.
  `CREATE TABLE org_deadlines (
     finance_org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     year INTEGER NOT NULL,
     due_at INTEGER NOT NULL,
     PRIMARY KEY (finance_org_id, year)
   );`,
  // Failed logins, for the throttle: kept in the database so a lock outlives a restart.
  `CREATE TABLE login_failures (
     key TEXT NOT NULL,
     at INTEGER NOT NULL
   );
   CREATE INDEX login_failures_by_key ON login_failures (key, at);
   CREATE INDEX login_failures_by_time ON login_failures (at);`,
  // Which account each Yjs client id of a document belongs to.
  `CREATE TABLE doc_clients (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     client_id INTEGER NOT NULL,
     by_user TEXT NOT NULL,
     PRIMARY KEY (doc_id, client_id)
   );`,
  // Moved on by every workflow step: appends judged under an older status are refused.
  `ALTER TABLE documents ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;`,
  // Invitations to join an organisation, waiting for the invitee to accept.
  `CREATE TABLE org_invitations (
     id INTEGER PRIMARY KEY,
     org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'reviewer')),
     invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
     at INTEGER NOT NULL,
     UNIQUE (org_id, user_id)
   );
   CREATE INDEX org_invitations_by_user ON org_invitations (user_id);`,
  // A reviewer's drafted 审核意见, per document and review round, until a step uses it.
  `CREATE TABLE opinion_drafts (
     doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
     user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
     round INTEGER NOT NULL,
     text TEXT NOT NULL,
     at INTEGER NOT NULL,
     PRIMARY KEY (doc_id, user_id, round)
   );`,
]

export const DATABASE_FILE = 'jixiao.sqlite'

export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, DATABASE_FILE))
  db.pragma('journal_mode = WAL')
  db.pragma(`synchronous = ${process.env.JIXIAO_SYNC === 'full' ? 'FULL' : 'NORMAL'}`)
  db.pragma('foreign_keys = ON')
  // better-sqlite3 blocks the event loop while it waits: keep the wait for a lock short.
  db.pragma('busy_timeout = 1000')
  migrate(db)
  return db
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
