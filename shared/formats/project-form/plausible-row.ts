/**
 * The gate every indicator row read by position passes: a cell split by a
 * stray space or bracket ("( ≥**个 )"), a label broken over lines, or a
 * sign-off below the table shifts the cells after it into the wrong
 * columns, and the row still looks like a row. What no real row has — a
 * 三级 that is a value, a label where a value belongs, a lone bracket, a
 * score under 依据, a row without its 二级 — says the row is shifted. Such a
 * row is refused with its line; it is never stored.
 */
import type { IndicatorText } from '../../model/document-text'
import { resolveLevel1, resolveLevel2 } from '../../schema/taxonomy'
import { FIELD_NAME, isColumnName } from '../indicator-columns'
import { labelOf } from './form-labels'

const UNITS = '个人次天年月日周座辆台套份项户家所场篇亩米元万吨件册期批处名位条册间株棵头只公里公斤平方米立方米小时分钟工作日'
/** What a value looks like: a comparison, a number with a unit or a percentage, a date range, 是/否. */
const VALUE_LIKE = new RegExp(
  `^(?:[≥≤><=＞＜≧≦]|[+-]?[\\d.,]+\\s*(?:%|％|[${UNITS}]{1,4})?$|\\d{4}[.年/-]\\d{1,2}.*[-~至—].*\\d|是/否$|是$|否$)`,
)
/** Only brackets, punctuation or dashes: a fragment the layout split off, not a cell. */
export const FRAGMENT = /^[()（）[\]【】{}<>《》,，.。、;；:：|/\\\-—_*·"“”'‘’]+$/
const SCORE = /^[\d.]+\s*分?$/

const compact = (text: string) => text.replace(/[\s\u3000]/g, '')

/** A label of the form where a value belongs: a column name, an 一级/二级 name, a field's label. */
function isLabel(text: string): boolean {
  const t = compact(text)
  if (t === '') return false
  return isColumnName(t) || resolveLevel1(t).name === t || resolveLevel2(t).name === t || labelOf(t) !== null
}

/** Why the row cannot be as written, in Chinese, or null when it is plausible. A bare number outside 指标值 and 分值 is a shifted score. */
export function implausibleRow(row: IndicatorText): string | null {
  const name = row.level3 || row.value
  if (FRAGMENT.test(compact(row.level3))) return `三级指标只有“${row.level3}”`
  if (VALUE_LIKE.test(compact(row.level3))) return `三级指标“${row.level3}”像是指标值`
  if (row.level2 === '') return `指标“${name}”没有二级指标`
  for (const field of ['value', 'description', 'basis', 'note'] as const) {
    const text = row[field] ?? ''
    const label = FIELD_NAME[field]
    if (FRAGMENT.test(compact(text))) return `指标“${name}”的${label}只有“${text}”`
    if (isLabel(text)) return `指标“${name}”的${label}“${text}”是表中的栏目名称`
    if (field !== 'value' && SCORE.test(compact(text))) return `指标“${name}”的${label}“${text}”像是分值`
  }
  return null
}

/** The message for a refused row. */
export const shiftedRow = (reason: string): string => `${reason}：表格的单元格可能错位（括号、空格或换行把一格分成了两格，或签字栏混入了表格），请核对后重新导入`
