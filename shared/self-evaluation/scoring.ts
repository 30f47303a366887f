/**
 * The scoring of a 项目支出绩效自评表 as 财预〔2020〕10号 writes it, as pure
 * functions: the weights of the 一级 and of 预算执行率, each indicator's 分值
 * (split within its 一级 unless the form sets it), what an indicator earns
 * from its 实际完成值, what the 执行率 earns, the 总分 and its grade. The
 * checks, the importer and (next) the editor's live scoring all call these,
 * so a score follows one set of rules wherever it is shown.
 *
 * Amounts are rounded to 0.01 point, as forms write them; rounding never
 * lifts a score above its 分值 and keeps every score monotone.
 */
import type { Indicator } from '../model/budget-document'
import { MINUTES, parseIndicatorValue, type IndicatorValue } from '../model/indicator-value'
import { aimsAtMost } from '../model/target-direction'

/** What scoring reads of an indicator: its target, and what it measures (which way a bare target points). */
type IndicatorTarget = Pick<Indicator, 'level1' | 'level2' | 'level3' | 'value'>

/** The points of each 一级 and of 预算执行率; the bureau may set others per year. */
export interface Weights {
  readonly levels: Readonly<Record<string, number>>
  readonly execution: number
}

/** 产出 50, 效益 30, 满意度 10, 预算执行率 10 (财预〔2020〕10号 附件 2). */
export const DEFAULT_WEIGHTS: Weights = { levels: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 }, execution: 10 }

