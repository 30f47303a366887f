/**
 * The fields of a target table, in one table: for each, its key in
 * `DocumentText`, the schema node that holds it, the label the editor's
 * cell shows (and messages use), the label the published text and the
 * Word/Excel layouts write, the other names importers recognise, and
 * whether it is a figure and in what unit.
 *
 * Node names, labels, the comparison, the finance checks, the importers'
 * header aliases and the UI strings read their fields from here; a field
 * added here reaches all of them (`test/field-table.test.ts` proves each consumer
 * covers every field). Order is the order of the form.
 *
 * The kinds that follow an approved 绩效目标表 (自评, 监控) print their
 * own forms; where such a form names a field, the field says how
 * (`kinds`): what the form writes, what its readers take, what the
 * editor's label says in that kind.
 *
 * This module imports nothing: `node-names.ts` takes the field nodes from
 * it.
 */

/** The kinds whose forms follow an approved 绩效目标表. */
export type FollowUpKind = 'self-evaluation' | 'monitoring'

/** How the official form of a kind that follows the targets names a field. */
export interface KindName {
  /** The column header or label cell the kind's form writes; absent where its form has no place for the field. */
  readonly header?: string
  /** The names its readers take for the field, compared without spaces and bracketed hints; `header` exactly unless told. */
  readonly names?: RegExp
  /** The names the 自评表's reader of cells run together splits at (`read-self-evaluation.ts`), each one of `names`. */
  readonly split?: readonly string[]
  /** The editor's label in that kind, where it says more than `header` (the 年度总体目标 a goal cell sits under). */
  readonly label?: string
}

export interface Field {
  /** The key in `ProjectText`, `ProjectDetailsText`, `IndicatorText` or `SpendingEntryText`. */
  readonly key: string
  /** The schema node holding the text; null for 一级/二级, which are attributes of the row. */
  readonly node: string | null
  /** What the editor's label cell says, and what messages call the field. */
  readonly label: string
  /** What the published text and the Word/Excel layouts write as its label or column header. */
  readonly published: string
  /** Labels and headers importers read as this field, most telling first. */
  readonly aliases: readonly string[]
  /** Whether the text is a figure the model parses. */
  readonly numeric: boolean
  /** The figure's unit: 万元 for amounts (as the model reads them), % or 分. */
  readonly unit: '万元' | '%' | '分' | null
  /** An amount's key in the model's `budget`. */
  readonly amount?: 'total' | 'fiscal' | 'other'
  /** What the drawn form's label cell (the editor, Word, HTML, Excel) says, where it says more than `label`. */
  readonly cell?: string
  /** How the forms of the kinds that follow the targets name the field. */
  readonly kinds?: Partial<Record<FollowUpKind, KindName>>
}

/** The same naming on the 自评表 and the 监控表. */
const onBoth = (name: KindName) => ({ 'self-evaluation': name, monitoring: name }) as const

/** A field that is one cell of text. */
type Cell = Field & { readonly node: string }

/** A field: its published label is its label, it has no other names, and it is text, unless told otherwise. */
const field = <const F extends Partial<Field> & { key: string; node: string | null; label: string }>(f: F): Field & F => ({
  published: f.label,
  aliases: [],
  numeric: false,
  unit: null,
  ...f,
})

