/**
 * Spending above the budget (超支): a 自评's 全年执行数 or a 监控's
 * 截至当期执行数 above its 全年预算数. The 执行率 then reads over 100%, and
 * the 自评's 预算执行率 still earns its full 分值 (the score is the rate,
 * capped at the 分值: `executionScore` in `scoring.ts`), so nothing on the
 * form says it is wrong — but money spent beyond the budget is not a merit.
 * A reviewer has to look and decide (an adjusted budget not yet written
 * in, or spending without one): a warning on the 执行数 cell.
 */
import type { Finding } from '../finding'
import { findingsFor, type MonitoringRule, type SelfEvaluationRule } from '../rule'

interface Spending {
  name: string
  moneyUnit: string
  funds: { budget: number | null; executed: number | null; rate: number | null }
}

/** The finding for `spent` when its 执行数 is above its 全年预算数, else none. */
function overspent(rule: string, project: number, spent: Spending, executedLabel: string, note = ''): Finding[] {
  const { budget, executed } = spent.funds
  if (budget === null || executed === null || !(budget > 0) || !(executed > budget)) return []
  const unit = spent.moneyUnit.trim() || '万元'
  const rate = spent.funds.rate ?? Math.round((executed / budget) * 10000) / 100
  return [
    findingsFor(rule, project).warning(
      `项目“${spent.name}”${executedLabel} ${executed} ${unit}超过全年预算数 ${budget} ${unit}（执行率 ${rate}%）：超支，执行率超过 100% 不是成绩${note}；应核实执行数，或说明超支原因及预算调整依据`,
      { field: 'fundsExecuted' },
    ),
  ]
}

export const selfEvaluationOverspent: SelfEvaluationRule = {
  id: 'self-evaluation.overspent',
  // The score is capped, not lifted: say so, lest the full 分值 read as a reward for the overspending.
  check: ({ model, number }) => overspent('self-evaluation.overspent', number, model, '全年执行数', `，预算执行率得分只到分值 ${model.funds.points} 分为止`),
}

export const monitoringOverspent: MonitoringRule = {
  id: 'monitoring.overspent',
  check: ({ model, number }) => overspent('monitoring.overspent', number, model, '截至当期执行数'),
}
