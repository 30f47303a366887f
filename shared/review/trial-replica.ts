/**
 * A second replica of a document on which an update is tried before the
 * document takes it, so a rule can read the change as Yjs reports it
 * (events with deltas and old values) without touching the document.
 *
 * Copying the document for every update costs as much as the document
 * (55 ms a keystroke on 200 projects); the replica is built once, on
 * first use, and then follows the document: every update the document
 * takes is replayed on it before the next trial. An update that is tried
 * and refused has nonetheless been applied to the replica, which is then
 * thrown away and rebuilt on the next trial — refusals are rare and their
 * cost falls on the one who is refused.
 *
 * Without garbage collection, so text deleted by the tried update can
 * still be read. Dispose it with the document.
 */
import * as Y from 'yjs'

/** Updates the replica may fall behind by before it is dropped rather than replayed. */
const MAX_BEHIND = 10_000

export class TrialReplica {
  private replica: Y.Doc | null = null
  private behind: Uint8Array[] = []
  /** The last trial was kept: the document's next update is most likely that same update, already here. */
  private kept = false
  private readonly follow = (update: Uint8Array) => {
    if (!this.replica) return
    if (this.kept) {
      this.kept = false
      // Same state vectors after the same update: nothing to replay (O(clients) to compare, not O(update) to apply).
      if (this.behind.length === 0 && equalBytes(Y.encodeStateVector(this.doc), Y.encodeStateVector(this.replica))) return
    }
    this.behind.push(update)
    if (this.behind.length > MAX_BEHIND) this.drop()
  }

  constructor(private readonly doc: Y.Doc) {
    doc.on('update', this.follow)
  }

  /** The document this replica follows (to read only). */
  get document(): Y.Doc {
    return this.doc
  }

  /**
   * Runs `run` on the replica (which applies the update there, with its
   * observers around it) and returns its result. The replica is kept only
   * when `keep(result)` holds and nothing was left pending; otherwise, and
   * when `run` throws (rethrown), it is dropped and rebuilt on next use.
   */
  trial<T>(run: (replica: Y.Doc) => T, keep: (result: T) => boolean): T {
    const replica = this.current()
    let kept = false
    try {
      const result = run(replica)
      kept = keep(result) && replica.store.pendingStructs === null && replica.store.pendingDs === null
      return result
    } finally {
      if (kept) this.kept = true
      else this.drop()
    }
  }

  /** Forgets the replica (rebuilt on next use): after the document failed to take an update a trial kept. */
  discard(): void {
    this.drop()
  }

  dispose(): void {
    this.doc.off('update', this.follow)
    this.drop()
  }

  private current(): Y.Doc {
    if (!this.replica) {
      this.replica = new Y.Doc({ gc: false })
      Y.applyUpdate(this.replica, Y.encodeStateAsUpdate(this.doc))
      this.behind = []
    } else if (this.behind.length > 0) {
      const replica = this.replica
      const behind = this.behind
      this.behind = []
      replica.transact(() => behind.forEach((update) => Y.applyUpdate(replica, update)))
    }
    return this.replica
  }

  private drop(): void {
    this.replica?.destroy()
    this.replica = null
    this.behind = []
    this.kept = false
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
