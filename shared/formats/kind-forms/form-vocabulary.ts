/**
 * The words of the forms of the kinds after the targets — the 项目支出绩效自评表
 * (财预〔2020〕10号 附件 2) and the 项目支出绩效目标执行监控表 (财政部 运行监控,
 * 财预〔2019〕136号 附件) — in one table per kind: what the layouts write
 * and what the reader recognises, so a form we write reads back through
 * the reader of forms others write. The fields' names come from the field
 * table (`schema/fields.ts`, each field's `kinds`); what is here is each
 * form's shape: which fields, in what order, which are required.
 *
 * A header name is compared with its spaces and its bracketed hints
 * removed ("偏差原因分析（经费保障/制度保障…）" is 偏差原因分析); the money
 * unit a label states ("项目资金（万元）") is the form's unit.
 */
import type { FundsText, IndicatorText } from '../../model/document-text'
import { CAUSES, LIKELIHOODS } from '../../monitoring/monitoring-choices'
import {
  DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, kindHeaderOf, kindNamesOf, PROJECT_ACHIEVED_FIELD, PROJECT_FIELDS, PROJECT_GOAL_FIELD,
  type Field, type FollowUpKind,
} from '../../schema/fields'

/** The indicator fields a form's columns fill. */
export type ColumnKey = 'level1' | 'level2' | 'level3' | 'value' | 'score' | 'actual' | 'earned' | 'deviation' | 'forecast' | 'likelihood' | 'cause' | 'measure'
export type FundsKey = keyof FundsText
export type FrontKey = 'name' | 'department' | 'implementer' | 'manager' | 'code' | 'asOf'

export interface FormVocabulary {
  kind: FollowUpKind
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

/** A field of a group by its key. */
const fieldOf = (fields: readonly Field[], key: string): Field => fields.find((f) => f.key === key)!
const column = (key: ColumnKey): Field => fieldOf([...INDICATOR_FIELDS, ...INDICATOR_FOLLOW_UP_FIELDS], key)
const front = (key: Exclude<FrontKey, 'asOf'>): Field => fieldOf([...PROJECT_FIELDS, ...DETAIL_FIELDS], key)

/** The names a kind's readers take for each of some fields, in their order. */
const namesOf = <K extends string>(kind: FollowUpKind, keys: readonly K[], fieldBy: (key: K) => Field): (readonly [RegExp, K])[] =>
  keys.map((key) => [kindNamesOf(fieldBy(key), kind)!, key] as const)

export const SIDE_LABEL = { funds: '项目资金', goals: '年度总体目标', indicators: '绩效指标', fundsRow: '年度资金总额' } as const
export const FRONT_LABEL = { name: front('name').label, department: front('department').label, implementer: front('implementer').label, asOf: '截至月份' } as const
export const TOTAL_LABEL = '总分'
export const GRADE_PREFIX = '等级：'

const FRONT_KEYS = ['name', 'department', 'implementer', 'manager', 'code'] as const
/** The labels above the tables: the fields' names, then the 监控's period. */
const frontNames = (kind: FollowUpKind): FormVocabulary['front'] => [...namesOf(kind, FRONT_KEYS, front), [/^(?:截至月份|监控期间|截至时间)$/, 'asOf']]

/** The columns both forms carry from the targets, first in the header (the columns after them are what a kind adds). */
const TARGET_COLUMNS = ['level1', 'level2', 'level3', 'value'] as const satisfies readonly ColumnKey[]

/** A kind's vocabulary from the field table: its columns, its funds figures and its goals, in the order its form writes them. */
function vocabulary(kind: FollowUpKind, title: string, form: { columns: readonly ColumnKey[]; funds: readonly FundsKey[] }): Omit<FormVocabulary, 'required' | 'choices' | 'numbers'> {
  const columns = [...TARGET_COLUMNS, ...form.columns]
  const goal = { goal: PROJECT_GOAL_FIELD, achieved: PROJECT_ACHIEVED_FIELD }
  return {
    kind,
    title,
    header: columns.map((key) => ({ key, name: kindHeaderOf(column(key), kind) })),
    columnNames: namesOf(kind, columns, column),
    funds: form.funds.map((key) => ({ key, name: kindHeaderOf(fieldOf(FUNDS_FIELDS, key), kind) })),
    fundsNames: namesOf(kind, form.funds, (key) => fieldOf(FUNDS_FIELDS, key)),
    goalNames: { goal: kindHeaderOf(goal.goal, kind), achieved: kindHeaderOf(goal.achieved, kind), others: namesOf(kind, ['goal', 'achieved'] as const, (key) => goal[key]) },
    front: frontNames(kind),
  }
}

export const SELF_EVALUATION_FORM: FormVocabulary = {
  ...vocabulary('self-evaluation', '项目支出绩效自评表', {
    columns: ['actual', 'score', 'earned', 'deviation'],
    funds: ['initial', 'budget', 'executed', 'points', 'rate', 'earned'],
  }),
  required: ['level1', 'level3', 'value', 'actual', 'score', 'earned'],
  choices: {},
  numbers: ['score', 'earned'],
}

export const MONITORING_FORM: FormVocabulary = {
  ...vocabulary('monitoring', '项目支出绩效目标执行监控表', {
    columns: ['actual', 'forecast', 'likelihood', 'cause', 'measure'],
    funds: ['initial', 'budget', 'executed', 'rate'],
  }),
  required: ['level1', 'level3', 'value', 'actual', 'forecast'],
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
  form.header.map((c) => c.key).filter((k) => !(TARGET_COLUMNS as readonly ColumnKey[]).includes(k)) as (keyof IndicatorText)[]
