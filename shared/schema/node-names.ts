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
import {
  cellMap, DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, nodeMap, PROJECT_ACHIEVED_FIELD,
  PROJECT_CELL_FIELDS, PROJECT_GOAL_FIELD, SPENDING_FIELDS,
} from './fields'

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
  // Every field's node, from the field table.
  ...nodeMap(PROJECT_CELL_FIELDS),
  projectDetails: 'projectDetails',
  ...nodeMap(DETAIL_FIELDS),
  spendingPlan: 'spendingPlan',
  spendingEntry: 'spendingEntry',
  ...nodeMap(SPENDING_FIELDS),
  ...nodeMap([PROJECT_GOAL_FIELD]),
  indicatorList: 'indicatorList',
  indicator: 'indicator',
  ...nodeMap(INDICATOR_CELL_FIELDS),
  ...nodeMap(INDICATOR_EXTRA_FIELDS),
  projectFunds: 'projectFunds',
  ...nodeMap(FUNDS_FIELDS),
  ...nodeMap([PROJECT_ACHIEVED_FIELD]),
  ...nodeMap(INDICATOR_FOLLOW_UP_FIELDS),
  text: 'text',
} as const

export const MARK = {
  insertion: 'insertion',
  deletion: 'deletion',
} as const

/** The one-cell fields of a target table, in table order, keyed as in `ProjectText`. */
export const PROJECT_CELLS = cellMap(PROJECT_CELL_FIELDS)

/** The fields of `projectDetails`, keyed as in `ProjectDetailsText`. */
export const DETAIL_CELLS = cellMap(DETAIL_FIELDS)

/** The fields of `projectFunds` (a 监控's or 自评's 资金), in table order, keyed as in `FundsText`. */
export const FUNDS_CELLS = cellMap(FUNDS_FIELDS)

/**
 * What a 监控 or 自评 adds to an indicator row, keyed as in `IndicatorText`,
 * in the schema's order; a kind's rows carry the ones its layout lists
 * (`shared/model/kind-layout.ts`), each in every row of a project.
 */
export const INDICATOR_FOLLOW_UP_CELLS = cellMap(INDICATOR_FOLLOW_UP_FIELDS)

/** An indicator row's optional columns (分值, 备注), keyed as in `IndicatorText`: a project has each in every row or in none. */
export const INDICATOR_EXTRA_CELLS = cellMap(INDICATOR_EXTRA_FIELDS)

/** The text fields of an indicator row, in column order, keyed as in `IndicatorText`. */
export const INDICATOR_CELLS = cellMap(INDICATOR_CELL_FIELDS)

/** Nodes a person can insert or delete as a whole: they carry a `suggestion` attribute. */
export const ROW_NODES = [
  NODE.goalItem,
  NODE.subGoal,
  NODE.safeguardItem,
  NODE.project,
  NODE.spendingEntry,
  NODE.indicator,
] as const
