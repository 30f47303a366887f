/**
 * The one hop into the Y.Doc and back out. Yjs says what a transaction
 * actually integrated only through the document's events: `afterTransaction`
 * (while deleted content can still be read — which comments were written,
 * which suggestions decided) and then `update` (the bytes of what was new,
 * after garbage collection; nothing when everything was known already).
 * `integrate` applies a change in one transaction, listens for that one
 * transaction's events and returns what they said, so the room goes on top
 * to bottom: gate → integrate → store → broadcast.
 *
 * The document's other followers hear the same events on their own: the
 * trial replica replays each `update` (`@shared/review/trial-replica`),
 * and the known suggestions scan each `afterTransaction`
 * (`@shared/review/suggestion-authors`).
 */
import type * as Y from 'yjs'
import type { TransactionOrigin } from '@shared/protocol/origin'

export interface Integrated<T> {
  /** What the document took, as one update; null when the change brought nothing new. */
  update: Uint8Array | null
  /** What `read` found in the transaction (undefined without `read`). */
  read: T | undefined
  /** What `change` threw, if it did: the document keeps what it took before (as Yjs does), and `update` says what that was. */
  failed: Error | null
}

/**
 * Runs `change` on `doc` in one transaction with `origin`, and returns what
 * the transaction integrated. `read` sees the finished transaction before
 * garbage collection. Never throws: what `change` throws is returned as
 * `failed`, beside what the document took before the throw.
 */
export function integrate<T = never>(doc: Y.Doc, origin: TransactionOrigin, change: (doc: Y.Doc) => void, read?: (transaction: Y.Transaction) => T): Integrated<T> {
  const result: Integrated<T> = { update: null, read: undefined, failed: null }
  let ours: Y.Transaction | null = null
  const onAfter = (transaction: Y.Transaction) => {
    if (transaction.origin !== origin) return
    ours = transaction
    if (read) result.read = read(transaction)
  }
  const onUpdate = (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction === ours) result.update = update
  }
  doc.on('afterTransaction', onAfter)
  doc.on('update', onUpdate)
  try {
    doc.transact(() => change(doc), origin)
  } catch (error) {
    result.failed = error instanceof Error ? error : new Error(String(error))
  } finally {
    doc.off('afterTransaction', onAfter)
    doc.off('update', onUpdate)
  }
  return result
}
