/**
 * What each text field is called on the official form, for the editor's
 * label cells and for messages that name a place in the document.
 */
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
  [NODE.unitCode]: '单位编码',
  [NODE.unitName]: '单位名称',
  [NODE.moneyUnit]: '金额单位',
  [NODE.projectCode]: '项目编码',
  [NODE.projectName]: '项目名称',
  [NODE.budgetTotal]: '预算数',
  [NODE.budgetFiscal]: '财政资金',
  [NODE.budgetOther]: '其他资金',
  [NODE.fundUsage]: '资金用途',
  [NODE.projectDepartment]: '主管部门',
  [NODE.projectImplementer]: '实施单位',
  [NODE.projectManager]: '项目负责人',
  [NODE.projectPeriod]: '实施期',
  [NODE.projectPeriodGoal]: '实施期绩效目标',
  [NODE.spendingLabel]: '时间节点',
  [NODE.spendingPercent]: '累计支出比例',
  [NODE.projectGoal]: '绩效目标',
  [NODE.indicatorName]: '三级指标',
  [NODE.indicatorDescription]: '绩效指标描述',
  [NODE.indicatorValue]: '指标值',
  [NODE.indicatorBasis]: '指标值确定依据',
  [NODE.indicatorScore]: '分值',
  [NODE.indicatorNote]: '备注',
}
