/**
 * Builds the ProseMirror JSON of a document from its text fields: the one
 * way importers, templates and tests make documents. 一级/二级 labels are
 * resolved against the taxonomy here; a non-standard label is kept beside
 * the standard name so that export gives back what was written.
 */
import type { DocumentText, FundsText, IndicatorText, ProjectText, SubGoalText } from './document-text'
import type { NodeJSON } from './node-json'
import { resolveLevel1, resolveLevel2 } from '../schema/taxonomy'
import { DETAIL_CELLS, FUNDS_CELLS, INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, INDICATOR_FOLLOW_UP_CELLS, NODE, PROJECT_CELLS } from '../schema/node-names'
import { KIND_LAYOUT, type FollowUpColumn, type KindLayout } from './kind-layout'

export function field(type: string, text: string): NodeJSON {
  return text === '' ? { type } : { type, content: [{ type: NODE.text, text }] }
}

const node = (type: string, content: NodeJSON[], attrs?: Record<string, unknown>): NodeJSON =>
  attrs ? { type, attrs, content } : { type, content }

export function buildSubGoal(subGoal: SubGoalText): NodeJSON {
  return node(NODE.subGoal, [
    field(NODE.subGoalTitle, subGoal.title),
    field(NODE.subGoalDuty, subGoal.duty),
    field(NODE.subGoalTarget, subGoal.target),
  ])
}

export type ExtraColumn = keyof typeof INDICATOR_EXTRA_CELLS

/** The optional columns a project's rows carry: those any of its rows fills. */
export const extraColumnsOf = (indicators: readonly IndicatorText[]): ExtraColumn[] =>
  (Object.keys(INDICATOR_EXTRA_CELLS) as ExtraColumn[]).filter((key) => indicators.some((indicator) => indicator[key]))

/** The cells a 监控's or 自评's rows add: those its kind lists and any a row fills, in the schema's order. */
export const followUpColumnsOf = (indicators: readonly IndicatorText[], layout: KindLayout = KIND_LAYOUT.targets): FollowUpColumn[] =>
  (Object.keys(INDICATOR_FOLLOW_UP_CELLS) as FollowUpColumn[]).filter((key) => layout.rowCells.includes(key) || indicators.some((indicator) => indicator[key]))

export function buildIndicator(
  indicator: IndicatorText,
  extras: readonly ExtraColumn[] = extraColumnsOf([indicator]),
  followUps: readonly FollowUpColumn[] = followUpColumnsOf([indicator]),
): NodeJSON {
  const level1 = resolveLevel1(indicator.level1)
  const level2 = resolveLevel2(indicator.level2)
  const cells = [
    ...Object.entries(INDICATOR_CELLS).map(([key, type]) => field(type, indicator[key as keyof typeof INDICATOR_CELLS])),
    ...extras.map((key) => field(INDICATOR_EXTRA_CELLS[key], indicator[key] ?? '')),
    ...followUps.map((key) => field(INDICATOR_FOLLOW_UP_CELLS[key], indicator[key] ?? '')),
  ]
  return node(NODE.indicator, cells, {
    level1: level1.name,
    level1Label: level1.label,
    level2: level2.name,
    level2Label: level2.label,
  })
}

/** A project; `layout` is its document's kind's (`kind-layout.ts`): a 监控 or 自评 gets its 资金, 实际完成情况 and row cells even while empty. */
export function buildProject(project: ProjectText, layout: KindLayout = KIND_LAYOUT.targets): NodeJSON {
  const cells = Object.entries(PROJECT_CELLS).map(([key, type]) =>
    field(type, project[key as keyof typeof PROJECT_CELLS]),
  )
  const details = project.details && Object.values(project.details).some(Boolean) ? project.details : null
  const extras = extraColumnsOf(project.indicators)
  const followUps = followUpColumnsOf(project.indicators, layout)
  const funds = project.funds ?? (layout.follows ? NO_FUNDS_TEXT : null)
  const achieved = project.achieved ?? (layout.follows ? '' : null)
  return node(NODE.project, [
    ...cells,
    ...(details ? [node(NODE.projectDetails, Object.entries(DETAIL_CELLS).map(([key, type]) => field(type, details[key as keyof typeof DETAIL_CELLS])))] : []),
    ...(funds ? [node(NODE.projectFunds, Object.entries(FUNDS_CELLS).map(([key, type]) => field(type, funds[key as keyof typeof FUNDS_CELLS])))] : []),
    ...(achieved !== null ? [field(NODE.projectAchieved, achieved)] : []),
    node(
      NODE.spendingPlan,
      project.spendingPlan.map((entry) =>
        node(NODE.spendingEntry, [field(NODE.spendingLabel, entry.label), field(NODE.spendingPercent, entry.percent)]),
      ),
    ),
    field(NODE.projectGoal, project.goal),
    node(NODE.indicatorList, project.indicators.map((indicator) => buildIndicator(indicator, extras, followUps))),
  ])
}

const NO_FUNDS_TEXT: FundsText = { initial: '', budget: '', executed: '', rate: '', points: '', earned: '' }

/**
 * The whole document's content. Never throws; the result is valid for
 * `documentSchema`. Its kind and 截至月份 are not content: they go in the
 * Y.Doc's meta (`createYDocumentFromText`).
 */
export function buildDocument(text: DocumentText): NodeJSON {
  const layout = KIND_LAYOUT[text.kind ?? 'targets']
  return node(NODE.doc, [
    node(NODE.titleBlock, [
      field(NODE.docTitle, text.title),
      field(NODE.docSubtitle, text.subtitle),
      field(NODE.docPreparer, text.preparedBy),
      field(NODE.docReviewer, text.reviewedBy),
    ]),
    node(NODE.overallPart, [
      node(NODE.goalsSection, text.goals.map((goal) => field(NODE.goalItem, goal))),
      node(NODE.subGoalsSection, text.subGoals.map(buildSubGoal)),
      node(NODE.safeguardsSection, text.safeguards.map((item) => field(NODE.safeguardItem, item))),
    ]),
    node(NODE.projectsPart, text.projects.map((project) => buildProject(project, layout))),
  ])
}

/** A blank target table, for "add a project" and templates. */
export const BLANK_PROJECT: ProjectText = {
  unitCode: '',
  unitName: '',
  moneyUnit: '万元',
  code: '',
  name: '',
  budgetTotal: '',
  budgetFiscal: '',
  budgetOther: '',
  usage: '',
  spendingPlan: ['3月底', '6月底', '10月底', '12月底'].map((label) => ({ label, percent: '' })),
  goal: '',
  indicators: [],
}
