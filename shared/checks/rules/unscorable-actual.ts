/**
 * A 自评's 实际完成值 the rules cannot score: a number in a unit other than
 * its 指标值's (「12天」 against 「10个工作日内」, 「80人」 against 「≥95%」)
 * that no conversion joins (`actualInTargetUnit`: lengths of time), or a
 * share of one with no unit against a percentage (0.95 against ≥90%). Its 得分 stays
 * empty, and the 总分 with it, while the row looks filled in: a warning on
 * the row says why, where no 得分 was written by hand.
 */
import { parseIndicatorValue, type IndicatorValue } from '../../model/indicator-value'
import { actualInTargetUnit, fractionForPercent, isAmount } from '../../self-evaluation/scoring'
import { findingsFor, type SelfEvaluationRule } from '../rule'

/** Why a completion value and its target cannot be compared, in words that run on into the finding's. */
export function whyIncomparable(target: IndicatorValue, actual: IndicatorValue, targetText: string): string {
  if (!fractionForPercent(target, actual)) return `与年度指标值 ${targetText} 的单位不同，`
  const share = actual.number!
  return `没有写单位，年度指标值为 ${targetText}：是 ${Number((share * 100).toPrecision(12))}% 还是 ${share}%？`
}

export const unscorableActual: SelfEvaluationRule = {
  id: 'self-evaluation.comparable',
  check({ model, text, number: project }) {
    const f = findingsFor(this.id, project)
    return model.indicators.flatMap((indicator, i) => {
      if ((text.indicators[i]?.earned ?? '').trim() !== '') return []
      const target = parseIndicatorValue(indicator.value)
      const actual = parseIndicatorValue(indicator.actual)
      if (!isAmount(target) || !isAmount(actual) || actualInTargetUnit(target, actual) !== null) return []
      return [f.warning(`“${indicator.level3}”实际完成值 ${indicator.actual} ${whyIncomparable(target, actual, indicator.value)}无法按规则计分：请按指标值的单位填写，或填写得分`, { indicator: i + 1, field: 'actual' })]
    })
  },
}
