/**
 * A grid of cells pasted onto a table's indicator rows: the plan
 * (`grid-onto-rows.ts`) applied to the document — each cell's text
 * replaced, 一级/二级 set, rows added after the table's last — as ordinary
 * transactions that sync and undo like typing.
 */
import type { Node as PMNode, Slice } from '@tiptap/pm/model'
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { buildIndicator } from '@shared/model/build-document'
import type { NodeJSON } from '@shared/model/node-json'
import { readIndicator } from '@shared/model/read-document'
import { INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, NODE } from '@shared/schema/node-names'
import type { GridPastePlan, RowColumn, RowPaste, TextColumn } from './grid-onto-rows'
import { ancestor, extraColumnsOfRow } from './row-commands'

const TEXT_CELLS = { ...INDICATOR_CELLS, ...INDICATOR_EXTRA_CELLS } as Record<TextColumn, string>
const columnOfCell = (type: string) => (Object.entries(TEXT_CELLS) as [TextColumn, string][]).find(([, name]) => name === type)?.[0]

/** The cursor's place in an indicator row: which table (by its project's index), which row and column. */
export interface IndicatorCell {
  project: number
  row: number
  column: RowColumn
  columns: RowColumn[]
  rowCount: number
}

export function indicatorCellAt(state: EditorState): IndicatorCell | null {
  const { $from } = state.selection
  const row = ancestor($from, NODE.indicator)
  const project = ancestor($from, NODE.project)
  const column = columnOfCell($from.parent.type.name)
  if (!row || !project || !column) return null
  return {
    project: project.index,
    row: row.index,
    column,
    columns: ['level1', 'level2', ...(Object.keys(INDICATOR_CELLS) as RowColumn[]), ...extraColumnsOfRow(row.node)],
    rowCount: row.parent.childCount,
  }
}

/**
 * The indicator rows in a slice copied in the editor, each cell by its
 * column, as agreed (pending suggestions are not copied as if decided): 一级/
 * 二级 as written, a row partly selected with the cells selected.
 */
export function copiedRows(slice: Slice): Partial<Record<RowColumn, string>>[] {
  const rows: Partial<Record<RowColumn, string>>[] = []
  slice.content.descendants((node) => {
    if (node.type.name !== NODE.indicator) return true
    const text = readIndicator(node.toJSON() as NodeJSON)
    const row: Partial<Record<RowColumn, string>> = { level1: text.level1, level2: text.level2 }
    node.forEach((cell) => {
      const column = columnOfCell(cell.type.name)
      if (column) row[column] = text[column] ?? ''
    })
    rows.push(row)
    return false
  })
  return rows
}

/** The indicator list of the `index`-th project, with the position before it. */
function indicatorList(doc: PMNode, index: number): { node: PMNode; pos: number } | null {
  const part = doc.lastChild
  if (part?.type.name !== NODE.projectsPart || index >= part.childCount) return null
  let pos = doc.content.size - part.nodeSize + 1
  for (let i = 0; i < index; i++) pos += part.child(i).nodeSize
  const project = part.child(index)
  let found: { node: PMNode; pos: number } | null = null
  project.forEach((child, offset) => {
    if (child.type.name === NODE.indicatorList) found = { node: child, pos: pos + 1 + offset }
  })
  return found
}

export interface GridPasteParts {
  /** Set 一级/二级 on existing rows (suggestion mode cannot propose a classification). */
  levels: boolean
  /** Change the existing rows. */
  existing: boolean
  /** Add the rows past the table's last. */
  added: boolean
}

