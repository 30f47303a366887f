/**
 * The text a local copy holds that a document does not: what the server
 * refused (or never received), shown to the user so they can copy it.
 * Pure Yjs, no DOM.
 */
import * as Y from 'yjs'

/**
 * Runs of text inserted in `localState` that `doc` does not have and that
 * are still there in the local copy, in the order they were typed (one run
 * per stretch typed one character after another). Deleted text is not
 * included: it is not text anybody could copy.
 */
export function refusedText(localState: Uint8Array, doc: Y.Doc): string[] {
  const missing = Y.decodeUpdate(Y.diffUpdate(localState, Y.encodeStateVector(doc)))
  const runs: string[] = []
  let last: { client: number; end: number } | null = null
  for (const struct of missing.structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) {
      last = null
      continue
    }
    // Typed right after the previous run's last character: the same stretch of text.
    const origin = struct.origin
    const continues = last !== null && origin !== null && origin.client === last.client && origin.clock === last.end - 1
    if (continues) runs[runs.length - 1] += struct.content.str
    else runs.push(struct.content.str)
    last = { client: struct.id.client, end: struct.id.clock + struct.length }
  }
  return runs.map((run) => run.trim()).filter((run) => run.length > 0)
}
