/**
 * Where a Yjs transaction came from. Every transaction the server makes
 * carries one, and broadcasting and persistence branch on it exhaustively:
 * an update that came from storage is not stored again, one from a
 * session is not echoed back to it.
 */

export type TransactionOrigin =
  | { kind: 'remote'; session: number }
  | { kind: 'storage' }
  | { kind: 'server' }

export const STORAGE_ORIGIN: TransactionOrigin = { kind: 'storage' }
export const SERVER_ORIGIN: TransactionOrigin = { kind: 'server' }

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  const kind = (value as { kind?: unknown } | null)?.kind
  return kind === 'remote' || kind === 'storage' || kind === 'server'
}
