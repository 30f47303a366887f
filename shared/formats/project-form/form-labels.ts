/**
 * The label cells of single-project forms across regions, by the field
 * they name. Labels are compared compact: spaces, a trailing colon, a
 * leading 其中 and a unit or score in brackets removed ("年度本级 预算金额",
 * "其中：财政拨款", "资金情况（万元）", "年度绩效目标(90分)").
 */
import type { ProjectDetailsText, ProjectText } from '../../model/document-text'

export type FormField =
  | keyof Pick<ProjectText, 'name' | 'code' | 'unitName' | 'budgetTotal' | 'budgetFiscal' | 'budgetOther' | 'usage' | 'goal'>
  | keyof ProjectDetailsText

/** Per field, its labels from the most to the least telling: a budget for this year beats the project's total over years. */
const LABELS: Record<FormField, readonly string[]> = {
  name: ['项目名称', '项目支出名称', '项目全称'],
  code: ['项目编码', '项目代码', '项目编号'],
  unitName: ['预算单位', '填报单位', '预算部门', '单位名称', '申报单位', '预算单位名称'],
  department: ['主管部门', '业务主管部门', '主管单位', '主管部门及代码'],
  implementer: ['实施单位', '项目实施单位', '实施单位及代码'],
  manager: ['项目负责人', '项目负责人及电话', '负责人'],
  period: ['实施期', '项目实施期', '项目支出实施期', '建设周期', '实施周期', '项目周期', '项目期限'],
  budgetTotal: ['年度资金总额', '当年年度预算', '年度本级预算金额', '本年度预算数', '年度预算数', '年度预算金额', '预算数', '资金总额', '项目总预算', '项目资金总额'],
  budgetFiscal: ['财政拨款', '本年财政拨款', '财政资金', '财政性资金'],
  budgetOther: ['其他资金', '其它资金'],
  usage: ['资金用途', '项目概况', '项目总体概况', '项目内容', '项目主要内容', '项目基本情况'],
  goal: ['年度绩效目标', '年度目标', '本年度绩效目标', '年度总体目标', '年度主要目标和成果', '年度预期目标', '绩效目标'],
  periodGoal: ['实施期绩效目标', '实施期目标', '实施期总体目标', '项目总体目标', '长期目标'],
}

/**
 * Labels of things the model does not hold (telephone, classification,
 * approval, execution rate…): recognised so their values are skipped, not
 * taken for another field's.
 */
const SKIPPED = new Set([
  '联系电话', '电话', '项目分类', '项目类型', '项目属性', '项目类别', '项目审批', '立项依据', '财政资金预算分类', '财政资金科目代码', '功能科目',
  '年度预算执行率', '预算执行率', '分值', '上年结转资金', '上年结转', '该项目支出上级资金', '上级资金', '项目资金', '资金情况', '预算执行',
  '总体目标', '绩效指标', '本年度绩效指标', '年度绩效指标', '日期', '填报日期',
])

/** Ends the form: sign-offs, review boxes and footnotes after the last indicator. */
export const FORM_END = /^(注[:：]|备注[:：]|填表人|填报人|审核意见|财政部门审核意见|主管部门审核意见|单位负责人|联系人|扫一扫|相关解读|附件[:：])/

/** A sign-off or stamp box anywhere in a cell ("主管部门审核意见（盖章）", "单位负责人签字"): the form has ended. */
export const SIGN_OFF = /(审核|审批|审查)意见|[（(](盖章|公章|签章|签字)[)）]|(盖章|签字|签章)$/

const TRAILING = /[（(][^（）()]*[)）]$/

export const compactLabel = (cell: string): string =>
  cell
    .replace(/[\s\u3000\u00a0]/g, '')
    .replace(/^其中[:：]?/, '')
    .replace(/[:：]$/, '')
    .replace(TRAILING, '')
    .replace(/[:：]$/, '')

const FIELD_OF = new Map<string, { field: FormField; rank: number }>(
  (Object.entries(LABELS) as [FormField, readonly string[]][]).flatMap(([field, labels]) => labels.map((label, rank) => [label, { field, rank }] as const)),
)

export type LabelKind = { kind: 'field'; field: FormField; rank: number } | { kind: 'skipped' } | null

export function labelOf(cell: string): LabelKind {
  const compact = compactLabel(cell)
  const field = FIELD_OF.get(compact)
  if (field) return { kind: 'field', ...field }
  return SKIPPED.has(compact) ? { kind: 'skipped' } : null
}

const ALL_LABELS = [...FIELD_OF.keys(), ...SKIPPED].filter((label) => label.length >= 4)

/**
 * A label with a few words more, as forms title their boxes: "年度总体目标完成情况",
 * "项目名称（全称）". Such text is the form's, never a value.
 */
export const looksLikeLabel = (cell: string): boolean => {
  const compact = compactLabel(cell)
  return ALL_LABELS.some((label) => compact.startsWith(label) && compact.length - label.length <= 6 && !/\d/.test(compact.slice(label.length)) && /(情况|说明|及|全称|内容|要求|完成)/.test(compact.slice(label.length)))
}

/** "金额单位：万元", "单位：万元", "（万元）": the money unit the form states, or null. */
export function moneyUnitIn(cell: string): string | null {
  const compact = cell.replace(/[\s\u3000]/g, '')
  return /(?:金额)?单位[:：](万元|元|千元|亿元)/.exec(compact)?.[1] ?? /[（(](万元|元|千元|亿元)[)）]/.exec(compact)?.[1] ?? null
}
