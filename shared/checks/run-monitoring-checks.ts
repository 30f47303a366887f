/**
 * The checks of a 绩效运行监控. Its targets were reviewed when they were
 * approved and are carried verbatim, so the targets' rules are not run
 * again: these rules judge what the 监控 adds — progress to date, the
 * forecast, and the reasons and measures a deviation needs — and, once
 * for the document, whether a 截至月份 was chosen. One targets' rule is:
 * 预算数 = 财政资金 + 其他资金, as an imported 监控's figures come from its
 * file and no review saw them.
 */
import type { DocumentText } from '../model/document-text'
import { monitoringBlankExecuted } from './rules/blank-executed'
import { monitoringModel } from '../monitoring/monitoring-model'
import type { Finding } from './finding'
import type { MonitoringRule } from './rule'
import { monitoringOverspent } from './rules/overspending'
import { monitoringUnreadableFunds } from './rules/unreadable-funds'
import { sortFindings } from './run-checks'
import { carriedBudgetSum } from './rules/arithmetic'
import { asOfUnset, behindPlan, doubtfulCertainty, incomparableActual, missingMeasure } from './rules/monitoring'

export const MONITORING_RULES: readonly MonitoringRule[] = [carriedBudgetSum, behindPlan, monitoringOverspent, monitoringUnreadableFunds, missingMeasure, doubtfulCertainty, incomparableActual, monitoringBlankExecuted]

export function runMonitoringChecks(text: DocumentText): Finding[] {
  const model = monitoringModel(text)
  return sortFindings([
    ...asOfUnset.check(model),
    ...model.projects.flatMap((project, i) => MONITORING_RULES.flatMap((rule) => rule.check({ model: project, text: text.projects[i]!, number: i + 1 }))),
  ])
}