/** A project's one-cell fields before its details, in table order. */
export const PROJECT_CELL_FIELDS = [
  field({ key: 'unitCode', node: 'unitCode', label: '单位编码' }),
  field({ key: 'unitName', node: 'unitName', label: '单位名称', cell: '预算单位', aliases: ['预算单位', '填报单位', '预算部门', '单位名称', '申报单位', '预算单位名称'] }),
  field({ key: 'moneyUnit', node: 'moneyUnit', label: '金额单位' }),
  // Neither 自评表 nor 监控表 writes a 项目编码; forms that have one are read.
  field({ key: 'code', node: 'projectCode', label: '项目编码', aliases: ['项目编码', '项目代码', '项目编号'], kinds: onBoth({ names: /^项目编码$/ }) }),
  field({
    key: 'name', node: 'projectName', label: '项目名称', aliases: ['项目名称', '项目支出名称', '项目全称'],
    kinds: { 'self-evaluation': { header: '项目名称', names: /^项目(?:支出)?名称$/, split: ['项目名称'] }, monitoring: { header: '项目名称', names: /^项目(?:支出)?名称$/ } },
  }),
  field({
    key: 'budgetTotal', node: 'budgetTotal', label: '预算数', numeric: true, unit: '万元', amount: 'total',
    aliases: ['年度资金总额', '当年年度预算', '年度本级预算金额', '本年度预算数', '年度预算数', '年度预算金额', '预算数', '资金总额', '项目总预算', '项目资金总额'],
    kinds: onBoth({ label: '年度预算数' }),
  }),
  // The published text spaces the label out over its two-line cell.
  field({ key: 'budgetFiscal', node: 'budgetFiscal', label: '财政资金', published: '其中：财政    资金', cell: '其中：财政资金', numeric: true, unit: '万元', amount: 'fiscal', aliases: ['财政拨款', '本年财政拨款', '财政资金', '财政性资金'] }),
  field({ key: 'budgetOther', node: 'budgetOther', label: '其他资金', numeric: true, unit: '万元', amount: 'other', aliases: ['其他资金', '其它资金'] }),
  field({ key: 'usage', node: 'fundUsage', label: '资金用途', aliases: ['资金用途', '项目概况', '项目总体概况', '项目内容', '项目主要内容', '项目基本情况'] }),
] as const satisfies readonly Cell[]

type AmountField = Extract<(typeof PROJECT_CELL_FIELDS)[number], { unit: '万元' }>
/** A project's amounts (预算数, 财政资金, 其他资金): the cells the arithmetic and money-unit checks read. */
export const AMOUNT_FIELDS = PROJECT_CELL_FIELDS.filter((f): f is AmountField => f.unit === '万元')

/** The project's 绩效目标, after its 资金支出计划. */
export const PROJECT_GOAL_FIELD = field({
  key: 'goal', node: 'projectGoal', label: '绩效目标',
  aliases: ['年度绩效目标', '年度目标', '本年度绩效目标', '年度总体目标', '年度主要目标和成果', '年度预期目标', '绩效目标'],
  kinds: {
    'self-evaluation': { header: '预期目标', names: /^(?:预期目标|年初设定目标)$/, split: ['预期目标', '年初设定目标'], label: '年度总体目标（预期目标）' },
    monitoring: { header: '年初设定目标', names: /^(?:年初设定目标|预期目标)$/, label: '年度总体目标（年初设定目标）' },
  },
}) satisfies Cell

/** Every text field of a project outside its rows and its plan, in table order. */
export const PROJECT_FIELDS = [...PROJECT_CELL_FIELDS, PROJECT_GOAL_FIELD] as const

/** `projectDetails`: what single-project forms of other regions add. */
export const DETAIL_FIELDS = [
  field({
    key: 'department', node: 'projectDepartment', label: '主管部门', aliases: ['主管部门', '业务主管部门', '主管单位', '主管部门及代码'],
    kinds: { 'self-evaluation': { header: '主管部门', names: /^主管部门(?:及代码)?$/, split: ['主管部门'] }, monitoring: { header: '主管部门', names: /^主管部门(?:及代码)?$/ } },
  }),
  field({
    key: 'implementer', node: 'projectImplementer', label: '实施单位', aliases: ['实施单位', '项目实施单位', '实施单位及代码'],
    kinds: { 'self-evaluation': { header: '实施单位', split: ['实施单位'] }, monitoring: { header: '实施单位' } },
  }),
  field({
    key: 'manager', node: 'projectManager', label: '项目负责人', aliases: ['项目负责人', '项目负责人及电话', '负责人'],
    // The 自评表 writes no 项目负责人; forms that have one are read.
    kinds: { 'self-evaluation': { names: /^项目负责人(?:及电话)?$/, split: ['项目负责人及电话', '项目负责人'] }, monitoring: { names: /^项目负责人(?:及电话)?$/ } },
  }),
  field({ key: 'period', node: 'projectPeriod', label: '实施期', aliases: ['实施期', '项目实施期', '项目支出实施期', '建设周期', '实施周期', '项目周期', '项目期限'] }),
  field({ key: 'periodGoal', node: 'projectPeriodGoal', label: '实施期绩效目标', aliases: ['实施期绩效目标', '实施期目标', '实施期总体目标', '项目总体目标', '长期目标'] }),
] as const satisfies readonly Cell[]

