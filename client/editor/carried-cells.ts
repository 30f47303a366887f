/**
 * The targets carried into a 绩效运行监控 or 绩效自评 are not edited there
 * (a change of targets is a 目标调整, not an edit): the server refuses any
 * update to them, and the editor mirrors that — their cells are shown not
 * editable, and a local transaction that would change one (typing, paste,
 * a deleted or added row, a 一级/二级 choice, a suggestion mark) is dropped
 * before it reaches the document, so nobody types into a cell only to be
 * told by the server afterwards. Changes from others (Yjs) pass.
 */
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, type Transaction } from '@tiptap/pm/state'
import { carriesTargets, isCarriedNode } from '@shared/review/carried-cells'

export { carriesTargets }

/**
 * Which cells are carried is the server's rule (`isCarriedNode`, spec #30),
 * read here with each node's place in the document so the editor and the
 * server can never disagree: in the projects, everything but the cells a
 * 监控 or 自评 fills in.
 */

/** The names of the nodes around `pos`, innermost first (as the server reads an item's parents). */
export function namesAround(doc: PMNode, pos: number): string[] {
  const $pos = doc.resolve(pos)
  const names: string[] = []
  for (let depth = $pos.depth; depth >= 0; depth--) names.push($pos.node(depth).type.name)
  return names
}

/** Whether a change inside the node named first of `names` (the rest its ancestors) is to a carried target. */
const carriedIn = (kind: string | undefined, [name, ...path]: readonly string[]): boolean => name !== undefined && isCarriedNode(kind, name, path)

/**
 * Whether `from..to` of `doc` (deleted, replaced or marked) changes a
 * carried target: text in it, or a node whose opening or closing falls in
 * the range (removed, or joined with its neighbour) — which changes its
 * parent. Marks change only text (`textOnly`).
 */
function rangeTouches(doc: PMNode, from: number, to: number, kind: string | undefined, textOnly = false): boolean {
  if (from >= to) return false
  let touched = false
  doc.nodesBetween(from, to, (node, pos) => {
    if (touched) return false
    const end = pos + node.nodeSize
    const opensOrCloses = !textOnly && ((pos >= from && pos < to) || (end > from && end <= to))
    if (node.isText || opensOrCloses) touched = carriedIn(kind, namesAround(doc, pos))
    return !touched
  })
  return touched
}

/**
 * Whether a transaction, in a document of `kind`, changes a carried target:
 * text typed into, deleted from or marked in a carried cell, a cell removed
 * (with its row or project), new rows or projects (whose cells would be
 * targets nobody approved), a row's 一级/二级 set. Steps are judged on the
 * document each applies to, at the place each lands, as the server judges
 * the Yjs update they make.
 */
export function touchesCarried(tr: Transaction, kind: string | undefined): boolean {
  if (!carriesTargets(kind)) return false
  return tr.steps.some((step, i) => {
    const doc = tr.docs[i]!
    const json = step.toJSON() as { stepType: string; from?: number; to?: number; pos?: number }
    // A node's attributes (a row's 一级/二级) set in place: a change inside that node.
    if (json.stepType === 'attr' && json.pos !== undefined) {
      const node = doc.nodeAt(json.pos)
      if (node !== null && carriedIn(kind, [node.type.name, ...namesAround(doc, json.pos)])) return true
    }
    // New content lands where the step puts it.
    const slice = (step as unknown as { slice?: { size: number } }).slice
    if (slice && slice.size > 0 && json.from !== undefined && carriedIn(kind, namesAround(doc, json.from))) return true
    let touched = false
    step.getMap().forEach((oldStart, oldEnd) => {
      if (!touched) touched = rangeTouches(doc, oldStart, oldEnd, kind)
    })
    // Mark steps have no map: their range is their own.
    if (!touched && (json.stepType === 'addMark' || json.stepType === 'removeMark') && json.from !== undefined && json.to !== undefined) {
      touched = rangeTouches(doc, json.from, json.to, kind, true)
    }
    return touched
  })
}

/** Whether a transaction is this person's own edit (not Yjs bringing in others' changes or an undo of them). */
const isOwnChange = (tr: Transaction): boolean => {
  const ySync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean }
  return tr.docChanged && !ySync.isChangeOrigin
}

/**
 * Drops one's own transactions that would change a carried cell, in a
 * document whose kind carries targets (`kind` read when the editor opens;
 * a document's kind never changes). `onRefused` hears it, to say why.
 */
export const CarriedCells = Extension.create<{ kind: () => string | undefined; onRefused: () => void }>({
  name: 'carriedCells',
  addOptions: () => ({ kind: () => undefined, onRefused: () => {} }),
  addProseMirrorPlugins() {
    const { kind, onRefused } = this.options
    return [
      new Plugin({
        filterTransaction: (tr) => {
          if (!isOwnChange(tr) || !touchesCarried(tr, kind())) return true
          onRefused()
          return false
        },
      }),
    ]
  },
})
