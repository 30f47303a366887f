/**
 * A 自评 is scored out of 100: 产出 50, 效益 30, 满意度 10, 预算执行率 10.
 * A project with no indicator under one of those 一级 cannot earn that
 * weight, so its 总分 tops out below 100 and the grade reads lower than
 * its figures — which nobody would see from the rows that are there.
 */
import { DEFAULT_WEIGHTS, weightKey } from '../../self-evaluation/scoring'
import { findingsFor, type SelfEvaluationRule } from '../rule'

const round2 = (n: number) => Math.round(n * 100) / 100

export const unreachablePoints: SelfEvaluationRule = {
  id: 'self-evaluation.unreachable-points',
  check({ model, number: project }) {
    const attainable = round2(model.indicators.reduce((sum, i) => sum + i.points, 0) + model.funds.points)
    if (attainable >= 100 || model.indicators.length === 0) return []
    const present = new Set(model.indicators.map((i) => weightKey(i.level1, DEFAULT_WEIGHTS)))
    const missing = Object.entries(DEFAULT_WEIGHTS.levels).filter(([level]) => !present.has(level))
    const why = missing.length > 0 ? `：没有${missing.map(([level, points]) => `${level}（${points} 分）`).join('、')}` : ''
    return [findingsFor(this.id, project).warning(`本项目满分只有 ${attainable} 分${why}，总分和等级按 100 分计，达成全部目标也得不到这部分分数`)]
  },
}
