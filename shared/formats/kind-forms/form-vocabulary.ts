/**
 * The words of the forms of the kinds after the targets — the 项目支出绩效自评表
 * (财预〔2020〕10号 附件 2) and the 项目支出绩效目标执行监控表 (财政部 运行监控,
 * 财预〔2019〕136号 附件) — in one table per kind: what the layouts write
 * and what the reader recognises, so a form we write reads back through
 * the reader of forms others write.
 *
 * A header name is compared with its spaces and its bracketed hints
 * removed ("偏差原因分析（经费保障/制度保障…）" is 偏差原因分析); the money
 * unit a label states ("项目资金（万元）") is the form's unit.
 */
import type { FundsText, IndicatorText } from '../../model/document-text'
import { CAUSES, LIKELIHOODS } from '../../monitoring/monitoring-choices'

/** The indicator fields a form's columns fill. */
export type ColumnKey = 'level1' | 'level2' | 'level3' | 'value' | 'score' | 'actual' | 'earned' | 'deviation' | 'forecast' | 'likelihood' | 'cause' | 'measure'
export type FundsKey = keyof FundsText
export type FrontKey = 'name' | 'department' | 'implementer' | 'manager' | 'code' | 'asOf'

export interface FormVocabulary {
  kind: 'self-evaluation' | 'monitoring'
  /** What the form is called, in messages and as each table's title. */
  title: string
  /** The indicator header, in the order the official layout has it (after its 绩效指标 side label). */
  header: readonly { key: ColumnKey; name: string }[]
  /** Other names forms give a column, by field. */
  columnNames: readonly (readonly [RegExp, ColumnKey])[]
  /** The fields a header must name, and a row must reach. */
  required: readonly ColumnKey[]
  /** The funds header, as the layout writes it, and the names others use. */
  funds: readonly { key: FundsKey; name: string }[]
  fundsNames: readonly (readonly [RegExp, FundsKey])[]
  /** 年度总体目标's two column names as written, and others' names for them. */
  goalNames: { goal: string; achieved: string; others: readonly (readonly [RegExp, 'goal' | 'achieved'])[] }
  /** The labels above the tables, and others' names for them. */
  front: readonly (readonly [RegExp, FrontKey])[]
  /** Columns whose cell is one of a list, or empty. */
  choices: Partial<Record<ColumnKey, readonly string[]>>
  /** Columns whose cell is a number (分值, 得分), or empty. */
  numbers: readonly ColumnKey[]
}

export const SIDE_LABEL = { funds: '项目资金', goals: '年度总体目标', indicators: '绩效指标', fundsRow: '年度资金总额' } as const
export const FRONT_LABEL = { name: '项目名称', department: '主管部门', implementer: '实施单位', asOf: '截至月份' } as const
export const TOTAL_LABEL = '总分'
export const GRADE_PREFIX = '等级：'

const FRONT: FormVocabulary['front'] = [
  [/^项目(?:支出)?名称$/, 'name'],
  [/^主管部门(?:及代码)?$/, 'department'],
  [/^实施单位$/, 'implementer'],
  [/^项目负责人(?:及电话)?$/, 'manager'],
  [/^项目编码$/, 'code'],
  [/^(?:截至月份|监控期间|截至时间)$/, 'asOf'],
]

/** The columns both forms carry from the targets, first in the header (the columns after them are what a kind adds). */
const TARGET_HEADER: FormVocabulary['header'] = [
  { key: 'level1', name: '一级指标' },
  { key: 'level2', name: '二级指标' },
  { key: 'level3', name: '三级指标' },
  { key: 'value', name: '年度指标值' },
]

const LEVELS: FormVocabulary['columnNames'] = [
  [/^一级指标$/, 'level1'],
  [/^二级指标$/, 'level2'],
  [/^三级指标$/, 'level3'],
  [/^(?:年度)?指标值$/, 'value'],
]

