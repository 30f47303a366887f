/**
 * Derives the typed model from a document: the one pure function behind
 * the CLI's JSON, the checks and the exports.
 */
import type { BudgetDocument, Indicator, Project, ProjectDetails } from './budget-document'
import type { DocumentText, IndicatorText, ProjectText } from './document-text'
import type { NodeJSON } from './node-json'
import { amountInWan } from './amounts'
import { meansNone, parseAmount, parsePlanPercents, parseYear } from './numbers'
import { readDocument } from './read-document'
import { mergedInProject, mergedNodes, type MergedFigure } from './merged-figures'
import { NODE } from '../schema/node-names'
import { resolveLevel1, resolveLevel2 } from '../schema/taxonomy'

const indicatorModel = (indicator: IndicatorText, merged: ReadonlySet<string>): Indicator => ({
  level1: resolveLevel1(indicator.level1).name || indicator.level1,
  level2: resolveLevel2(indicator.level2).name || indicator.level2,
  level3: indicator.level3,
  description: indicator.description,
  value: indicator.value,
  basis: indicator.basis,
  score: merged.has(NODE.indicatorScore) ? null : parseAmount((indicator.score ?? '').replace(/分$/, '')),
  note: indicator.note ?? '',
})

export const NO_DETAILS: ProjectDetails = { department: '', implementer: '', manager: '', period: '', periodGoal: '' }

/**
 * `merged`: the project's figures that two people's typing merged (`merged-figures.ts`). Such a figure is
 * nobody's, even when it reads as a number ("57"): it counts as not read, so every total leaves the project out
 * and says so.
 */
const projectModel = (project: ProjectText, merged: readonly MergedFigure[]): Project => {
  const own = mergedNodes(merged)
  const percents = parsePlanPercents(project.spendingPlan.map((entry, e) => (mergedNodes(merged, null, e + 1).has(NODE.spendingPercent) ? '' : entry.percent)))
  const amount = (node: string, text: string) => (own.has(node) ? null : amountInWan(text, project.moneyUnit))
  return {
  unit: { code: project.unitCode, name: project.unitName },
  moneyUnit: project.moneyUnit,
  code: project.code,
  name: project.name,
  // In 万元 whatever unit the table or the cell is written in; the text keeps what was written.
  budget: {
    total: amount(NODE.budgetTotal, project.budgetTotal),
    fiscal: amount(NODE.budgetFiscal, project.budgetFiscal),
    other: meansNone(project.budgetOther) ? null : amount(NODE.budgetOther, project.budgetOther),
  },
  budgetUnit: '万元',
  usage: project.usage,
  spendingPlan: project.spendingPlan.map((entry, i) => ({ label: entry.label, percent: percents[i] ?? null })),
  goal: project.goal,
  indicators: project.indicators.map((indicator, r) => indicatorModel(indicator, mergedNodes(merged, r + 1))),
  details: { ...NO_DETAILS, ...project.details },
  costAsLevel1: project.indicators.some((indicator) => resolveLevel1(indicator.level1).name === '成本指标'),
  layout: project.details && Object.values(project.details).some((text) => text.trim() !== '') ? 'project-form' : 'department',
  }
}

/** The targets' model of a document; other kinds build on it (`shared/kinds/registry.ts`). */
export function modelFromText(text: DocumentText): BudgetDocument {
  return {
    kind: 'targets',
    title: text.title,
    year: parseYear(text.subtitle),
    preparedBy: text.preparedBy,
    reviewedBy: text.reviewedBy,
    overall: { goals: text.goals, subGoals: text.subGoals, safeguards: text.safeguards },
    projects: text.projects.map((project, i) => projectModel(project, mergedInProject(text.mergedFigures, i + 1))),
  }
}

/** The model of a document given as ProseMirror JSON. Never throws. */
export const deriveModel = (doc: NodeJSON): BudgetDocument => modelFromText(readDocument(doc))
