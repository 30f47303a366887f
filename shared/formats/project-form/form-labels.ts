/**
 * The label cells of single-project forms across regions, by the field
 * they name. Labels are compared compact: spaces, a trailing colon, a
 * leading 其中 and a unit or score in brackets removed ("年度本级 预算金额",
 * "其中：财政拨款", "资金情况（万元）", "年度绩效目标(90分)").
 */
import { DETAIL_FIELDS, PROJECT_FIELDS } from '../../schema/fields'

type Labelled = Extract<(typeof PROJECT_FIELDS)[number] | (typeof DETAIL_FIELDS)[number], { aliases: readonly [string, ...string[]] }>
/** The fields a form's label cell can name: those the field table gives import aliases. */
export type FormField = Labelled['key']

/** Per field, its labels from the most to the least telling (the field table's aliases): a budget for this year beats the project's total over years. */
const LABELS = Object.fromEntries<readonly string[]>(
  [...PROJECT_FIELDS, ...DETAIL_FIELDS].filter((f): f is Labelled => f.aliases.length > 0).map((f) => [f.key, f.aliases]),
) as Record<FormField, readonly string[]>

/**
 * Labels of things the model does not hold (telephone, classification,
 * approval, execution rate…): recognised so their values are skipped, not
 * taken for another field's.
 */
const SKIPPED = new Set([
  '联系电话', '电话', '项目分类', '项目类型', '项目属性', '项目类别', '项目审批', '立项依据', '财政资金预算分类', '财政资金科目代码', '功能科目',
  '年度预算执行率', '预算执行率', '分值', '项目资金', '资金情况', '预算执行',
  '总体目标', '绩效指标', '本年度绩效指标', '年度绩效指标', '日期', '填报日期',
])

/**
 * Labels of amounts the model has no cell for, by the name messages give them. Their value is not
 * skipped in silence: a figure other than none is named to the person as not imported (`unread`).
 * 上级资金 (Hunan's "该项目支出上级资金", beside "年度本级预算金额") is money the level above
 * transfers: 财政资金 too, but not inside the 本级 amount the form gives as its 预算数, so taking it as
 * the 财政资金 would make 财政资金 a part of a 预算数 that does not hold it, and adding it to the 预算数
 * would change a figure the form states. 上年结转资金 is carried over from last year, a part of the
 * year's money that is neither this year's 财政拨款 nor 其他资金. Neither is guessed into a cell.
 */
const UNPLACED = new Map([
  ['该项目支出上级资金', '该项目支出上级资金'], ['上级资金', '上级资金'], ['上年结转资金', '上年结转资金'], ['上年结转', '上年结转资金'],
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

export type LabelKind = { kind: 'field'; field: FormField; rank: number } | { kind: 'skipped' } | { kind: 'unplaced'; name: string } | null

export function labelOf(cell: string): LabelKind {
  const compact = compactLabel(cell)
  const field = FIELD_OF.get(compact)
  if (field) return { kind: 'field', ...field }
  const unplaced = UNPLACED.get(compact)
  if (unplaced) return { kind: 'unplaced', name: unplaced }
  return SKIPPED.has(compact) ? { kind: 'skipped' } : null
}

const ALL_LABELS = [...FIELD_OF.keys(), ...SKIPPED, ...UNPLACED.keys()].filter((label) => label.length >= 4)

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
