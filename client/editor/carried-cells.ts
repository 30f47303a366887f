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
import { NODE } from '@shared/schema/node-names'
import type { DocumentKind } from '@shared/model/document-kind'

/**
 * The cells carried verbatim from the approved targets (spec #30): the
 * project's code, name and unit, 预算数, the 资金支出计划, 年度总体目标, and
 * each indicator's 三级/描述/年度指标值/依据/分值 (its 一级/二级 are
 * attributes of the row, which holds these cells, so they are covered too).
 */
export const CARRIED_CELLS: ReadonlySet<string> = new Set<string>([
  NODE.unitCode, NODE.unitName, NODE.moneyUnit, NODE.projectCode, NODE.projectName,
  NODE.budgetTotal, NODE.budgetFiscal, NODE.budgetOther,
  NODE.spendingLabel, NODE.spendingPercent, NODE.projectGoal,
  NODE.indicatorName, NODE.indicatorDescription, NODE.indicatorValue, NODE.indicatorBasis, NODE.indicatorScore,
])

/** Whether a document of this kind holds carried targets. */
export const carriesTargets = (kind: DocumentKind | string | undefined): boolean => kind !== undefined && kind !== 'targets'

/** Whether `node` holds a carried cell (is one, or has one inside: a row, a project). */
function holdsCarried(node: PMNode, carried: ReadonlySet<string>): boolean {
  if (carried.has(node.type.name)) return true
  let found = false
  node.descendants((child) => {
    if (carried.has(child.type.name)) found = true
    return !found && !child.isTextblock
  })
  return found
}

/** Whether `from..to` of `doc` (a deletion or a replacement; from = to for an insertion) changes a carried cell. */
function rangeTouches(doc: PMNode, from: number, to: number, carried: ReadonlySet<string>): boolean {
  if (from === to) {
    // An insertion inside a carried cell's text.
    const $pos = doc.resolve(from)
    return carried.has($pos.parent.type.name)
  }
  let touched = false
  doc.nodesBetween(from, to, (node, pos) => {
    if (touched) return false
    if (!carried.has(node.type.name)) return true
    const start = pos + 1
    const end = pos + node.nodeSize - 1
    // Its text overlaps the range, or the range takes the whole cell away.
    touched = (from < end && to > start) || (from <= pos && to >= pos + node.nodeSize) || (from === start && to === end)
    return false
  })
  return touched
}

/**
 * Whether a transaction changes a carried cell: text typed into, deleted
 * from or marked in one, a cell removed (with its row or project), or new
 * rows or projects (whose cells would be targets nobody approved). Steps
 * are judged on the document each applies to.
 */
export function touchesCarried(tr: Transaction, carried: ReadonlySet<string> = CARRIED_CELLS): boolean {
  return tr.steps.some((step, i) => {
    const doc = tr.docs[i]!
    const json = step.toJSON() as { stepType: string; from?: number; to?: number; pos?: number; slice?: { content?: unknown[] } }
    // A row's attributes (its 一级/二级) set in place, or a node rewrapped: the node is judged whole.
    const at = json.stepType === 'attr' ? json.pos : json.stepType === 'replaceAround' ? json.from : undefined
    if (at !== undefined) {
      const node = doc.nodeAt(at)
      if (node !== null && holdsCarried(node, carried)) return true
    }
    const slice = (step as unknown as { slice?: { content: PMNode['content'] } }).slice
    let inserted = false
    slice?.content.forEach((node) => {
      if (holdsCarried(node, carried)) inserted = true
    })
    if (inserted) return true
    let touched = false
    step.getMap().forEach((oldStart, oldEnd) => {
      if (!touched) touched = rangeTouches(doc, oldStart, oldEnd, carried)
    })
    // Mark steps have no map: their range is their own.
    if (!touched && (json.stepType === 'addMark' || json.stepType === 'removeMark') && json.from !== undefined && json.to !== undefined) {
      touched = rangeTouches(doc, json.from, json.to, carried)
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
          if (!carriesTargets(kind()) || !isOwnChange(tr) || !touchesCarried(tr)) return true
          onRefused()
          return false
        },
      }),
    ]
  },
})
