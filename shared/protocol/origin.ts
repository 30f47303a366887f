/**
 * Where a Yjs transaction came from. Every transaction the server makes
 * carries one, and broadcasting and persistence branch on it exhaustively:
 * an update that came from storage is not stored again, one from a
 * session is not echoed back to it, and one another instance stored and
 * relayed (`peer`) is relayed here but never stored twice.
 */

export type TransactionOrigin =
  | { kind: 'remote'; session: number; by?: string }
  | { kind: 'storage' }
  /**
   * `by`: the account a server-made change is done for (a restore), for
   * attribution. `step`: a workflow step, which fences content writes made
   * for the status before it (the stored epoch moves on).
   */
  | { kind: 'server'; by?: string; step?: boolean }
  | { kind: 'peer' }

export const STORAGE_ORIGIN: TransactionOrigin = { kind: 'storage' }
export const SERVER_ORIGIN: TransactionOrigin = { kind: 'server' }
export const PEER_ORIGIN: TransactionOrigin = { kind: 'peer' }

export function isTransactionOrigin(value: unknown): value is TransactionOrigin {
  const kind = (value as { kind?: unknown } | null)?.kind
  return kind === 'remote' || kind === 'storage' || kind === 'server' || kind === 'peer'
}
