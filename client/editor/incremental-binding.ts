/**
 * Remote changes rebuild only the nodes they touched.
 *
 * `@tiptap/y-tiptap` 3.0.9 empties its whole Yjs → ProseMirror node cache on
 * every remote change (`_typeChanged` calls `mapping.clear()`, so that cursor
 * positions resolve against fresh node sizes after block moves). Every remote
 * keystroke then rebuilds the whole document, and the view compares every
 * table: on 200 projects that was ~650 ms per keystroke of a colleague.
 *
 * The cache does not need emptying: the binding already drops, before
 * rebuilding, every type a transaction deleted or changed and every parent of
 * a changed type, so what stays cached is exactly what is unchanged, with its
 * size unchanged. Keeping it is what y-prosemirror did before the fork.
 * Snapshot rendering still clears (it maps a different document).
 *
 * Importing this module patches the binding's class once; it must run before
 * the first editor is made (the observer is bound in the constructor).
 */
import { ProsemirrorBinding, ySyncPluginKey } from '@tiptap/y-tiptap'

interface Binding {
  mapping: Map<unknown, unknown>
  prosemirrorView: { state: Parameters<typeof ySyncPluginKey.getState>[0] } | null
  _typeChanged(events: unknown[], transaction: unknown): void
}

const prototype = ProsemirrorBinding.prototype as unknown as Binding
const rebuildAll = prototype._typeChanged

prototype._typeChanged = function (this: Binding, events, transaction) {
  const sync = this.prosemirrorView ? ySyncPluginKey.getState(this.prosemirrorView.state) : null
  const showingSnapshot = sync?.snapshot != null || sync?.prevSnapshot != null
  if (showingSnapshot) return rebuildAll.call(this, events, transaction)
  const cache = this.mapping
  cache.clear = () => {}
  try {
    rebuildAll.call(this, events, transaction)
  } finally {
    delete (cache as Partial<Map<unknown, unknown>>).clear
  }
}
