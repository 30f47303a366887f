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
