/**
 * A 资金 figure of a 监控 or 自评 written but not a number ("1.2.3", or
 * "0.800.80" where two people's typing met): the model reads it as
 * missing, so the 执行率 shows "—" and the dashboard counts the project as
 * not yet filled in — while the cell holds something that looks filled.
 * As the targets' 预算数, it is an error on the cell. A figure with its own
 * unit ("3000元") is an amount, read as the targets' 预算数 is
 * (`funds-figures.ts`): no finding.
 */
import type { FundsText } from '../../model/document-text'
import { unreadFigures, type FundsFigures } from '../../model/funds-figures'
import { FUNDS_FIELDS, kindLabelOf, type FollowUpKind } from '../../schema/fields'
import type { Finding } from '../finding'
import { findingsFor, type MonitoringRule, type SelfEvaluationRule } from '../rule'

function unreadable(rule: string, kind: FollowUpKind, project: number, written: FundsText | undefined, read: FundsFigures): Finding[] {
  return unreadFigures(written, read).map((key) => {
    const field = FUNDS_FIELDS.find((f) => f.key === key)!
    return findingsFor(rule, project).error(`${kindLabelOf(field, kind) ?? field.label}“${written![key].trim()}”不是数字：执行率和得分都读不出，请改为一个数`, { field: field.node })
  })
}

export const selfEvaluationUnreadableFunds: SelfEvaluationRule = {
  id: 'self-evaluation.unreadable-funds',
  check: ({ model, text, number }) => unreadable('self-evaluation.unreadable-funds', 'self-evaluation', number, text.funds, model.funds),
}

export const monitoringUnreadableFunds: MonitoringRule = {
  id: 'monitoring.unreadable-funds',
  check: ({ model, text, number }) => unreadable('monitoring.unreadable-funds', 'monitoring', number, text.funds, model.funds),
}
