/** Failed logins on the embedded SQLite database. */
import { failuresByKey, type LoginFailureStore } from '../login-failures'
import { StorageError, storageWork } from '../storage-error'
import type { Db } from './sqlite-database'

export class SqliteLoginFailures implements LoginFailureStore {
  private readonly statements

  constructor(private readonly db: Db) {
    this.statements = {
      insert: db.prepare('INSERT INTO login_failures (key, at) VALUES (?, ?)'),
      forget: db.prepare('DELETE FROM login_failures WHERE at < ?'),
      clear: db.prepare('DELETE FROM login_failures WHERE key = ?'),
    }
  }

  async record(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    storageWork('记录登录失败', () =>
      this.db.transaction(() => {
        this.statements.forget.run(forgetBefore)
        for (const key of keys) this.statements.insert.run(key, at)
      })(),
    StorageError)
  }

  async since(keys: readonly string[], since: number): Promise<Map<string, number[]>> {
    if (keys.length === 0) return new Map()
    return storageWork('读取登录失败', () => {
      const rows = this.db.prepare(`SELECT key, at FROM login_failures WHERE at >= ? AND key IN (${keys.map(() => '?').join(', ')})`).all(since, ...keys)
      return failuresByKey(rows as { key: string; at: number }[])
    }, StorageError)
  }

  async clear(key: string): Promise<void> {
    storageWork('清除登录失败', () => this.statements.clear.run(key), StorageError)
  }
}
