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

  /** Wraps an error thrown by better-sqlite3 or pg (SQLSTATE codes), or a network error on the way to the database. */
  static from(error: unknown, doing: string): StorageError {
    if (error instanceof StorageError) return error
    return new StorageError(codeOf((error as { code?: unknown }).code), `${doing}: ${(error as Error).message}`, { cause: error })
  }
}

function codeOf(raw: unknown): StorageErrorCode {
  const code = typeof raw === 'string' ? raw : ''
  if (code === 'SQLITE_FULL' || code === '53100') return 'disk-full'
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '40001' || code === '40P01' || code === '55P03' || code === '53300') return 'busy'
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_READONLY' || code.startsWith('08') || code.startsWith('57P') || code.startsWith('58') || code === 'ECONNREFUSED' || code === 'ECONNRESET') return 'io'
  return 'other'
}

/**
 * Runs an adapter's work (synchronous or not): the errors its port
 * defines (`keep`, a taken name or id) pass through, anything else
 * becomes a StorageError saying what was being done.
 */
export function storageWork<T>(doing: string, work: () => T, keep: abstract new (...args: never[]) => Error): T {
  const wrap = (error: unknown): never => {
    throw error instanceof keep ? error : StorageError.from(error, doing)
  }
  try {
    const result = work()
    return (result instanceof Promise ? result.catch(wrap) : result) as T
  } catch (error) {
    return wrap(error)
  }
}
