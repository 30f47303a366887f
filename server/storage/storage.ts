/**
 * Where a server keeps its data, chosen at start: the embedded SQLite file
 * in a data directory (the default), a PostgreSQL database shared by
 * several instances, or memory (tests). Each gives the same ports and
 * the token-signing secret every instance must share.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { AccountStore } from './account-store'
import type { DocumentLog } from './document-log'
import type { OrgStore } from './org-store'
import { loadOrCreateSecret as loadSecretFile } from './secret-file'
import type { NotificationStore } from './notification-store'
import type { LoginFailureStore } from './login-failures'
import type { OpinionDraftStore } from './opinion-drafts'
import { MemoryOpinionDrafts } from './memory/memory-opinion-drafts'
import { SqliteOpinionDrafts } from './sqlite/sqlite-opinion-drafts'
import { PostgresOpinionDrafts } from './postgres/postgres-opinion-drafts'
import { MemoryLoginFailures } from './memory/memory-login-failures'
import { SqliteLoginFailures } from './sqlite/sqlite-login-failures'
import { PostgresLoginFailures } from './postgres/postgres-login-failures'
import { MemoryNotificationStore } from './memory/memory-notification-store'
import { SqliteNotificationStore } from './sqlite/sqlite-notification-store'
import { PostgresNotificationStore } from './postgres/postgres-notification-store'
import { MemoryOrgStore } from './memory/memory-org-store'
import { SqliteOrgStore } from './sqlite/sqlite-org-store'
import { PostgresOrgStore } from './postgres/postgres-org-store'
import { MemoryAccountStore } from './memory/memory-account-store'
import { MemoryDocumentLog } from './memory/memory-document-log'
import { PostgresAccountStore } from './postgres/postgres-account-store'
import { loadOrCreateSecret as loadSecretRow, openPostgres, redacted } from './postgres/postgres-database'
import { PostgresDocumentLog } from './postgres/postgres-document-log'
import { SqliteAccountStore } from './sqlite/sqlite-account-store'
import { DATABASE_FILE, openDatabase, type Db } from './sqlite/sqlite-database'
import { SqliteDocumentLog } from './sqlite/sqlite-document-log'

export type StorageConfig =
  | { kind: 'sqlite'; dataDir: string }
  | { kind: 'postgres'; url: string; schema?: string }
  | { kind: 'memory' }

export interface Storage {
  readonly config: StorageConfig
  readonly documents: DocumentLog
  readonly accounts: AccountStore
  readonly orgs: OrgStore
  readonly notifications: NotificationStore
  readonly loginFailures: LoginFailureStore
  readonly opinions: OpinionDraftStore
  readonly secret: Buffer
  /** For messages: the data directory or the database, without a password. */
  readonly description: string
  /** The SQLite handle, for diagnostics and tests that fill the disk; none on other engines. */
  readonly sqlite?: Db
  /** A consistent copy while the server runs (SQLite); PostgreSQL is backed up with pg_dump. */
  backup(out: string): Promise<void>
  close(): Promise<void>
}

export async function openStorage(config: StorageConfig): Promise<Storage> {
  switch (config.kind) {
    case 'sqlite': {
      const db = openDatabase(config.dataDir)
      return {
        config,
        sqlite: db,
        documents: new SqliteDocumentLog(db),
        accounts: new SqliteAccountStore(db),
        orgs: new SqliteOrgStore(db),
        notifications: new SqliteNotificationStore(db),
        loginFailures: new SqliteLoginFailures(db),
        opinions: new SqliteOpinionDrafts(db),
        secret: loadSecretFile(config.dataDir),
        description: join(config.dataDir, DATABASE_FILE),
        backup: async (out) => {
          await db.backup(out)
        },
        close: async () => {
          db.close()
        },
      }
    }
    case 'postgres': {
      const pool = await openPostgres(config)
      return {
        config,
        documents: new PostgresDocumentLog(pool),
        accounts: new PostgresAccountStore(pool),
        orgs: new PostgresOrgStore(pool),
        notifications: new PostgresNotificationStore(pool),
        loginFailures: new PostgresLoginFailures(pool),
        opinions: new PostgresOpinionDrafts(pool),
        secret: await loadSecretRow(pool, randomBytes(32)),
        description: redacted(config.url),
        backup: () => Promise.reject(new Error('PostgreSQL 请用 pg_dump 备份（见 README 的部署一节）')),
        close: () => pool.end(),
      }
    }
    case 'memory': {
      const accounts = new MemoryAccountStore()
      const orgs = new MemoryOrgStore(accounts)
      return {
        config,
        documents: new MemoryDocumentLog({ accounts, orgs }),
        accounts,
        orgs,
        notifications: new MemoryNotificationStore(),
        loginFailures: new MemoryLoginFailures(),
        opinions: new MemoryOpinionDrafts(),
        secret: randomBytes(32),
        description: '内存（不保存）',
        backup: () => Promise.reject(new Error('内存存储无法备份')),
        close: async () => {},
      }
    }
  }
}
