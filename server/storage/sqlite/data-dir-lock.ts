/**
 * One server per SQLite data directory. A second server started on a
 * directory another one serves would share its database and answer logins
 * 503 "database is locked" under load, and its rooms would never hear the
 * first one's edits; it refuses to start instead, saying why.
 *
 * The lock is SQLite's own exclusive lock on a file of its own
 * (`server.lock`), held by an open connection for the server's life: the
 * operating system drops it when the process ends in any way (kill -9
 * included), so a crash never leaves a stale lock to clear by hand. CLI
 * commands do not take it: they may run beside the server, as documented.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

export const LOCK_FILE = 'server.lock'

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError'
  constructor(readonly dataDir: string) {
    super(`另一个服务器正在使用数据目录 ${dataDir}，本服务器不启动。请先停止那个服务器，或用 --data 指定另一个目录（多个实例请用 PostgreSQL：--store postgres）。`)
  }
}

export interface DataDirLock {
  release(): void
}

/** Takes the directory's lock; throws DataDirLockedError while another server (in any process) holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 })
  try {
    db.pragma('locking_mode = EXCLUSIVE')
    // The first write under an exclusive locking mode takes the lock and keeps it until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder')
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid)
  } catch (error) {
    db.close()
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DataDirLockedError(dataDir)
    throw error
  }
  return { release: () => db.close() }
}
