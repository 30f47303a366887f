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

export function freshSchema(): TestSchema {
  const schema = `t_${randomBytes(6).toString('hex')}`
  return {
    config: { kind: 'postgres', url: TEST_DATABASE_URL, schema },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL })
      await client.connect()
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      } finally {
        await client.end()
      }
    },
  }
}
