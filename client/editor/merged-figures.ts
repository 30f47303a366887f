/**
 * Figures two people typed at once (`@shared/schema/figure-cells`): the
 * editor records what the person leaves in each figure cell as they type
 * (`recordFigures`, appended to their own transactions, so the binding
 * writes text and record as one Yjs update and one undo step), and marks a
 * cell whose text nobody typed — outlined, its reason on hover — until
 * someone types it again. The finding itself comes with the other checks.
 *
 * The marks are kept per change, not per document: only the part of the
 * document a transaction changed is looked at again (unchanged nodes are
 * the same objects from one state to the next, and the Yjs binding keeps
 * them so), the rest of the marks shift with it.
 */
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { agreedText, enteredOf, isFigureCell } from '@shared/schema/figure-cells'
import { recordFigures } from '@shared/review/record-figures'
import { T } from '../i18n/zh-CN'

const key = new PluginKey<DecorationSet>('mergedFigures')

const markAt = (from: number, to: number): Decoration => Decoration.node(from, to, { class: 'merged-figure', title: T.mergedFigure })

/** Marks for the merged figure cells of `doc` between `from` and `to` (whole cells around them included). */
function marksBetween(doc: PMNode, from: number, to: number): Decoration[] {
  const marks: Decoration[] = []
  doc.nodesBetween(Math.max(0, from - 1), Math.min(doc.content.size, to + 1), (node, pos) => {
    if (!isFigureCell(node.type.name)) return !node.isTextblock
    const entered = enteredOf(node.attrs)
    if (entered !== null && agreedText(node) !== entered) marks.push(markAt(pos, pos + node.nodeSize))
    return false
  })
  return marks
}

/** The marks after a change from `before` to `after`: those outside the changed part kept (shifted), the changed part looked at again. */
function remark(marks: DecorationSet, before: PMNode, after: PMNode): DecorationSet {
  const start = before.content.findDiffStart(after.content)
  if (start === null) return marks
  const end = before.content.findDiffEnd(after.content)!
  // As ProseMirror's own diffing does: where the ends overlap the start, the change is an insertion or deletion at it.
  const endBefore = Math.max(end.a, start)
  const endAfter = Math.max(end.b, start)
  const shift = endAfter - endBefore
  const kept = marks.find().flatMap((mark) => {
    if (mark.to < start) return [mark]
    if (mark.from > endBefore) return [markAt(mark.from + shift, mark.to + shift)]
    return []
  })
  return DecorationSet.create(after, [...kept, ...marksBetween(after, start, endAfter)])
}

/** The plugin: records the person's figures as they type, and marks the merged ones. */
export const mergedFiguresPlugin = (): Plugin<DecorationSet> =>
  new Plugin<DecorationSet>({
    key,
    state: {
      init: (_, state) => DecorationSet.create(state.doc, marksBetween(state.doc, 0, state.doc.content.size)),
      apply: (tr, marks, before) => (tr.docChanged ? remark(marks, before.doc, tr.doc) : marks),
    },
    appendTransaction: (transactions, before, after) => recordFigures(transactions, before, after),
    props: { decorations: (state) => key.getState(state) },
  })

export const MergedFigures = Extension.create({
  name: 'mergedFigures',
  addProseMirrorPlugins: () => [mergedFiguresPlugin()],
})
