/**
 * The document's changes written to its IndexedDB copy in batches, when the
 * page is idle, instead of one IndexedDB transaction inside every keystroke
 * (y-indexeddb's own listener: ~0.65 ms a key on the sample).
 *
 * What is written is what y-indexeddb would have written — the same updates,
 * merged into one (`Y.mergeUpdates`), into its `updates` store, counted as it
 * counts them so that its compaction after 500 stored updates holds. What
 * y-indexeddb read from the database itself is not written back.
 *
 * What a reload loses: nothing, as long as the page is left the ordinary way
 * — the caller flushes on `pagehide` and when the page is hidden. A write
 * started that late is kept only if it is committed at once: left to commit
 * at the end of its task, Chromium drops it with the page (an offline reload
 * lost the last edits in the e2e test), so each batch's transaction is
 * committed explicitly. A browser that dies outright can lose the changes of
 * its last `STORE_WITHIN_MS` (one's own typing has usually reached the
 * server by then: it is sent after the frame).
 *
 * `batchStores` takes y-indexeddb's update listener over; the caller must
 * `dispose()` it (which writes what waits), or `discard()` it before the
 * database is cleared.
 */
import * as Y from 'yjs'
import { PREFERRED_TRIM_SIZE, storeState, type IndexeddbPersistence } from 'y-indexeddb'

/** The longest a change waits for an idle moment before it is written. */
export const STORE_WITHIN_MS = 500

export interface StoreBatches {
  /** Writes what waits, now. */
  flush(): void
  /** Writes what waits and stops listening. */
  dispose(): void
  /** Drops what waits and stops listening (the copy is about to be cleared). */
  discard(): void
}

/** Runs `work` when the page is idle, within `STORE_WITHIN_MS` (a timer where there is no idle callback). */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: STORE_WITHIN_MS })
    return () => cancelIdleCallback(handle)
  }
  const timer = setTimeout(work, STORE_WITHIN_MS / 5)
  return () => clearTimeout(timer)
}

export function batchStores(persistence: IndexeddbPersistence): StoreBatches {
  const doc = persistence.doc
  let updates: Uint8Array[] = []
  let cancel: (() => void) | null = null

  const flush = () => {
    cancel?.()
    cancel = null
    if (updates.length === 0) return
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)
    updates = []
    const db = persistence.db
    // Not open yet: y-indexeddb stores the whole document when it opens. Destroyed: nothing is written any more.
    if (!db || persistence._destroyed) return
    const transaction = db.transaction(['updates'], 'readwrite')
    transaction.objectStore('updates').add(merged)
    transaction.commit?.()
    // As y-indexeddb does after each update it stores: past 500, the log is compacted a second after the last.
    if (++persistence._dbsize >= PREFERRED_TRIM_SIZE) {
      clearTimeout(persistence._storeTimeoutId)
      persistence._storeTimeoutId = setTimeout(() => {
        persistence._storeTimeoutId = null
        void storeState(persistence, false)
      }, persistence._storeTimeout)
    }
  }
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === persistence) return
    updates.push(update)
    cancel ??= whenIdle(flush)
  }
  doc.off('update', persistence._storeUpdate)
  doc.on('update', onUpdate)

  const stop = () => doc.off('update', onUpdate)
  return {
    flush,
    dispose() {
      flush()
      stop()
    },
    discard() {
      cancel?.()
      cancel = null
      updates = []
      stop()
    },
  }
}