/** Weights that do not sum to 100, or hold a negative or non-finite part. */
export class WeightsError extends Error {
  readonly code = 'invalid-weights'
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** The weights, checked: every part finite and ≥ 0, together 100. Throws WeightsError. */
export function validWeights(weights: Weights): Weights {
  const parts = [...Object.values(weights.levels), weights.execution]
  if (parts.some((p) => !Number.isFinite(p) || p < 0)) throw new WeightsError('各项权重应为不小于 0 的数')
  const sum = round2(parts.reduce((a, b) => a + b, 0))
  if (sum !== 100) throw new WeightsError(`各项权重合计应为 100 分，实际为 ${sum} 分`)
  return weights
}

/** The weight an indicator's 一级 counts under: 成本指标 as a 一级 (101号) counts under 产出 unless weighted apart. */
export const weightKey = (level1: string, weights: Weights): string =>
  level1 in weights.levels ? level1 : level1 === '成本指标' && '产出指标' in weights.levels ? '产出指标' : level1

/**
 * Each indicator's 分值: the one the form sets, else an equal share of what
 * its 一级's weight leaves after the set ones. An indicator whose 一级 has
 * no weight gets 0 (the checks name it).
 */
export function indicatorPoints(indicators: readonly { level1: string; score: number | null }[], weights: Weights = DEFAULT_WEIGHTS): number[] {
  const groups = new Map<string, { set: number; unset: number }>()
  for (const indicator of indicators) {
    const key = weightKey(indicator.level1, weights)
    const group = groups.get(key) ?? { set: 0, unset: 0 }
    if (indicator.score === null) group.unset++
    else group.set += indicator.score
    groups.set(key, group)
  }
  return indicators.map((indicator) => {
    if (indicator.score !== null) return indicator.score
    const key = weightKey(indicator.level1, weights)
    const group = groups.get(key)!
    return round2(Math.max(0, (weights.levels[key] ?? 0) - group.set) / group.unset)
  })
}

/**
 * Whether a target points down (at most): as its sign says, or — a bare number or "=" — as what it measures
 * says (`aimsAtMost`: a cost, a harm); anything else is reached by getting there.
 */
const ceiling = (target: IndicatorValue, aimsLow: boolean) =>
  target.sign === '≤' || target.sign === '<' || (aimsLow && target.sign !== '≥' && target.sign !== '>')

/** Units that say the same thing. */
const unitOf = (value: IndicatorValue) => value.unit.replace(/^百分比$/, '%').replace(/^％$/, '%')

/** Whether a value is an amount the rules compare: a number, and not a date (a length of time is one: ≤2小时). */
export const isAmount = (value: IndicatorValue): boolean => value.number !== null && (!value.time || value.duration)

/**
 * An actual with no unit that reads as a share of one (0.95, 1) against a percentage target above 1% (≥90%):
 * 95% or 0.95%? Taken in the target's unit it scored 0.13 of 12.5 (a tryout), so it is not compared.
 */
export const fractionForPercent = (target: IndicatorValue, actual: IndicatorValue): boolean =>
  unitOf(actual) === '' && unitOf(target) === '%' && actual.number !== null && actual.number > 0 && actual.number <= 1 && (target.number ?? 0) > 1

/**
 * `actual`'s number in `target`'s unit: as written where the units agree (an actual with no unit is taken in the
 * target's, but for a share of one against a percentage: `fractionForPercent`), converted where both are lengths of time (90分钟 is 1.5小时); null where they cannot be compared.
 */
export function actualInTargetUnit(target: IndicatorValue, actual: IndicatorValue): number | null {
  if (actual.number === null || fractionForPercent(target, actual)) return null
  if (unitOf(actual) === '' || unitOf(actual) === unitOf(target)) return actual.number
  const [from, to] = [MINUTES[actual.unit], MINUTES[target.unit]]
  return actual.duration && target.duration && from !== undefined && to !== undefined ? (actual.number * from) / to : null
}

/**
 * What a quantitative indicator earns: the full 分值 when the actual value
 * meets the target in its direction; short of it, the 分值 × actual ÷
 * target (at least) or × target ÷ actual (at most); never above the 分值,
 * never below 0. Null when either has no number or their units differ
 * (an actual with no unit is taken in the target's, and a length of time
 * converted: 90分钟 is 1.5小时).
 */
export function quantitativeEarned(targetText: string, actualText: string, points: number, aimsLow = false): number | null {
  const target = parseIndicatorValue(targetText)
  const actual = parseIndicatorValue(actualText)
  if (!isAmount(target) || !isAmount(actual)) return null
  const converted = actualInTargetUnit(target, actual)
  if (converted === null || target.number === null) return null
  const share = ceiling(target, aimsLow)
    ? converted <= target.number ? 1 : target.number / converted
    : converted >= target.number ? 1 : target.number === 0 ? 1 : converted / target.number
  return round2(points * Math.min(1, Math.max(0, share)))
}

/** A qualitative target's outcome, as the department judges it. */
export type Band = '达成' | '部分达成' | '未达成'

/** The share of the 分值 each band allows: 达成 100%, 部分达成 60–80%, 未达成 below 60%. */
export const BANDS: Readonly<Record<Band, { min: number; max: number; maxIncluded: boolean }>> = {
  达成: { min: 1, max: 1, maxIncluded: true },
  部分达成: { min: 0.6, max: 0.8, maxIncluded: true },
  未达成: { min: 0, max: 0.6, maxIncluded: false },
}

/** A share outside its band. */
export class BandError extends Error {
  readonly code = 'share-outside-band'
}

/**
 * What a qualitative indicator earns: 分值 × the share the department
 * chose within its band (达成 always 100%; 部分达成 defaults to 80%, 未达成
 * to 0). Throws BandError for a share outside the band.
 */
export function qualitativeEarned(band: Band, points: number, share: number = band === '部分达成' ? 0.8 : band === '达成' ? 1 : 0): number {
  const { min, max, maxIncluded } = BANDS[band]
  if (!(share >= min && (maxIncluded ? share <= max : share < max))) {
    throw new BandError(`“${band}”的得分比例应在 ${min * 100}%–${max * 100}%${maxIncluded ? '' : '（不含）'} 之间，而不是 ${round2(share * 100)}%`)
  }
  return round2(points * share)
}

/** The band an 实际完成值 written in words names ("达成预期指标", "基本达成"), or null. */
export function bandOf(actualText: string): Band | null {
  const text = actualText.replace(/[\s\u3000]/g, '')
  if (/未达成|未完成|未达到|没有达到/.test(text)) return '未达成'
  if (/部分达成|基本达成|部分完成|基本完成/.test(text)) return '部分达成'
  if (/达成|完成|达到|实现/.test(text)) return '达成'
  return null
}

/**
 * What an indicator earns from its 实际完成值: by number where both are
 * numbers (a bare 成本指标 figure a ceiling: `target-direction.ts`), else by the band its words name (达成 full, 部分达成 80%, 未达成
 * 0), else — an actual that repeats a qualitative target word for word —
 * full. Null when nothing can be derived.
 */
export function indicatorEarned(indicator: IndicatorTarget, actualText: string, points: number): number | null {
  const targetText = indicator.value
  const byNumber = quantitativeEarned(targetText, actualText, points, aimsAtMost(indicator))
  if (byNumber !== null) return byNumber
  const band = bandOf(actualText)
  if (band) return qualitativeEarned(band, points)
  const same = (s: string) => s.replace(/[\s\u3000]/g, '')
  return actualText.trim() !== '' && same(actualText) === same(targetText) && parseIndicatorValue(targetText).qualitative ? points : null
}

/** 执行率 = 全年执行数 ÷ 全年预算数 (in percent, 0.01), and what it earns: the weight × the rate, never above it. Null without a positive budget. */
export function executionScore(budget: number | null, executed: number | null, points: number): { rate: number; earned: number } | null {
  if (budget === null || executed === null || !(budget > 0) || executed < 0) return null
  const rate = executed / budget
  return { rate: round2(rate * 100), earned: round2(points * Math.min(1, rate)) }
}

export type Grade = '优' | '良' | '中' | '差'

/** 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60. */
export const gradeOf = (total: number): Grade => (total >= 90 ? '优' : total >= 80 ? '良' : total >= 60 ? '中' : '差')

/** 总分: the indicators' and the 执行率's points together; null when any of them is unknown. */
export function totalScore(parts: readonly (number | null)[]): number | null {
  return parts.some((p) => p === null) ? null : round2(parts.reduce<number>((a, b) => a + b!, 0))
}
