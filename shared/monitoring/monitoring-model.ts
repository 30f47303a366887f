/**
 * The model of a 绩效运行监控 (the JSON `import --json` prints for one): the
 * targets' model with only keys added — per project the funds to date and
 * the 截至当期完成情况; per indicator the 截至当期完成值, the 全年预计完成值,
 * the 完成目标可能性, the 偏差原因 and the 纠偏措施. The targets' keys keep
 * their meaning (`value` is the 年度指标值, `score` the 分值).
 *
 * 执行率 is given two ways: `rate` = executed ÷ 全年预算数 as the form's
 * 执行率(B/A) column writes it (and as a 自评's is), and `planRate` =
 * executed ÷ (the 资金支出计划's share for the 截至月份 × 全年预算数) — whether
 * spending keeps to the plan, which is what a 监控 is for.
 */
import type { BudgetDocument, Indicator, Project } from '../model/budget-document'
import type { DocumentText, ProjectText } from '../model/document-text'
import { modelFromText } from '../model/derive-model'
import { fundsFigures } from '../model/funds-figures'
import { mergedInProject, mergedNodes, type MergedFigure } from '../model/merged-figures'
import { monthOf, plannedShare } from './plan-month'

export interface MonitoringDocument extends Omit<BudgetDocument, 'kind' | 'projects'> {
  kind: 'monitoring'
  /** 截至月份 as written, and its month (1–12) or null. */
  asOf: string
  month: number | null
  projects: MonitoringProject[]
}

export interface MonitoringFunds {
  /** 年初预算数, 全年预算数 and 截至当期执行数, in the form's unit (a figure naming its own, "3000元", converted: `funds-figures.ts`). */
  initial: number | null
  budget: number | null
  executed: number | null
  /** executed ÷ budget, in percent (0.01). */
  rate: number | null
  /** The 资金支出计划's cumulative percent for the 截至月份. */
  planned: number | null
  /** executed ÷ (planned × budget), in percent (0.01): 100 keeps to the plan. */
  planRate: number | null
}

export interface MonitoringProject extends Omit<Project, 'indicators'> {
  funds: MonitoringFunds
  /** 总体目标 截至当期完成情况 */
  achieved: string
  indicators: MonitoringIndicator[]
}

export interface MonitoringIndicator extends Indicator {
  /** 截至当期完成值, as written */
  actual: string
  /** 全年预计完成值, as written */
  forecast: string
  /** 完成目标可能性: one of `LIKELIHOODS` (`monitoring-choices.ts`), or "" */
  likelihood: string
  /** 偏差原因: one of `CAUSES` (`monitoring-choices.ts`), or "" */
  cause: string
  /** 纠偏措施 */
  measure: string
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** The funds to date, in the unit of a form of `moneyUnit`: the two 执行率, null where a figure is missing or the divisor is not positive. */
export function monitoringFunds(text: ProjectText['funds'], plan: Project['spendingPlan'], month: number | null, moneyUnit: string, merged?: ReadonlySet<string>): MonitoringFunds {
  const { initial, budget, executed } = fundsFigures(text, moneyUnit, merged)
  const planned = month === null ? null : plannedShare(plan, month)
  const usable = budget !== null && budget > 0 && executed !== null && executed >= 0
  const rate = usable ? round2((executed / budget) * 100) : null
  const planRate = usable && planned !== null && planned > 0 ? round2((executed / ((planned / 100) * budget)) * 100) : null
  return { initial, budget, executed, rate, planned, planRate }
}

/** `merged`: the project's merged figures (`merged-figures.ts`), no 执行率 worked out from them. */
export function monitoringProject(project: Project, text: ProjectText, month: number | null, merged: readonly MergedFigure[] = []): MonitoringProject {
  return {
    ...project,
    funds: monitoringFunds(text.funds, project.spendingPlan, month, project.moneyUnit, mergedNodes(merged)),
    achieved: text.achieved ?? '',
    indicators: project.indicators.map((indicator, i): MonitoringIndicator => {
      const row = text.indicators[i]
      return {
        ...indicator,
        actual: row?.actual ?? '', forecast: row?.forecast ?? '', likelihood: row?.likelihood ?? '', cause: row?.cause ?? '', measure: row?.measure ?? '',
      }
    }),
  }
}

export function monitoringModel(text: DocumentText): MonitoringDocument {
  const targets = modelFromText(text)
  const asOf = text.asOf ?? ''
  const month = monthOf(asOf)
  return { ...targets, kind: 'monitoring', asOf, month, projects: targets.projects.map((project, i) => monitoringProject(project, text.projects[i]!, month, mergedInProject(text.mergedFigures, i + 1))) }
}
