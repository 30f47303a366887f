/**
 * Names of the schema's nodes, in one place: the schema, the document
 * builder and the readers refer to nodes only through these.
 *
 * A 绩效文本 is one tree:
 *
 *   doc              := titleBlock overallPart projectsPart
 *   titleBlock       := docTitle docSubtitle docPreparer docReviewer
 *   overallPart      := goalsSection subGoalsSection safeguardsSection
 *   goalsSection     := goalItem*
 *   subGoalsSection  := subGoal*
 *   subGoal          := subGoalTitle subGoalDuty subGoalTarget
 *   safeguardsSection:= safeguardItem*
 *   projectsPart     := project*
 *   project          := unitCode unitName moneyUnit projectCode projectName
 *                       budgetTotal budgetFiscal budgetOther fundUsage
 *                       projectDetails? spendingPlan projectGoal indicatorList
 *   projectDetails   := projectDepartment projectImplementer projectManager
 *                       projectPeriod projectPeriodGoal
 *   spendingPlan     := spendingEntry*
 *   spendingEntry    := spendingLabel spendingPercent
 *   indicatorList    := indicator*
 *   indicator        := indicatorName indicatorDescription indicatorValue indicatorBasis
 *                       indicatorScore? indicatorNote?
 *
 * The optional nodes are what other regions' forms add: a document made
 * before them, or from a form without them, simply has none.
 *
 * Every leaf is a text field (`text*`). Repeated rows are `*`, never `+`:
 * two people deleting the last two rows concurrently must leave a valid
 * (empty) list, because the Yjs binding deletes whatever the schema rejects.
 */

export const NODE = {
  doc: 'doc',
  titleBlock: 'titleBlock',
  docTitle: 'docTitle',
  docSubtitle: 'docSubtitle',
  docPreparer: 'docPreparer',
  docReviewer: 'docReviewer',
  overallPart: 'overallPart',
  goalsSection: 'goalsSection',
  goalItem: 'goalItem',
  subGoalsSection: 'subGoalsSection',
  subGoal: 'subGoal',
  subGoalTitle: 'subGoalTitle',
  subGoalDuty: 'subGoalDuty',
  subGoalTarget: 'subGoalTarget',
  safeguardsSection: 'safeguardsSection',
  safeguardItem: 'safeguardItem',
  projectsPart: 'projectsPart',
  project: 'project',
  unitCode: 'unitCode',
  unitName: 'unitName',
  moneyUnit: 'moneyUnit',
  projectCode: 'projectCode',
  projectName: 'projectName',
  budgetTotal: 'budgetTotal',
  budgetFiscal: 'budgetFiscal',
  budgetOther: 'budgetOther',
  fundUsage: 'fundUsage',
  projectDetails: 'projectDetails',
  projectDepartment: 'projectDepartment',
  projectImplementer: 'projectImplementer',
  projectManager: 'projectManager',
  projectPeriod: 'projectPeriod',
  projectPeriodGoal: 'projectPeriodGoal',
  spendingPlan: 'spendingPlan',
  spendingEntry: 'spendingEntry',
  spendingLabel: 'spendingLabel',
  spendingPercent: 'spendingPercent',
  projectGoal: 'projectGoal',
  indicatorList: 'indicatorList',
  indicator: 'indicator',
  indicatorName: 'indicatorName',
  indicatorDescription: 'indicatorDescription',
  indicatorValue: 'indicatorValue',
  indicatorBasis: 'indicatorBasis',
  indicatorScore: 'indicatorScore',
  indicatorNote: 'indicatorNote',
  text: 'text',
} as const

export type NodeName = (typeof NODE)[keyof typeof NODE]

export const MARK = {
  insertion: 'insertion',
  deletion: 'deletion',
} as const

/** The one-cell fields of a target table, in table order, keyed as in `ProjectText`. */
export const PROJECT_CELLS = {
  unitCode: NODE.unitCode,
  unitName: NODE.unitName,
  moneyUnit: NODE.moneyUnit,
  code: NODE.projectCode,
  name: NODE.projectName,
  budgetTotal: NODE.budgetTotal,
  budgetFiscal: NODE.budgetFiscal,
  budgetOther: NODE.budgetOther,
  usage: NODE.fundUsage,
} as const

/** The fields of `projectDetails`, keyed as in `ProjectDetailsText`. */
export const DETAIL_CELLS = {
  department: NODE.projectDepartment,
  implementer: NODE.projectImplementer,
  manager: NODE.projectManager,
  period: NODE.projectPeriod,
  periodGoal: NODE.projectPeriodGoal,
} as const

/** An indicator row's optional columns (分值, 备注), keyed as in `IndicatorText`: a project has each in every row or in none. */
export const INDICATOR_EXTRA_CELLS = {
  score: NODE.indicatorScore,
  note: NODE.indicatorNote,
} as const

/** The text fields of an indicator row, in column order, keyed as in `IndicatorText`. */
export const INDICATOR_CELLS = {
  level3: NODE.indicatorName,
  description: NODE.indicatorDescription,
  value: NODE.indicatorValue,
  basis: NODE.indicatorBasis,
} as const

/** Nodes a person can insert or delete as a whole: they carry a `suggestion` attribute. */
export const ROW_NODES = [
  NODE.goalItem,
  NODE.subGoal,
  NODE.safeguardItem,
  NODE.project,
  NODE.spendingEntry,
  NODE.indicator,
] as const
