/**
 * A grid pasted onto a 资金支出计划 (its dates in one row, their
 * percentages in the row below, as on the form): filled across from the
 * cursor's cell as a spreadsheet would — a grid's first row onto the row
 * the cursor is in, its second (after dates) onto the percentages — with
 * dates added after the last as needed. A column of cells (copied from a
 * spreadsheet column) goes across; the form's own row label
 * (资金支出计划（%）) is not a date. Cells with nowhere to go are counted.
 */
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { joinLines } from '@shared/formats/clipboard/join-lines'
import { NODE } from '@shared/schema/node-names'
import { setCellText } from './grid-paste'
import { ancestor } from './row-commands'

export interface SpendingCell {
  /** The spending plan's position, and which entry and row the cursor is in. */
  plan: number
  entry: number
  row: 'label' | 'percent'
}

export function spendingCellAt(state: EditorState): SpendingCell | null {
  const { $from } = state.selection
  const row = $from.parent.type.name === NODE.spendingLabel ? 'label' : $from.parent.type.name === NODE.spendingPercent ? 'percent' : null
  const entry = ancestor($from, NODE.spendingEntry)
  const plan = ancestor($from, NODE.spendingPlan)
  return row && entry && plan ? { plan: plan.pos, entry: entry.index, row } : null
}

export interface SpendingPaste {
  /** The entries from the cursor's on: a date and a percentage each, undefined where the grid has none. */
  entries: { label?: string; percent?: string }[]
  dropped: number
}

/** Where the grid's cells go. Pure. */
export function planSpendingPaste(grid: readonly (readonly string[])[], row: SpendingCell['row']): SpendingPaste {
  const across = grid.length > 1 && grid.every((cells) => cells.length === 1) ? [grid.map((cells) => cells[0]!)] : grid.map((cells) => [...cells])
  // The form's row label, and the merged cell under it.
  if (/资金支出计划/.test(across[0]?.[0] ?? '')) across.forEach((cells) => cells.shift())
  const [first = [], second = [], ...rest] = across
  const entries: SpendingPaste['entries'] = []
  const put = (cells: readonly string[], key: 'label' | 'percent') => cells.forEach((cell, i) => ((entries[i] ??= {})[key] = joinLines(cell)))
  put(first, row)
  if (row === 'label') put(second, 'percent')
  const left = [...(row === 'percent' ? [second] : []), ...rest].flat()
  return { entries: Array.from(entries, (entry) => entry ?? {}), dropped: left.filter((cell) => cell.trim()).length }
}

/** The plan as one transaction: entries added after the last (when `added`), cells changed in existing ones (when `existing`). */
export function spendingPasteTransaction(state: EditorState, at: SpendingCell, paste: SpendingPaste, parts: { existing: boolean; added: boolean }): Transaction | null {
  const plan = state.doc.nodeAt(at.plan)
  if (plan?.type.name !== NODE.spendingPlan) return null
  const tr = state.tr
  const schema = state.schema
  const field = (type: string, text: string) => schema.nodes[type]!.create(null, text ? schema.text(text) : null)
  const beyond = paste.entries.slice(Math.max(0, plan.childCount - at.entry))
  if (parts.added && beyond.length > 0) {
    const nodes = beyond.map((e) => schema.nodes[NODE.spendingEntry]!.create(null, [field(NODE.spendingLabel, e.label ?? ''), field(NODE.spendingPercent, e.percent ?? '')]))
    tr.insert(at.plan + plan.nodeSize - 1, nodes)
  }
  if (parts.existing) {
    const starts: number[] = []
    plan.forEach((_, offset) => starts.push(at.plan + 1 + offset))
    // Last entry first, last cell first: what is changed never moves what is still to change.
    for (let i = Math.min(paste.entries.length, plan.childCount - at.entry) - 1; i >= 0; i--) {
      const entry = plan.child(at.entry + i)
      const pasted = paste.entries[i]!
      const cells: { start: number; node: typeof entry }[] = []
      entry.forEach((cell, offset) => cells.push({ start: starts[at.entry + i]! + 1 + offset + 1, node: cell }))
      for (const { start, node } of cells.reverse()) setCellText(tr, start, node, node.type.name === NODE.spendingLabel ? pasted.label : pasted.percent)
    }
  }
  return tr.docChanged ? tr : null
}
