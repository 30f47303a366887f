/**
 * A document's stored pieces (snapshot and log) as one update: applied to
 * a fresh document with garbage collection, so deleted content does not
 * keep growing the snapshot. Used by every log adapter when it compacts
 * or writes a version.
 */
import * as Y from 'yjs'

export function mergeState(updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update)
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** The document's state as one update, from what `load` returned. */
export const stateOf = (updates: readonly Uint8Array[]): Uint8Array => (updates.length === 1 ? updates[0]! : Y.mergeUpdates([...updates]))

/**
 * Client-id bindings of a document that only announced themselves (never
 * wrote into it) that a compaction keeps: the newest this many. Every page
 * load binds one, so without a bound a document's bindings — loaded whole
 * by every room — would grow for ever. Bindings of ids that wrote stay as
 * long as the document: their structs are in it and nobody may add to
 * them. An id only announced is protected until this many newer page
 * loads have announced themselves in the same document (its offline edits
 * are then claimable, as before bindings existed).
 */
export const KEPT_ANNOUNCED_CLIENTS = 1000

/** Of `clients` (bound, oldest first), those to forget when the document is compacted to `state`: announced-only ones past the newest `keep`. */
export function bindingsToForget(state: Uint8Array, clients: readonly number[], keep = KEPT_ANNOUNCED_CLIENTS): number[] {
  const writers = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state))
  const announced = clients.filter((client) => !writers.has(client))
  return announced.slice(0, Math.max(0, announced.length - keep))
}