/** 资金支出计划's entry: a date and the share spent by then. */
export const SPENDING_FIELDS = [
  field({ key: 'label', node: 'spendingLabel', label: '时间节点' }),
  field({ key: 'percent', node: 'spendingPercent', label: '累计支出比例', numeric: true, unit: '%' }),
] as const satisfies readonly Cell[]

/** 一级/二级: chosen from the framework, kept as the row's attributes. */
export const INDICATOR_LEVEL_FIELDS = [
  field({ key: 'level1', node: null, label: '一级指标', aliases: ['一级指标'], kinds: { 'self-evaluation': { header: '一级指标', split: ['一级指标'] }, monitoring: { header: '一级指标' } } }),
  field({ key: 'level2', node: null, label: '二级指标', aliases: ['二级指标'], kinds: { 'self-evaluation': { header: '二级指标', split: ['二级指标'] }, monitoring: { header: '二级指标' } } }),
] as const satisfies readonly Field[]

/** An indicator row's text cells every target table has, in column order. */
export const INDICATOR_CELL_FIELDS = [
  field({
    key: 'level3', node: 'indicatorName', label: '三级指标', aliases: ['三级指标', '指标内容', '指标名称', '三级指标名称'],
    kinds: { 'self-evaluation': { header: '三级指标', split: ['三级指标'] }, monitoring: { header: '三级指标' } },
  }),
  field({ key: 'description', node: 'indicatorDescription', label: '绩效指标描述', aliases: ['绩效指标描述', '指标解释', '指标说明', '指标描述', '指标内涵'] }),
  field({
    key: 'value', node: 'indicatorValue', label: '指标值', aliases: ['指标值', '年度指标值', '指标值及单位', '当年预期实现值', '绩效标准', '目标值', '年度目标值', '预期目标值'],
    kinds: {
      'self-evaluation': { header: '年度指标值', names: /^(?:年度)?指标值$/, split: ['年度指标值', '指标值'] },
      monitoring: { header: '年度指标值', names: /^(?:年度)?指标值$/ },
    },
  }),
  // 绩效标准 is the value on forms without another value column, and how it was set (计划标准, 行业标准) beside one.
  field({ key: 'basis', node: 'indicatorBasis', label: '指标值确定依据', aliases: ['指标值确定依据', '确定依据', '指标值设定依据', '指标值确定依据及说明', '绩效标准'] }),
] as const satisfies readonly Cell[]

/** An indicator row's optional columns: a project has each in every row or in none. */
export const INDICATOR_EXTRA_FIELDS = [
  field({
    key: 'score', node: 'indicatorScore', label: '分值', numeric: true, unit: '分', aliases: ['分值', '权重', '权重分值', '指标分值'],
    kinds: { 'self-evaluation': { header: '分值', split: ['分值'] } },
  }),
  field({ key: 'note', node: 'indicatorNote', label: '备注', aliases: ['备注', '评分细则', '评分标准', '说明'] }),
] as const satisfies readonly Cell[]

