/**
 * A target not met must say why and what will change (偏差原因分析及改进措施,
 * 财预〔2020〕10号). "Not met" is decided by the scoring rules from the
 * 实际完成值, not by the 得分 the department wrote — so a full 得分 on a
 * missed target still needs its reason.
 */
import { indicatorEarned } from '../../self-evaluation/scoring'
import { findingsFor, type SelfEvaluationRule } from '../rule'

export const unexplainedShortfall: SelfEvaluationRule = {
  id: 'self-evaluation.deviation',
  check({ model, number: project }) {
    const f = findingsFor(this.id, project)
    return model.indicators.flatMap((indicator, i) => {
      const byRules = indicatorEarned(indicator, indicator.actual, indicator.points)
      const short = byRules !== null && byRules < indicator.points - 1e-9
      return short && indicator.deviation.trim() === ''
        ? [f.warning(`“${indicator.level3}”未达到年度指标值（${indicator.value}，实际 ${indicator.actual}），应填写偏差原因分析及改进措施`, { indicator: i + 1 })]
        : []
    })
  },
}
