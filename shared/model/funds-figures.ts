/**
 * The 资金 figures of a 监控 or 自评 — 年初预算数, 全年预算数, 执行数 — read
 * from what is written as the targets' 预算数 is (`amounts.ts`): a figure
 * may name its own unit ("3000元", which 新建运行监控 carries verbatim from a
 * 预算数 typed that way), and is read in the form's unit (`moneyUnit`, 万元
 * by default). Every reader of these figures — both kinds' models, and so
 * the 执行率, the scoring, the checks, the exports and the dashboard — reads
 * them here: no place may take as a number what another calls "不是数字",
 * nor drop quietly what none can read (`unreadFigures` names them).
 */
import type { FundsText } from './document-text'
import { amountInUnit } from './amounts'
import { FUNDS_CELLS } from '../schema/node-names'

export type FundsFigure = 'initial' | 'budget' | 'executed'

export const FUNDS_FIGURES: readonly FundsFigure[] = ['initial', 'budget', 'executed']

/** Each figure in the form's unit; null where none is written or what is written is no amount. */
export type FundsFigures = Record<FundsFigure, number | null>

/**
 * The figures of `funds` (absent: a project with no 资金 row, every figure null), in the unit of a form of
 * `moneyUnit`. `merged`: the project's own cells (by node) two people's typing merged (`merged-figures.ts`),
 * read as no amount even where they parse ("6.603" from 6.60 and 3), so no 执行率 is worked out from them.
 */
export function fundsFigures(funds: FundsText | undefined, moneyUnit: string, merged: ReadonlySet<string> = new Set()): FundsFigures {
  const read = (key: FundsFigure) => (merged.has(FUNDS_CELLS[key]) ? null : amountInUnit(funds?.[key] ?? '', moneyUnit))
  return { initial: read('initial'), budget: read('budget'), executed: read('executed') }
}

/** The figures written but not read as an amount ("1.2.3", "0.800.80" where two people's typing met, "三千块"), in form order. */
export function unreadFigures(funds: FundsText | undefined, read: FundsFigures, which: readonly FundsFigure[] = FUNDS_FIGURES): FundsFigure[] {
  if (!funds) return []
  return which.filter((key) => funds[key].trim() !== '' && read[key] === null)
}
