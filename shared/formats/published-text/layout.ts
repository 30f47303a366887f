/**
 * The fixed words of the published layout of a 绩效文本: part and section
 * headings and the label cells of a 绩效目标表. Import recognises them,
 * export writes them. Field labels come from the field table's published
 * labels.
 */
import { byKey, cellLabelOf, DETAIL_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FIELDS, INDICATOR_LEVEL_FIELDS, PROJECT_FIELDS } from '../../schema/fields'

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

/** The published label of a project field (field table). */
const fieldOf = (key: string) => [...PROJECT_FIELDS, ...DETAIL_FIELDS, ...INDICATOR_FIELDS].find((f) => f.key === key)!
const published = (key: string): string => fieldOf(key).published

export const LABEL = {
  code: published('code'),
  name: published('name'),
  budgetRow: '预算规模及资金用途',
  total: published('budgetTotal'),
  fiscal: published('budgetFiscal'),
  /** 财政资金 as the drawn form's label cell writes it (Word, HTML, Excel): on one line, not spaced out over two. */
  fiscalCell: cellLabelOf(fieldOf('budgetFiscal')),
  other: published('budgetOther'),
  spendingRow: '资金支出计划（%）',
  goalRow: published('goal'),
} as const

/** The indicator table's header: 一级 to 指标值确定依据 (field table). */
export const INDICATOR_HEADER: readonly string[] = [...INDICATOR_LEVEL_FIELDS, ...INDICATOR_CELL_FIELDS].map((f) => f.published)

/** The particulars other regions' forms add, in the rows after 项目编码/项目名称 (see ProjectDetailsText). */
export const DETAIL_LABEL = byKey(DETAIL_FIELDS, (f) => f.published)

/** The optional indicator columns, after 指标值确定依据, on tables whose rows fill them. */
export const EXTRA_HEADER = byKey(INDICATOR_EXTRA_FIELDS, (f) => f.published)
