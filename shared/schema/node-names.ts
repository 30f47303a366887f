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
 *                       projectDetails? projectFunds? projectAchieved?
 *                       spendingPlan projectGoal indicatorList
 *   projectDetails   := projectDepartment projectImplementer projectManager
 *                       projectPeriod projectPeriodGoal
 *   projectFunds     := fundsInitial fundsBudget fundsExecuted fundsRate
 *                       fundsPoints fundsEarned
 *   spendingPlan     := spendingEntry*
 *   spendingEntry    := spendingLabel spendingPercent
 *   indicatorList    := indicator*
 *   indicator        := indicatorName indicatorDescription indicatorValue indicatorBasis
 *                       indicatorScore? indicatorNote?
 *                       indicatorActual? indicatorEarned? indicatorDeviation?
 *                       indicatorForecast? indicatorLikelihood? indicatorCause? indicatorMeasure?
 *
 * The optional nodes are what other regions' forms add (projectDetails,
 * indicatorScore, indicatorNote) and what the kinds that follow an
 * approved document add (projectFunds, projectAchieved and the indicator
 * cells after them: `shared/model/kind-layout.ts` says which kind has
 * which): a document made before them, or from a form without them,
 * simply has none.
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
  projectFunds: 'projectFunds',
  fundsInitial: 'fundsInitial',
  fundsBudget: 'fundsBudget',
  fundsExecuted: 'fundsExecuted',
  fundsRate: 'fundsRate',
  fundsPoints: 'fundsPoints',
  fundsEarned: 'fundsEarned',
  projectAchieved: 'projectAchieved',
  indicatorActual: 'indicatorActual',
  indicatorEarned: 'indicatorEarned',
  indicatorDeviation: 'indicatorDeviation',
  indicatorForecast: 'indicatorForecast',
  indicatorLikelihood: 'indicatorLikelihood',
  indicatorCause: 'indicatorCause',
  indicatorMeasure: 'indicatorMeasure',
  text: 'text',
} as const

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

/** The fields of `projectFunds` (a 监控's or 自评's 资金), in table order, keyed as in `FundsText`. */
export const FUNDS_CELLS = {
  initial: NODE.fundsInitial,
  budget: NODE.fundsBudget,
  executed: NODE.fundsExecuted,
  rate: NODE.fundsRate,
  points: NODE.fundsPoints,
  earned: NODE.fundsEarned,
} as const

/**
 * What a 监控 or 自评 adds to an indicator row, keyed as in `IndicatorText`,
 * in the schema's order; a kind's rows carry the ones its layout lists
 * (`shared/model/kind-layout.ts`), each in every row of a project.
 */
export const INDICATOR_FOLLOW_UP_CELLS = {
  actual: NODE.indicatorActual,
  earned: NODE.indicatorEarned,
  deviation: NODE.indicatorDeviation,
  forecast: NODE.indicatorForecast,
  likelihood: NODE.indicatorLikelihood,
  cause: NODE.indicatorCause,
  measure: NODE.indicatorMeasure,
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