/** `projectFunds`: the 资金 a 监控 or 自评 adds to its project (keys of `FundsText`). */
export const FUNDS_FIELDS = [
  field({
    key: 'initial', node: 'fundsInitial', label: '年初预算数', numeric: true, unit: '万元',
    kinds: { 'self-evaluation': { header: '年初预算数', split: ['年初预算数'] }, monitoring: { header: '年初预算数' } },
  }),
  field({
    key: 'budget', node: 'fundsBudget', label: '全年预算数', numeric: true, unit: '万元',
    kinds: { 'self-evaluation': { header: '全年预算数', names: /^全年预算数(?:A)?$/, split: ['全年预算数', '全年预算数(A)'] }, monitoring: { header: '全年预算数' } },
  }),
  // The 自评 counts the whole year, the 监控 up to its 截至月份 ("1-6月执行数").
  field({
    key: 'executed', node: 'fundsExecuted', label: '执行数', numeric: true, unit: '万元',
    kinds: {
      'self-evaluation': { header: '全年执行数', names: /^全年执行数(?:B)?$/, split: ['全年执行数', '全年执行数(B)'] },
      monitoring: { header: '截至当期执行数', names: /^(?:截至当期执行数|截至\S*?执行数|1[-－~至]\d{1,2}月执行数|执行数)$/ },
    },
  }),
  field({
    key: 'rate', node: 'fundsRate', label: '执行率', numeric: true, unit: '%',
    kinds: {
      'self-evaluation': { header: '执行率', names: /^执行率(?:B\/A)?$/, split: ['执行率', '执行率(B/A)'] },
      monitoring: { header: '执行率', names: /^(?:截至当期)?执行率$|^1[-－~至]\d{1,2}月执行率$/ },
    },
  }),
  field({ key: 'points', node: 'fundsPoints', label: '分值', numeric: true, unit: '分', kinds: { 'self-evaluation': { header: '分值', split: ['分值'] } } }),
  field({ key: 'earned', node: 'fundsEarned', label: '得分', numeric: true, unit: '分', kinds: { 'self-evaluation': { header: '得分', split: ['得分'] } } }),
] as const satisfies readonly Cell[]

/** 自评: 年度总体目标 › 实际完成情况; 监控: 总体目标 截至当期完成情况. */
export const PROJECT_ACHIEVED_FIELD = field({
  key: 'achieved', node: 'projectAchieved', label: '实际完成情况',
  kinds: {
    'self-evaluation': {
      header: '实际完成情况', names: /^(?:实际完成情况|年度总体目标完成情况综述|全年实际完成情况)$/, split: ['实际完成情况', '年度总体目标完成情况综述'], label: '年度总体目标实际完成情况',
    },
    monitoring: {
      header: '截至当期完成情况', names: /^(?:截至当期完成情况|截至\S*?完成情况|1[-－~至]\d{1,2}月执行情况|总体目标完成情况)$/, label: '年度总体目标截至当期完成情况',
    },
  },
}) satisfies Cell

/** What a 监控 or 自评 adds to an indicator row, in the schema's order (keys of `IndicatorText`); not target columns. */
export const INDICATOR_FOLLOW_UP_FIELDS = [
  // What was reached by the year's end (自评) or by the 截至月份 (监控, "1-6月完成值").
  field({
    key: 'actual', node: 'indicatorActual', label: '实际完成值',
    kinds: {
      'self-evaluation': { header: '实际完成值', names: /^(?:全年)?实际(?:完成)?值$/, split: ['实际完成值', '全年实际值', '全年实际完成值'] },
      monitoring: { header: '截至当期完成值', names: /^(?:截至当期完成值|截至\S*?完成(?:值|情况)|1[-－~至]\d{1,2}月(?:执行|完成)(?:情况|值))$/ },
    },
  }),
  field({ key: 'earned', node: 'indicatorEarned', label: '得分', numeric: true, unit: '分', kinds: { 'self-evaluation': { header: '得分', split: ['得分'] } } }),
  field({
    key: 'deviation', node: 'indicatorDeviation', label: '偏差原因分析及改进措施',
    kinds: {
      'self-evaluation': {
        header: '偏差原因分析及改进措施', names: /^(?:偏差原因分析及改进措施|未完成原因及拟采取的改进措施|偏差原因(?:分析)?|未完成原因(?:分析)?)$/,
        split: ['偏差原因分析及改进措施', '未完成原因及拟采取的改进措施', '偏差原因'],
      },
    },
  }),
  field({ key: 'forecast', node: 'indicatorForecast', label: '全年预计完成值', kinds: { monitoring: { header: '全年预计完成值', names: /^全年预计完成(?:值|情况)$/ } } }),
  field({ key: 'likelihood', node: 'indicatorLikelihood', label: '完成目标可能性', kinds: { monitoring: { header: '完成目标可能性' } } }),
  field({ key: 'cause', node: 'indicatorCause', label: '偏差原因', kinds: { monitoring: { header: '偏差原因', names: /^偏差原因(?:分析)?$/ } } }),
  field({ key: 'measure', node: 'indicatorMeasure', label: '纠偏措施', kinds: { monitoring: { header: '纠偏措施', names: /^(?:纠偏措施|原因说明|改进措施|备注)$/ } } }),
] as const satisfies readonly Cell[]

