/**
 * A 得分 more generous than its own figures: the department chooses within
 * the rules, not above them — full marks on a missed target, or more than
 * a 部分达成's 80%. What the rules allow is `indicatorEarned` of the
 * 实际完成值; where they allow nothing to be derived, nothing is said.
 */
import { parseAmount } from '../../model/numbers'
import { indicatorEarned } from '../../self-evaluation/scoring'
import { findingsFor, type SelfEvaluationRule } from '../rule'

export const generousScore: SelfEvaluationRule = {
  id: 'self-evaluation.generous',
  check({ model, text, number: project }) {
    const f = findingsFor(this.id, project)
    return model.indicators.flatMap((indicator, i) => {
      const written = parseAmount((text.indicators[i]?.earned ?? '').replace(/分$/, ''))
      const allowed = indicatorEarned(indicator, indicator.actual, indicator.points)
      if (written === null || allowed === null || written <= allowed + 0.011 || written > indicator.points) return []
      return [f.warning(`“${indicator.level3}”得分 ${written} 分，但按实际完成值（${indicator.actual}，目标 ${indicator.value}）最多应得 ${allowed} 分`, { indicator: i + 1 })]
    })
  },
}
