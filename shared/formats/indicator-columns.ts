/**
 * The indicator columns of a 绩效目标表, recognised by their header names
 * — with the synonyms real forms use — in any order. A header cell that
 * names no known column, a column named twice, or a required column
 * missing is an error naming it: values must never land in the wrong
 * field because the columns were in another order.
 */
import type { IndicatorText } from '../model/document-text'
import { byKey, INDICATOR_FIELDS, type IndicatorFieldKey } from '../schema/fields'

/** The targets' columns; what a 监控 or 自评 adds to a row is read by their own layouts. */
export type IndicatorField = IndicatorFieldKey

/** Header names per field (the field table's aliases), compared without spaces and units in brackets. */
const SYNONYMS: Record<IndicatorField, readonly string[]> = byKey(INDICATOR_FIELDS, (f) => f.aliases)

const REQUIRED: readonly IndicatorField[] = ['level1', 'level2', 'level3', 'value']

/** What each column is called in messages: the field's label. */
export const FIELD_NAME: Record<IndicatorField, string> = byKey(INDICATOR_FIELDS, (f) => f.label)

const normalise = (cell: string) => cell.replace(/[\s\u3000]/g, '').replace(/[（(][^）)]*[）)]$/, '')

/** The fields a header cell may name, in order of preference. */
const fieldsOf = (cell: string): IndicatorField[] =>
  (Object.keys(SYNONYMS) as IndicatorField[]).filter((field) => SYNONYMS[field].includes(normalise(cell)))

/** Whether a cell is the name of an indicator column. */
export const isColumnName = (cell: string): boolean => fieldsOf(cell).length > 0

/** Whether a row of cells is an indicator header (it names 一级指标 and 三级指标 or their synonyms). */
export const isIndicatorHeader = (cells: readonly string[]): boolean => {
  const fields = cells.flatMap(fieldsOf)
  return fields.includes('level1') && fields.includes('level3')
}

export type ColumnMap = Partial<Record<IndicatorField, number>>

/** The column of each field, from the header's cells; a reason in Chinese, and the column at fault where there is one, when the header cannot be read. */
export function indicatorColumns(cells: readonly string[]): { ok: true; columns: ColumnMap } | { ok: false; reason: string; column?: number } {
  const columns: ColumnMap = {}
  for (const [i, cell] of cells.entries()) {
    const candidates = fieldsOf(cell)
    if (candidates.length === 0) return { ok: false, column: i, reason: `指标表头第 ${i + 1} 列“${cell}”不是可识别的列名（应为 ${Object.values(FIELD_NAME).join('、')} 之一）` }
    const field = candidates.find((f) => columns[f] === undefined)
    if (!field) return { ok: false, column: i, reason: `指标表头中“${FIELD_NAME[candidates[0]!]}”出现了两次（第 ${columns[candidates[0]!]! + 1} 列和第 ${i + 1} 列）` }
    columns[field] = i
  }
  const missing = REQUIRED.filter((field) => columns[field] === undefined)
  if (missing.length > 0) return { ok: false, reason: `指标表头缺少${missing.map((f) => `“${FIELD_NAME[f]}”`).join('、')}` }
  return { ok: true, columns }
}

/** One indicator row's cells read by the column map (absent optional columns read as ''). */
export const readColumns = (cells: readonly string[], columns: ColumnMap): IndicatorText => {
  const at = (field: IndicatorField) => (columns[field] === undefined ? '' : (cells[columns[field]!] ?? ''))
  const extras = { score: at('score'), note: at('note') }
  return {
    level1: at('level1'), level2: at('level2'), level3: at('level3'), description: at('description'), value: at('value'), basis: at('basis'),
    ...(extras.score ? { score: extras.score } : {}),
    ...(extras.note ? { note: extras.note } : {}),
  }
}
