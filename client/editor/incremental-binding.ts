/**
 * The Yjs binding does work in proportion to a change, not to the document.
 *
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
 * Local changes are written to Yjs from the node they changed. The binding
 * compares the whole ProseMirror document with the Yjs tree from the top:
 * on its way down to the edited cell it compares, node by node, every
 * project before it (its cache is consulted only for siblings, not for the
 * subtree it is comparing), ~7 ms per keystroke on 200 projects. Here the
 * walk goes down by the cache alone — a Yjs child whose cached node is the
 * very ProseMirror child is unchanged, as the binding itself assumes — for
 * as long as exactly one child changed, and the binding's own diff runs
 * from there. Its result is the same as from the top: the same subtree gets
 * the same diff.
 *
 * Importing this module patches the binding's class once; it must run before
 * the first editor is made (the observer is bound in the constructor).
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import { getRelativeSelection, ProsemirrorBinding, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

interface Binding {
  type: Y.XmlFragment
  doc: Y.Doc
  mapping: Map<unknown, unknown>
  prosemirrorView: { state: Parameters<typeof ySyncPluginKey.getState>[0] } | null
  beforeTransactionSelection: unknown
  _typeChanged(events: unknown[], transaction: unknown): void
  _prosemirrorChanged(doc: PMNode): void
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

/** Attributes as the binding would leave them: a null attribute is absent in Yjs, anything else the same value. */
function sameAttributes(element: Y.XmlElement, node: PMNode): boolean {
  const stored = element.getAttributes() as Record<string, unknown>
  const keys = Object.keys(node.attrs)
  return keys.every((key) => (node.attrs[key] === null ? stored[key] === undefined : stored[key] === node.attrs[key])) && Object.keys(stored).every((key) => key in node.attrs)
}

/**
 * The deepest Yjs type and ProseMirror node below which the whole change
 * lies, with the pairs above it (unchanged but for that one child).
 */
export function changedSubtree(binding: Pick<Binding, 'type' | 'mapping'>, doc: PMNode): { yType: Y.XmlFragment | Y.XmlElement; node: PMNode; above: [Y.XmlFragment | Y.XmlElement, PMNode][] } {
  const above: [Y.XmlFragment | Y.XmlElement, PMNode][] = []
  let yType: Y.XmlFragment | Y.XmlElement = binding.type
  let node = doc
  for (;;) {
    if (node.isTextblock || (yType instanceof Y.XmlElement && !sameAttributes(yType, node))) break
    const children: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = yType.toArray()
    if (children.length !== node.childCount) break
    let changed = -1
    for (let i = 0; i < children.length; i++) {
      if (binding.mapping.get(children[i]) === node.child(i)) continue
      if (changed >= 0) {
        changed = -2
        break
      }
      changed = i
    }
    const child: Y.XmlElement | Y.XmlText | Y.XmlHook | undefined = children[changed]
    const next = changed >= 0 ? node.child(changed) : null
    if (!(child instanceof Y.XmlElement) || !next || child.nodeName !== next.type.name) break
    above.push([yType, node])
    yType = child
    node = next
  }
  return { yType, node, above }
}

prototype._prosemirrorChanged = function (this: Binding, doc) {
  const { yType, node, above } = changedSubtree(this, doc)
  this.doc.transact(() => {
    updateYFragment(this.doc, yType, node, this as never)
    for (const [type, unchanged] of above) this.mapping.set(type, unchanged)
    this.beforeTransactionSelection = getRelativeSelection(this as never, this.prosemirrorView!.state)
  }, ySyncPluginKey)
}
