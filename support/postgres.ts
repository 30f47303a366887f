/**
 * Test databases on the machine's PostgreSQL (127.0.0.1:5432, trust auth,
 * database `test`): each test gets a schema of its own, dropped after.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { StorageConfig } from '../server/storage/storage'

export const TEST_DATABASE_URL = process.env.JIXIAO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const TEST_REDIS_URL = process.env.JIXIAO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Which storage the server suites run on: SQLite unless the matrix says postgres. */
export const testStore = (): 'sqlite' | 'postgres' => (process.env.JIXIAO_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite')

export interface TestSchema {
  config: Extract<StorageConfig, { kind: 'postgres' }>
  drop(): Promise<void>
}

/** PostgreSQL's SQLSTATE for a transaction chosen as a deadlock's victim. */
const DEADLOCK_DETECTED = '40P01'

export function freshSchema(): TestSchema {
  const schema = `t_${randomBytes(6).toString('hex')}`
  return {
    config: { kind: 'postgres', url: TEST_DATABASE_URL, schema },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      try {
        // Sessions of instances a test killed or is closing may still hold locks in the schema, and a DROP
        // racing them can be chosen as a deadlock's victim: those sessions are ended, and the DROP tried again.
        for (let attempt = 1; ; attempt++) {
          await client.query(
            `SELECT pg_terminate_backend(l.pid) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND l.pid <> pg_backend_pid()`,
            [schema],
          )
          try {
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
            return
          } catch (error) {
            if ((error as { code?: string }).code !== DEADLOCK_DETECTED || attempt === 5) throw error
            await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
          }
        }
      } finally {
        await client.end()
      }
    },
  }
}
