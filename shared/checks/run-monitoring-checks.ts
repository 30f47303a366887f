/**
 * The checks of a 绩效运行监控. Its targets were reviewed when they were
 * approved and are carried verbatim, so the targets' rules are not run
 * again: these rules judge what the 监控 adds — progress to date, the
 * forecast, and the reasons and measures a deviation needs.
 */
import type { DocumentText } from '../model/document-text'
import { monitoringModel } from '../monitoring/monitoring-model'
import type { Finding } from './finding'
import type { MonitoringRule } from './rule'
import { sortFindings } from './run-checks'
import { behindPlan, doubtfulCertainty, incomparableActual, missingMeasure } from './rules/monitoring'

export const MONITORING_RULES: readonly MonitoringRule[] = [behindPlan, missingMeasure, doubtfulCertainty, incomparableActual]

export function runMonitoringChecks(text: DocumentText): Finding[] {
  const model = monitoringModel(text)
  return sortFindings(model.projects.flatMap((project, i) => MONITORING_RULES.flatMap((rule) => rule.check({ model: project, text: text.projects[i]!, number: i + 1 }))))
}
