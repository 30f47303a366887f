/**
 * Figures as last typed. Two people typing into one cell at once merge
 * character by character ("6.60" typed offline, "3" typed online: "6.603"),
 * a believable figure nobody wrote. So a cell holding a figure carries, as
 * its attribute `entered`, its agreed text as the person who last changed
 * that text left it, written in the same transaction as the text. The
 * attribute is one Yjs map entry: last writer wins. After a merge the text
 * differs from `entered` only where two people wrote the cell concurrently
 * (each one's own edits and everything they had seen are in both), and
 * that is a finding until someone types in the cell again
 * (`shared/model/merged-figures.ts`, `shared/checks/rules/merged-figures.ts`).
 *
 * Absent (null) means not known — a document made before this, a cell
 * made by an import, the server, or a client that does not record — and
 * is never a finding. Only figure cells record (a few characters each, one
 * map entry per keystroke): narrative text merges as text should.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import { type Field, FUNDS_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, PROJECT_CELL_FIELDS, SPENDING_FIELDS } from './fields'
import { MARK } from './node-names'

/** The attribute a figure cell keeps its last typed text in. */
export const ENTERED = 'entered'

/** Where a figure cell sits, which decides how a finding names its place. */
export type FigureScope = 'project' | 'funds' | 'spending' | 'indicator'

/**
 * The cells that record what was typed, by node, with their field and the
 * key a finding names them by: every figure of the field table (amounts,
 * 执行数, 分值, 得分, percentages) and the row cells a figure is read from
 * (年度指标值, 实际完成值, 全年预计完成值: scoring compares them).
 */
export interface FigureCell {
  field: Field
  /** The key a finding names the cell by (`FindingField`). */
  key: string
  scope: FigureScope
}

const figure = (scope: FigureScope, key: (f: Field) => string) => (f: Field): [string, FigureCell] => [f.node!, { field: f, key: key(f), scope }]

export const FIGURE_CELLS: ReadonlyMap<string, FigureCell> = new Map<string, FigureCell>([
  ...PROJECT_CELL_FIELDS.filter((f) => f.numeric).map(figure('project', (f) => f.key)),
  ...FUNDS_FIELDS.map(figure('funds', (f) => f.node!)),
  ...SPENDING_FIELDS.filter((f) => f.numeric).map(figure('spending', () => 'spendingPlan')),
  ...[...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS, ...INDICATOR_FOLLOW_UP_FIELDS]
    .filter((f: Field) => f.numeric || ['value', 'actual', 'forecast'].includes(f.key))
    .map(figure('indicator', (f) => f.key)),
])

export const isFigureCell = (nodeName: string): boolean => FIGURE_CELLS.has(nodeName)

/** The cell's agreed text (pending insertions left out, pending deletions still in), as `readDocument` reads it. */
export function agreedText(cell: PMNode): string {
  let text = ''
  cell.forEach((child) => {
    if (child.isText && !child.marks.some((m) => m.type.name === MARK.insertion)) text += child.text
  })
  return text
}

/** The recorded text of a figure cell, or null when none is (a value of another type counts as none). */
export const enteredOf = (attrs: Record<string, unknown> | undefined): string | null => {
  const value = attrs?.[ENTERED]
  return typeof value === 'string' ? value : null
}
