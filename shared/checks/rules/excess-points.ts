/**
 * A 自评 is scored out of 100. 分值 that add up, with the 预算执行率's, to
 * more than 100 let the 总分 pass 100 and the grade read higher than the
 * rules give: a real regional form weighs its 产出 70 and 效益 20 and puts
 * the 执行率's 10 on top (110), while its own note says 50/30/10/10. Such
 * a project is given no grade (`full-marks.ts`); this says why and how to
 * put it right.
 */
import { DEFAULT_WEIGHTS } from '../../self-evaluation/scoring'
import { FULL_MARKS, pointsPastFullMarks } from '../../self-evaluation/full-marks'
import { findingsFor, type SelfEvaluationRule } from '../rule'

export const excessPoints: SelfEvaluationRule = {
  id: 'self-evaluation.excess-points',
  check({ model, number: project }) {
    // The model withholds the grade by the same test (`full-marks.ts`): the finding and the missing grade always go together.
    const past = pointsPastFullMarks(model)
    if (!past) return []
    const { indicators, total } = past
    const weights = Object.entries(DEFAULT_WEIGHTS.levels).map(([level, points]) => `${level} ${points}`).join('、')
    return [findingsFor(this.id, project).error(
      `本项目分值合计 ${total} 分（指标 ${indicators} 分、预算执行率 ${model.funds.points} 分），超过 ${FULL_MARKS} 分：总分会高于规则所给，不评等级；应按 ${weights}、预算执行率 ${DEFAULT_WEIGHTS.execution} 分调整各指标分值`,
    )]
  },
}