/** Every field of an indicator row, in column order. */
export const INDICATOR_FIELDS = [...INDICATOR_LEVEL_FIELDS, ...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS] as const

/** Every field of a table, the targets' and what the later kinds add. */
export const TABLE_FIELDS: readonly Field[] = [...PROJECT_FIELDS, ...DETAIL_FIELDS, ...SPENDING_FIELDS, ...INDICATOR_FIELDS, ...FUNDS_FIELDS, PROJECT_ACHIEVED_FIELD, ...INDICATOR_FOLLOW_UP_FIELDS]

type KeyOf<T extends readonly Field[]> = T[number]['key']
export type ProjectFieldKey = KeyOf<typeof PROJECT_FIELDS>
export type IndicatorFieldKey = KeyOf<typeof INDICATOR_FIELDS>

/** `{ key: node }` for a group of cells, typed literally (the shape `PROJECT_CELLS` and its kin have). */
export type CellMap<T extends readonly Cell[]> = { readonly [F in T[number] as F['key']]: F['node'] }
export const cellMap = <T extends readonly Cell[]>(fields: T): CellMap<T> =>
  Object.fromEntries(fields.map((f) => [f.key, f.node])) as CellMap<T>

/** `{ node: node }` for a group of cells: their entries in `NODE`. */
export type NodeMap<T extends readonly Cell[]> = { readonly [F in T[number] as F['node']]: F['node'] }
export const nodeMap = <T extends readonly Cell[]>(fields: T): NodeMap<T> =>
  Object.fromEntries(fields.map((f) => [f.node, f.node])) as NodeMap<T>

/** The labels of a group of fields, in order, typed as the tuple they are. */
export const labelsOf = <T extends readonly Field[]>(fields: T) => fields.map((f) => f.label) as unknown as { readonly [K in keyof T]: T[K]['label'] }

/** `{ key: value }` for a group of fields, in order. */
export const byKey = <T extends readonly Field[], V>(fields: T, value: (f: T[number]) => V): Record<KeyOf<T>, V> =>
  Object.fromEntries(fields.map((f) => [f.key, value(f)])) as Record<KeyOf<T>, V>

/** The exact pattern of a header without other names. */
const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`)

/** How a kind's form names a field, or undefined where it does not. */
export const kindNameOf = (f: Field, kind: FollowUpKind): KindName | undefined => f.kinds?.[kind]

/** The header a kind's form writes for a field; throws where that form has no place for it (a layout asking for it is wrong). */
export function kindHeaderOf(f: Field, kind: FollowUpKind): string {
  const header = f.kinds?.[kind]?.header
  if (header === undefined) throw new RangeError(`the ${kind} form writes no ${f.key}`)
  return header
}

/** The pattern of the names a kind's readers take for a field: its `names`, else its header exactly; null where the kind names it nowhere. */
export function kindNamesOf(f: Field, kind: FollowUpKind): RegExp | null {
  const name = f.kinds?.[kind]
  if (name?.names) return name.names
  return name?.header === undefined ? null : exactly(name.header)
}

/** The editor's label of a field in a kind, where that kind names it: its `label`, else its header. */
export const kindLabelOf = (f: Field, kind: FollowUpKind): string | undefined => f.kinds?.[kind]?.label ?? f.kinds?.[kind]?.header

/** What the drawn form's label cell says for a field. */
export const cellLabelOf = (f: Field): string => f.cell ?? f.label

/** The names a kind's reader of cells run together splits at for a field (its `split`), in its order of preference. */
export const kindSplitOf = (f: Field, kind: FollowUpKind): readonly string[] => f.kinds?.[kind]?.split ?? []
