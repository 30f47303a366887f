/**
 * The rows under a 自评表's or 监控表's 年度资金总额 that split it — 其中：本年财政拨款 (当年财政拨款,
 * 财政资金…), 上年结转资金, 其他资金 — and what each is in the targets' 预算数: its 财政资金, its 其他资金,
 * or, for 上年结转资金 (carried over from last year, neither this year's 财政拨款 nor 其他资金), no cell
 * at all. One table for every reader of these forms (`self-evaluation/` for loose text, `kind-forms/`
 * for Word, HTML, Excel and tabbed text), and one wording for what they could not read
 * (`DocumentText.unread`): the person hears the same sentence whichever file they imported.
 */
import type { FundsText } from '../model/document-text'
import { PROJECT_CELL_FIELDS } from '../schema/fields'

export interface BreakdownRow {
  /** The row's name in messages, where the form's own words are not at hand. */
  name: string
  /** The targets' cell its figure goes in; null: the model has none for it. */
  into: 'budgetFiscal' | 'budgetOther' | null
  /** Its names, without the "其中：" a first row carries. */
  names: readonly string[]
}

const aliasesOf = (key: 'budgetFiscal' | 'budgetOther'): readonly string[] => PROJECT_CELL_FIELDS.find((f) => f.key === key)!.aliases

/** In the order forms print them. */
export const BREAKDOWN: readonly BreakdownRow[] = [
  // 财预〔2020〕10号 writes 本年财政拨款; others 当年财政拨款, or the 财政资金 of the targets.
  { name: '其中：本年财政拨款', into: 'budgetFiscal', names: [...aliasesOf('budgetFiscal'), '当年财政拨款'] },
  { name: '上年结转资金', into: null, names: ['上年结转资金', '上年结转'] },
  { name: '其他资金', into: 'budgetOther', names: aliasesOf('budgetOther') },
]

/**
 * The funds column the targets' 预算数 is (and its 财政资金 and 其他资金 are) read from and written to:
 * 年初预算数, the figure the approved targets carried over, else 全年预算数 on a form without it. Every
 * reader and writer of these forms asks here, so one file never gives two 预算数 by its layout.
 */
export const budgetColumn = (funds: FundsText): 'initial' | 'budget' => (funds.initial.trim() !== '' ? 'initial' : 'budget')

/** "其中：", as the first row under the whole says it. */
export const PART_PREFIX = /^其中[:：]?/

/** The breakdown row a label names (spaces, "其中：" and a trailing colon aside), or null. */
export function breakdownRowOf(label: string): BreakdownRow | null {
  const name = label.replace(/[\s\u3000\u00a0]/g, '').replace(PART_PREFIX, '').replace(/[:：]$/, '')
  return BREAKDOWN.find((row) => row.names.includes(name)) ?? null
}

/** "A、B和C": the columns a row's figures are under, as a sentence names them. */
const listed = (names: readonly string[]): string => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}和${names.at(-1)}`)

/** A row whose figures run together in more than one way, or none: to be written in by hand where the model has its cell, else checked. */
export const unsplitRow = (row: BreakdownRow, written: string, headers: readonly string[]): string =>
  `${row.name}“${written}”无法分成${listed(headers)}，未导入，请按原表${row.into ? '填写' : '核对'}`

/** A row with figures the 预算数 has no cell for (上年结转资金, a 其中 row of another source). */
export const unplacedRow = (name: string, written: string): string => `${name}“${written}”未导入：预算数只分财政资金和其他资金，请按原表核对`
