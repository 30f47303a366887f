/**
 * Runs the finance review rules over a document: every project rule on
 * every table, every document rule once. `IncrementalChecks` keeps each
 * table's findings and re-runs project rules only for the tables that
 * changed — what the editor does on each keystroke.
 */
import type { BudgetDocument } from '../model/budget-document'
import type { DocumentText } from '../model/document-text'
import { modelFromText } from '../model/derive-model'
import { SEVERITY_ORDER, type Finding } from './finding'
import type { DocumentRule, ProjectInput, ProjectRule } from './rule'
import { budgetSum, codeShape, duplicateCodes, statedTotal } from './rules/arithmetic'
import { overallCompleteness, projectCompleteness } from './rules/completeness'
import { hasBenefit, hasOutput, levelsMatch, outputCoverage, satisfaction } from './rules/indicator-structure'
import { cost } from './rules/cost'
import { dates } from './rules/dates'
import { direction } from './rules/direction'
import { processMeasures } from './rules/process-measures'
import { copiedRows, goalIsUsage, partOneCoverage, unrelated } from './rules/relevance'
import { halfDecided } from './rules/half-decided'
import { hygiene } from './rules/hygiene'
import { misfiled } from './rules/misfiled'
import { kind } from './rules/kind'
import { goalMatchesIndicators, vagueGoal } from './rules/goal'
import { levels } from './rules/levels'
import { cellUnits, documentUnits } from './rules/money-units'
import { quantification } from './rules/quantification'
import { spendingPlan } from './rules/spending-plan'

export const PROJECT_RULES: readonly ProjectRule[] = [
  projectCompleteness, halfDecided, budgetSum, spendingPlan, dates, cost, levelsMatch, hasOutput, outputCoverage, hasBenefit, satisfaction,
  quantification, direction, levels, processMeasures, misfiled, kind, unrelated, goalIsUsage, vagueGoal, goalMatchesIndicators, hygiene, cellUnits,
]
export const DOCUMENT_RULES: readonly DocumentRule[] = [overallCompleteness, statedTotal, duplicateCodes, codeShape, copiedRows, partOneCoverage, documentUnits]

export const checkProject = (input: ProjectInput): Finding[] => PROJECT_RULES.flatMap((rule) => rule.check(input))

const checkWholeDocument = (model: BudgetDocument): Finding[] => DOCUMENT_RULES.flatMap((rule) => rule.check(model))

/** In document order: Part 1 first, then by table and row; within a place, errors first. */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.project ?? 0) - (b.project ?? 0) ||
      (a.indicator ?? 0) - (b.indicator ?? 0) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  )
}

/** Every finding of `text`; pass `model` when the caller has derived it already (it is `modelFromText(text)`). */
export function runChecks(text: DocumentText, model: BudgetDocument = modelFromText(text)): Finding[] {
  return sortFindings([
    ...checkWholeDocument(model),
    ...model.projects.flatMap((project, i) => checkProject({ model: project, text: text.projects[i]!, number: i + 1, year: model.year })),
  ])
}

export class IncrementalChecks {
  private perProject: Finding[][] = []

  /**
   * Findings for `text`, re-checking only the tables listed in `changed`
   * (0-based), or all of them. Numbers in findings follow the tables' current order.
   */
  update(text: DocumentText, model: BudgetDocument, changed: ReadonlySet<number> | 'all'): Finding[] {
    if (changed === 'all' || this.perProject.length !== model.projects.length) {
      this.perProject = model.projects.map((project, i) => checkProject({ model: project, text: text.projects[i]!, number: i + 1, year: model.year }))
    } else {
      for (const i of changed) this.perProject[i] = checkProject({ model: model.projects[i]!, text: text.projects[i]!, number: i + 1, year: model.year })
    }
    return sortFindings([...checkWholeDocument(model), ...this.perProject.flat()])
  }
}
