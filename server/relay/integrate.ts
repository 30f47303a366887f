/**
 * The one hop into the Y.Doc and back out. Yjs says what a transaction
 * actually integrated only through the document's events: `afterTransaction`
 * (while deleted content can still be read — which comments were written,
 * which suggestions decided) and then `update` (the bytes of what was new,
 * after garbage collection; nothing when everything was known already).
 * `Integrator.integrate` applies a change in one transaction, catches that
 * transaction's events and returns what they said, so the room goes on top
 * to bottom: gate → integrate → store → broadcast. Anything that enters
 * the document some other way is a bug, and is logged.
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

/** What one `integrate` call is catching. */
interface Catch {
  origin: TransactionOrigin
  read: ((transaction: Y.Transaction) => unknown) | undefined
  transaction: Y.Transaction | null
  result: Integrated<unknown>
}

export class Integrator {
  private catching: Catch | null = null
  // Listening all the time, not per call: a keystroke should not pay for adding and removing listeners.
  private readonly afterTransaction = (transaction: Y.Transaction) => {
    const c = this.catching
    if (!c || transaction.origin !== c.origin || c.transaction) return
    c.transaction = transaction
    if (c.read) c.result.read = c.read(transaction)
  }
  private readonly update = (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    const c = this.catching
    if (c && transaction === c.transaction) c.result.update = update
    else this.outside(origin)
  }

  /** `outside`: told of an update that entered the document not through `integrate` (a bug). */
  constructor(
    private readonly doc: Y.Doc,
    private readonly outside: (origin: unknown) => void,
  ) {
    doc.on('afterTransaction', this.afterTransaction)
    doc.on('update', this.update)
  }

  /**
   * Runs `change` on the document in one transaction with `origin`, and
   * returns what the transaction integrated. `read` sees the finished
   * transaction before garbage collection. Never throws: what `change`
   * throws is returned as `failed`, beside what the document took before
   * the throw.
   */
  integrate<T = never>(origin: TransactionOrigin, change: (doc: Y.Doc) => void, read?: (transaction: Y.Transaction) => T): Integrated<T> {
    const result: Integrated<T> = { update: null, read: undefined, failed: null }
    const outer = this.catching
    this.catching = { origin, read, transaction: null, result }
    try {
      this.doc.transact(() => change(this.doc), origin)
    } catch (error) {
      result.failed = error instanceof Error ? error : new Error(String(error))
    } finally {
      this.catching = outer
    }
    return result
  }
}
