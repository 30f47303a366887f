/**
 * The indicator columns of a 绩效目标表, recognised by their header names
 * — with the synonyms real forms use — in any order. A header cell that
 * names no known column, a column named twice, or a required column
 * missing is an error naming it: values must never land in the wrong
 * field because the columns were in another order.
 */
import type { IndicatorText } from '../model/document-text'

/** The targets' columns; what a 监控 or 自评 adds to a row is read by their own layouts. */
export type IndicatorField = 'level1' | 'level2' | 'level3' | 'description' | 'value' | 'basis' | 'score' | 'note'

/** Header names per field, compared without spaces and units in brackets. */
const SYNONYMS: Record<IndicatorField, readonly string[]> = {
  level1: ['一级指标'],
  level2: ['二级指标'],
  level3: ['三级指标', '指标内容', '指标名称', '三级指标名称'],
  description: ['绩效指标描述', '指标解释', '指标说明', '指标描述', '指标内涵'],
  value: ['指标值', '年度指标值', '指标值及单位', '当年预期实现值', '绩效标准', '目标值', '年度目标值', '预期目标值'],
  // 绩效标准 is the value on forms without another value column, and how it was set (计划标准, 行业标准) beside one.
  basis: ['指标值确定依据', '确定依据', '指标值设定依据', '指标值确定依据及说明', '绩效标准'],
  score: ['分值', '权重', '权重分值', '指标分值'],
  note: ['备注', '评分细则', '评分标准', '说明'],
}

const REQUIRED: readonly IndicatorField[] = ['level1', 'level2', 'level3', 'value']

export const FIELD_NAME: Record<IndicatorField, string> = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  description: '绩效指标描述',
  value: '指标值',
  basis: '指标值确定依据',
  score: '分值',
  note: '备注',
}

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
