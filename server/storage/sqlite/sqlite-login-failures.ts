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
      // The keys as one JSON array: one statement, prepared once, for any number of keys.
      since: db.prepare('SELECT key, at FROM login_failures WHERE at >= ? AND key IN (SELECT value FROM json_each(?)) ORDER BY at'),
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
    return storageWork('读取登录失败', () => failuresByKey(this.statements.since.all(since, JSON.stringify(keys)) as { key: string; at: number }[]), StorageError)
  }

  async clear(key: string): Promise<void> {
    storageWork('清除登录失败', () => this.statements.clear.run(key), StorageError)
  }
}
