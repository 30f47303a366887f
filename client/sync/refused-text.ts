/**
 * The text a local copy holds that a document does not: what the server
 * refused (or never received), shown to the user so they can copy it, or
 * put back as suggestions where their role may suggest. Pure Yjs, no DOM.
 */
import * as Y from 'yjs'
import { MARK } from '@shared/schema/node-names'
import type { SuggestionInfo } from '@shared/schema/suggestion'

/** A stretch of text typed one character after another, and what it was typed after. */
export interface RefusedRun {
  text: string
  /** The character it followed (or, at the start of a field, preceded), by id: where it goes back. */
  anchor: { id: Y.ID; after: boolean } | null
}

/**
 * Runs of text inserted in `localState` that `doc` does not have and that
 * are still there in the local copy, in the order they were typed. Deleted
 * text is not included: it is not text anybody could copy.
 */
export function refusedRuns(localState: Uint8Array, doc: Y.Doc): RefusedRun[] {
  const missing = Y.decodeUpdate(Y.diffUpdate(localState, Y.encodeStateVector(doc)))
  const runs: RefusedRun[] = []
  let last: { client: number; end: number } | null = null
  for (const struct of missing.structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) {
      last = null
      continue
    }
    const origin = struct.origin
    const continues = last !== null && origin !== null && origin.client === last.client && origin.clock === last.end - 1
    if (continues) runs[runs.length - 1]!.text += struct.content.str
    else {
      const anchor = origin ? { id: origin, after: true } : struct.rightOrigin ? { id: struct.rightOrigin, after: false } : null
      runs.push({ text: struct.content.str, anchor })
    }
    last = { client: struct.id.client, end: struct.id.clock + struct.length }
  }
  return runs.filter((run) => run.text.trim().length > 0)
}

/**
 * Puts the runs back into `doc` as `author`'s suggested insertions, each
 * where it was typed (after the character it followed, if that is still
 * there). Returns the runs that have no place in `doc` any more (their
 * anchor is gone or was itself refused): those remain to be copied by hand.
 */
export function restoreAsSuggestions(doc: Y.Doc, runs: RefusedRun[], suggestion: () => SuggestionInfo): RefusedRun[] {
  const homeless: RefusedRun[] = []
  doc.transact(() => {
    for (const run of runs) {
      const position = run.anchor ? placeOf(doc, run.anchor) : null
      if (!position) {
        homeless.push(run)
        continue
      }
      position.text.insert(position.index, run.text, { [MARK.insertion]: suggestion() })
    }
  })
  return homeless
}

function placeOf(doc: Y.Doc, anchor: NonNullable<RefusedRun['anchor']>): { text: Y.XmlText; index: number } | null {
  if (anchor.id.clock >= Y.getState(doc.store, anchor.id.client)) return null
  const relative = Y.createRelativePositionFromJSON({ item: { client: anchor.id.client, clock: anchor.id.clock }, assoc: anchor.after ? -1 : 0 })
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc)
  return absolute && absolute.type instanceof Y.XmlText ? { text: absolute.type, index: absolute.index } : null
}
