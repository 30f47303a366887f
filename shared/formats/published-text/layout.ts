/**
 * The fixed words of the published layout of a 绩效文本: part and section
 * headings and the label cells of a 绩效目标表. Import recognises them,
 * export writes them.
 */

export const PART_ONE = '第一部分'
export const PART_ONE_NAME = '部门整体绩效目标'
export const PART_TWO = '第二部分'
export const PART_TWO_NAME = '预算项目绩效目标'

export const SECTION = {
  goals: '一、总体绩效目标',
  subGoals: '二、分项绩效目标',
  safeguards: '三、工作保障措施',
} as const

export const DUTY_PREFIX = '职责描述：'
export const TARGET_PREFIX = '绩效目标：'

export const TABLE_SUFFIX = '绩效目标表'
export const UNIT_PREFIX = '单位：'

export const LABEL = {
  code: '项目编码',
  name: '项目名称',
  budgetRow: '预算规模及资金用途',
  total: '预算数',
  fiscal: '其中：财政    资金',
  other: '其他资金',
  spendingRow: '资金支出计划（%）',
  goalRow: '绩效目标',
} as const

export const INDICATOR_HEADER = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'] as const

/** The particulars other regions' forms add, in the rows after 项目编码/项目名称 (see ProjectDetailsText). */
export const DETAIL_LABEL = {
  department: '主管部门',
  implementer: '实施单位',
  manager: '项目负责人',
  period: '实施期',
  periodGoal: '实施期绩效目标',
} as const

/** The optional indicator columns, after 指标值确定依据, on tables whose rows fill them. */
export const EXTRA_HEADER = { score: '分值', note: '备注' } as const
