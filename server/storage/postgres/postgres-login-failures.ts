/** Failed logins on PostgreSQL, shared by every instance. */
import { failuresByKey, type LoginFailureStore } from '../login-failures'
import { StorageError, storageWork } from '../storage-error'
import type { Pool } from './postgres-database'

export class PostgresLoginFailures implements LoginFailureStore {
  constructor(private readonly pool: Pool) {}

  async record(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    await storageWork('记录登录失败', async () => {
      await this.pool.query('DELETE FROM login_failures WHERE at < $1', [forgetBefore])
      await this.pool.query('INSERT INTO login_failures (key, at) SELECT unnest($1::text[]), $2', [keys, at])
    }, StorageError)
  }

  async since(keys: readonly string[], since: number): Promise<Map<string, number[]>> {
    return storageWork('读取登录失败', async () => {
      const { rows } = await this.pool.query<{ key: string; at: number }>('SELECT key, at FROM login_failures WHERE at >= $1 AND key = ANY($2::text[]) ORDER BY at', [since, keys])
      return failuresByKey(rows)
    }, StorageError)
  }

  async clear(key: string): Promise<void> {
    await storageWork('清除登录失败', () => this.pool.query('DELETE FROM login_failures WHERE key = $1', [key]), StorageError)
  }
}
