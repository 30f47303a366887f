/**
 * A 监控 or 自评 whose 执行数 is blank: its 执行率 reads 「—」 and, in a
 * 自评, the 执行率's 得分 and the 总分 wait for it, while the checks said
 * nothing — only the bureau's dashboard counted it 「未填执行数」. A warning
 * on the cell; nothing spent is written 0.
 */
import { FUNDS_FIELDS, kindLabelOf, type FollowUpKind } from '../../schema/fields'
import type { Finding } from '../finding'
import type { FundsText } from '../../model/document-text'
import { findingsFor, type MonitoringRule, type SelfEvaluationRule } from '../rule'

const EXECUTED = FUNDS_FIELDS.find((f) => f.key === 'executed')!

const WAITING: Record<FollowUpKind, string> = { monitoring: '执行率', 'self-evaluation': '执行率、执行率得分和总分' }

function blankExecuted(rule: string, kind: FollowUpKind, project: number, funds: FundsText | undefined): Finding[] {
  if ((funds?.executed ?? '').trim() !== '') return []
  const label = kindLabelOf(EXECUTED, kind) ?? EXECUTED.label
  return [findingsFor(rule, project).warning(`${label}未填：${WAITING[kind]}无法计算，请填写（没有支出的填 0）`, { field: EXECUTED.node })]
}

export const selfEvaluationBlankExecuted: SelfEvaluationRule = {
  id: 'self-evaluation.blank-executed',
  check: ({ text, number }) => blankExecuted('self-evaluation.blank-executed', 'self-evaluation', number, text.funds),
}

export const monitoringBlankExecuted: MonitoringRule = {
  id: 'monitoring.blank-executed',
  check: ({ text, number }) => blankExecuted('monitoring.blank-executed', 'monitoring', number, text.funds),
}
