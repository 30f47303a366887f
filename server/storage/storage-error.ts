/**
 * A failure of the database underneath: disk full, database locked, I/O.
 * Callers report it to the client and log it; the process keeps running.
 */
export type StorageErrorCode = 'disk-full' | 'busy' | 'io' | 'other'

export class StorageError extends Error {
  override readonly name = 'StorageError'

  constructor(
    readonly code: StorageErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }

  /** Wraps an error thrown by better-sqlite3. */
  static from(error: unknown, doing: string): StorageError {
    const sqliteCode = (error as { code?: string }).code ?? ''
    const code: StorageErrorCode =
      sqliteCode === 'SQLITE_FULL' ? 'disk-full'
      : sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED') ? 'busy'
      : sqliteCode.startsWith('SQLITE_IOERR') || sqliteCode === 'SQLITE_READONLY' ? 'io'
      : 'other'
    return new StorageError(code, `${doing}: ${(error as Error).message}`, { cause: error })
  }
}
