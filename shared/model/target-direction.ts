/**
 * Which way an indicator's target points when its value names no sign: a
 * cost is a ceiling (成本指标 as a 一级 of its own, or as an 二级 under 产出),
 * and so is a harm the money should keep down (肇事率, 投诉率, 差错, 事故) —
 * unless the row counts how the harm was dealt with (投诉办结率, 事故处置率),
 * which should go up. Everything else is reached by getting there. The
 * checks (`direction.ts`, `cost.ts`) and the scoring of a 自评 or 监控 read
 * the same answer, so a 成本指标 of 250万 met at 240万 is met in both.
 */
import type { Indicator } from './budget-document'

type Classified = Pick<Indicator, 'level1' | 'level2' | 'level3'>

export const isCostIndicator = (indicator: Classified): boolean => indicator.level1 === '成本指标' || indicator.level2 === '成本指标'

/** Harm the money should keep down. */
const HARM = /肇事|肇祸|投诉率|投诉量|差错|事故|失误|发案|返工|不合格|死亡|伤亡|损失率|超支|逾期|缺陷|违纪|违规/
/** …unless the row counts how the harm was dealt with, which should go up. */
const DEALT_WITH = /下降|降低|减少|压降|防控|处置|化解|办结|结案|查处|整改|处理|回复|响应|排查/

export const isHarm = (indicator: Classified): boolean => HARM.test(indicator.level3) && !DEALT_WITH.test(indicator.level3)

/** Whether a target written without ≤ or ≥ is a ceiling: what it measures is kept down. */
export const aimsAtMost = (indicator: Classified): boolean => isCostIndicator(indicator) || isHarm(indicator)
