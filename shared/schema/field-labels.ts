/**
 * What each text field is called on the official form, for the editor's
 * label cells and for messages that name a place in the document: the
 * title block and Part 1 here, the target table's fields from `fields.ts`.
 */
import {
  DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, PROJECT_ACHIEVED_FIELD, PROJECT_CELL_FIELDS, PROJECT_GOAL_FIELD, SPENDING_FIELDS,
} from './fields'
import { NODE } from './node-names'

export const FIELD_LABEL: Partial<Record<string, string>> = {
  [NODE.docTitle]: '部门名称',
  [NODE.docSubtitle]: '文本标题',
  [NODE.docPreparer]: '编制单位',
  [NODE.docReviewer]: '审核单位',
  [NODE.goalItem]: '总体绩效目标',
  [NODE.subGoalTitle]: '分项名称',
  [NODE.subGoalDuty]: '职责描述',
  [NODE.subGoalTarget]: '绩效目标',
  [NODE.safeguardItem]: '工作保障措施',
  // The target table's fields, from the field table.
  ...Object.fromEntries(
    [...PROJECT_CELL_FIELDS, ...DETAIL_FIELDS, ...SPENDING_FIELDS, PROJECT_GOAL_FIELD, ...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS, ...FUNDS_FIELDS, PROJECT_ACHIEVED_FIELD, ...INDICATOR_FOLLOW_UP_FIELDS].map((f) => [f.node, f.label]),
  ),
}