export const SELF_EVALUATION_FORM: FormVocabulary = {
  kind: 'self-evaluation',
  title: '项目支出绩效自评表',
  header: [
    ...TARGET_HEADER,
    { key: 'actual', name: '实际完成值' },
    { key: 'score', name: '分值' },
    { key: 'earned', name: '得分' },
    { key: 'deviation', name: '偏差原因分析及改进措施' },
  ],
  columnNames: [
    ...LEVELS,
    [/^(?:全年)?实际(?:完成)?值$/, 'actual'],
    [/^分值$/, 'score'],
    [/^得分$/, 'earned'],
    [/^(?:偏差原因分析及改进措施|未完成原因及拟采取的改进措施|偏差原因(?:分析)?|未完成原因(?:分析)?)$/, 'deviation'],
  ],
  required: ['level1', 'level3', 'value', 'actual', 'score', 'earned'],
  funds: [
    { key: 'initial', name: '年初预算数' },
    { key: 'budget', name: '全年预算数' },
    { key: 'executed', name: '全年执行数' },
    { key: 'points', name: '分值' },
    { key: 'rate', name: '执行率' },
    { key: 'earned', name: '得分' },
  ],
  fundsNames: [
    [/^年初预算数$/, 'initial'],
    [/^全年预算数(?:A)?$/, 'budget'],
    [/^全年执行数(?:B)?$/, 'executed'],
    [/^分值$/, 'points'],
    [/^执行率(?:B\/A)?$/, 'rate'],
    [/^得分$/, 'earned'],
  ],
  goalNames: { goal: '预期目标', achieved: '实际完成情况', others: [[/^(?:预期目标|年初设定目标)$/, 'goal'], [/^(?:实际完成情况|年度总体目标完成情况综述|全年实际完成情况)$/, 'achieved']] },
  front: FRONT,
  choices: {},
  numbers: ['score', 'earned'],
}

export const MONITORING_FORM: FormVocabulary = {
  kind: 'monitoring',
  title: '项目支出绩效目标执行监控表',
  header: [
    ...TARGET_HEADER,
    { key: 'actual', name: '截至当期完成值' },
    { key: 'forecast', name: '全年预计完成值' },
    { key: 'likelihood', name: '完成目标可能性' },
    { key: 'cause', name: '偏差原因' },
    { key: 'measure', name: '纠偏措施' },
  ],
  columnNames: [
    ...LEVELS,
    [/^(?:截至当期完成值|截至\S*?完成(?:值|情况)|1[-－~至]\d{1,2}月(?:执行|完成)(?:情况|值))$/, 'actual'],
    [/^全年预计完成(?:值|情况)$/, 'forecast'],
    [/^完成目标可能性$/, 'likelihood'],
    [/^偏差原因(?:分析)?$/, 'cause'],
    [/^(?:纠偏措施|原因说明|改进措施|备注)$/, 'measure'],
  ],
  required: ['level1', 'level3', 'value', 'actual', 'forecast'],
  funds: [
    { key: 'initial', name: '年初预算数' },
    { key: 'budget', name: '全年预算数' },
    { key: 'executed', name: '截至当期执行数' },
    { key: 'rate', name: '执行率' },
  ],
  fundsNames: [
    [/^年初预算数$/, 'initial'],
    [/^全年预算数$/, 'budget'],
    [/^(?:截至当期执行数|截至\S*?执行数|1[-－~至]\d{1,2}月执行数|执行数)$/, 'executed'],
    [/^(?:截至当期)?执行率$|^1[-－~至]\d{1,2}月执行率$/, 'rate'],
  ],
  goalNames: { goal: '年初设定目标', achieved: '截至当期完成情况', others: [[/^(?:年初设定目标|预期目标)$/, 'goal'], [/^(?:截至当期完成情况|截至\S*?完成情况|1[-－~至]\d{1,2}月执行情况|总体目标完成情况)$/, 'achieved']] },
  front: FRONT,
  choices: { likelihood: LIKELIHOODS, cause: CAUSES },
  numbers: [],
}

/** A cell's text compared as a name: no spaces, no bracketed hint or unit, no trailing colon. */
export const nameOf = (text: string): string =>
  text.replace(/[\s\u3000\u00a0]/g, '').replace(/[（(][^（()）]*[)）]/g, '').replace(/[:：]$/, '')

export const columnOf = (form: FormVocabulary, text: string): ColumnKey | null => form.columnNames.find(([re]) => re.test(nameOf(text)))?.[1] ?? null
export const fundsOf = (form: FormVocabulary, text: string): FundsKey | null => form.fundsNames.find(([re]) => re.test(nameOf(text)))?.[1] ?? null
export const goalOf = (form: FormVocabulary, text: string): 'goal' | 'achieved' | null => form.goalNames.others.find(([re]) => re.test(nameOf(text)))?.[1] ?? null
export const frontOf = (form: FormVocabulary, text: string): FrontKey | null => form.front.find(([re]) => re.test(nameOf(text)))?.[1] ?? null

/** Indicator text fields that a kind adds, in the order of its columns. */
export const addedKeys = (form: FormVocabulary): (keyof IndicatorText)[] =>
  form.header.map((c) => c.key).filter((k) => !TARGET_HEADER.some((c) => c.key === k)) as (keyof IndicatorText)[]