/** The plan as one transaction on `state`, for the parts asked; null when the table is gone or nothing changes. */
export function gridPasteTransaction(state: EditorState, project: number, plan: GridPastePlan, parts: GridPasteParts): Transaction | null {
  const list = indicatorList(state.doc, project)
  if (!list) return null
  const tr = state.tr
  const existing = plan.rows.filter((paste) => paste.row < list.node.childCount)
  const added = plan.rows.filter((paste) => paste.row >= list.node.childCount)
  // Added rows first, at the table's end: the existing rows before them keep their positions.
  if (parts.added && added.length > 0) {
    const last = list.node.lastChild
    const extras = extraColumnsOfRow(last)
    let level1 = (last?.attrs.level1 as string | undefined) || '产出指标'
    let level2 = ''
    const rows = added.map((paste) => {
      level1 = paste.level1 ? (paste.level1.label ?? paste.level1.name) : level1
      level2 = paste.level2 ? (paste.level2.label ?? paste.level2.name) : paste.level1 ? '' : level2
      const text = (column: TextColumn) => paste.text[column] ?? ''
      const indicator = { level1, level2, level3: text('level3'), description: text('description'), value: text('value'), basis: text('basis'), score: text('score'), note: text('note') }
      return state.schema.nodeFromJSON(buildIndicator(indicator, extras))
    })
    tr.insert(list.pos + list.node.nodeSize - 1, rows)
  }
  if (parts.existing) {
    // Last row first, last cell first: what is changed never moves what is still to change.
    const starts: number[] = []
    list.node.forEach((_, offset) => starts.push(list.pos + 1 + offset))
    for (const paste of [...existing].reverse()) fillRow(tr, list.node.child(paste.row), starts[paste.row]!, paste, parts.levels)
  }
  return tr.docChanged ? tr : null
}

/**
 * How many cells of the table's existing rows the plan writes over: cells that held text and would hold other
 * text. A paste onto rows replaces them, as in a spreadsheet; the person is told how many, so a row pasted onto
 * the wrong one is noticed (Ctrl+Z takes it back).
 */
export function overwrittenCells(doc: PMNode, project: number, plan: GridPastePlan): number {
  const list = indicatorList(doc, project)
  if (!list) return 0
  let count = 0
  for (const paste of plan.rows) {
    if (paste.row >= list.node.childCount) continue
    list.node.child(paste.row).forEach((cell) => {
      const column = columnOfCell(cell.type.name)
      const text = column === undefined ? undefined : paste.text[column]
      if (text !== undefined && cell.textContent.trim() !== '' && text !== cell.textContent) count++
    })
  }
  return count
}

function fillRow(tr: Transaction, row: PMNode, pos: number, paste: RowPaste, levels: boolean): void {
  if (levels && (paste.level1 || paste.level2)) {
    const attrs = { ...row.attrs }
    if (paste.level1) Object.assign(attrs, { level1: paste.level1.name, level1Label: paste.level1.label })
    if (paste.level2) Object.assign(attrs, { level2: paste.level2.name, level2Label: paste.level2.label })
    // A new 一级 without a 二级 leaves none rather than one that belongs elsewhere, as choosing it in the row does.
    else if (paste.level1 && attrs.level1 !== row.attrs.level1) Object.assign(attrs, { level2: '', level2Label: null })
    if (Object.keys(attrs).some((key) => attrs[key] !== row.attrs[key])) tr.setNodeMarkup(pos, undefined, attrs)
  }
  const cells: { start: number; node: PMNode }[] = []
  row.forEach((cell, offset) => cells.push({ start: pos + 1 + offset + 1, node: cell }))
  for (const { start, node } of cells.reverse()) {
    const column = columnOfCell(node.type.name)
    setCellText(tr, start, node, column === undefined ? undefined : paste.text[column])
  }
}

/** Replaces the text of the cell whose content starts at `start` (undefined or the same text: nothing to do). */
export function setCellText(tr: Transaction, start: number, cell: PMNode, text: string | undefined): void {
  if (text === undefined || text === cell.textContent) return
  const end = start + cell.content.size
  if (text === '') tr.delete(start, end)
  else tr.replaceWith(start, end, tr.doc.type.schema.text(text))
}
