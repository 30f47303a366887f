/**
 * The two shapes a rule can have: one that looks at a single 绩效目标表
 * (re-run only for the table that changed) and one that looks at the
 * whole document (cheap, re-run every time).
 */
import type { BudgetDocument, Project } from '../model/budget-document'
import type { ProjectText } from '../model/document-text'
import type { Finding, FindingField, Severity } from './finding'
import type { SelfEvaluationProject } from '../self-evaluation/self-evaluation-model'
import type { MonitoringProject } from '../monitoring/monitoring-model'

/** One table as the model reads it and as its cells are written (to tell an empty cell from one that is not a number). */
export interface ProjectInput {
  model: Project
  text: ProjectText
  /** 1-based, as the document numbers its tables. */
  number: number
  /** The budget year of the document (deadlines and spending dates must fall in it), when known. */
  year: number | null
}

export interface ProjectRule {
  id: string
  check(input: ProjectInput): Finding[]
}

export interface DocumentRule {
  id: string
  check(doc: BudgetDocument): Finding[]
}

/** Finding builders bound to a rule and a project, so rule files read as the rules they state. */
export function findingsFor(rule: string, project: number | null) {
  const make = (severity: Severity) => (message: string, where: { indicator?: number; field?: FindingField } = {}): Finding => ({
    rule,
    severity,
    project,
    indicator: where.indicator ?? null,
    field: where.field ?? null,
    message,
  })
  return { error: make('error'), warning: make('warning'), info: make('info') }
}

/** One project of a 绩效自评, as the model derives it and as its cells are written. */
export interface SelfEvaluationInput {
  model: SelfEvaluationProject
  text: ProjectText
  number: number
}

export interface SelfEvaluationRule {
  id: string
  check(input: SelfEvaluationInput): Finding[]
}

/** One project of a 绩效运行监控, as the model derives it and as its cells are written. */
export interface MonitoringInput {
  model: MonitoringProject
  text: ProjectText
  number: number
}

export interface MonitoringRule {
  id: string
  check(input: MonitoringInput): Finding[]
}
