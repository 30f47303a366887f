/**
 * A 项目支出绩效自评表 (财预〔2020〕10号 附件 2 and its regional variants),
 * read by its labels as `project-form/` reads targets: 项目名称, 主管部门,
 * 实施单位, the 项目资金 row (全年预算数, 全年执行数, 分值, 执行率, 得分),
 * 年度总体目标 (预期 / 实际完成情况), then the indicator table by its
 * header's column names (年度指标值, 实际完成值/全年实际值, 分值, 得分,
 * 偏差原因…, in the form's order), ending at 总分 or a footnote.
 *
 * Cells may come separated (tabs, runs of spaces, a cell a line) or run
 * together as a web page leaves them; run together, a value is taken only
 * where one reading exists (`glued-cells.ts`). A row that cannot be told
 * apart is refused with its line; a form cut inside its table is refused
 * where it stops, never imported shortened.
 */
import type { DocumentText, FundsText, IndicatorText, ProjectText } from '../../model/document-text'
import {
  DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, kindHeaderOf, kindSplitOf, PROJECT_ACHIEVED_FIELD, PROJECT_FIELDS, PROJECT_GOAL_FIELD, type Field,
} from '../../schema/fields'
import { LABEL_SCORE, resolveLevel2 } from '../../schema/taxonomy'
import { ImportError } from '../import-error'
import { formCells } from '../project-form/form-cells'
import { moneyUnitIn } from '../project-form/form-labels'
import { gluedRows, type GluedColumn } from './glued-cells'
import { meansNone, parseAmount } from '../../model/numbers'
import { BREAKDOWN, breakdownRowOf, budgetColumn, unplacedRow, unsplitRow } from '../funds-breakdown'

const compact = (s: string) => s.replace(/[\s\u3000\u00a0]/g, '')

/** Whether a text is a 自评表: says so, and has the columns only a 自评 has. */
export const isSelfEvaluation = (text: string): boolean => {
  const flat = compact(text)
  return flat.includes('自评') && /实际完成值|全年实际值|偏差原因|未完成原因/.test(flat) && flat.includes('得分')
}

type Column = 'level3' | 'value' | 'actual' | 'score' | 'earned' | 'deviation'

/** The field of a group by its key. */
const fieldOf = (fields: readonly Field[], key: string): Field => fields.find((f) => f.key === key)!
const column = (key: Column | 'level1' | 'level2'): Field => fieldOf([...INDICATOR_FIELDS, ...INDICATOR_FOLLOW_UP_FIELDS], key)
const named = (field: Field): readonly string[] => kindSplitOf(field, 'self-evaluation')
/** `{ name: key }` over the names the field table gives some fields on the 自评表. */
const byName = <K extends string>(keys: readonly K[], fieldBy: (key: K) => Field): Record<string, K> =>
  Object.fromEntries(keys.flatMap((key) => named(fieldBy(key)).map((name) => [name, key])))

const COLUMNS = ['level3', 'value', 'actual', 'score', 'earned', 'deviation'] as const satisfies readonly Column[]
/** The indicator header's names after 一级/二级, by the field each is. */
const HEADER: Record<string, Column> = byName(COLUMNS, column)
const FUNDS: Record<string, keyof FundsText> = byName(['initial', 'budget', 'executed', 'points', 'rate', 'earned'] as const, (key) => fieldOf(FUNDS_FIELDS, key))
const front = (key: 'name' | 'manager' | 'department' | 'implementer'): Field => fieldOf([...PROJECT_FIELDS, ...DETAIL_FIELDS], key)
const FRONT = byName(['name', 'manager', 'department', 'implementer'] as const, front)
/** The level columns, the goals' columns and the form's own words, read as labels and passed over. */
const OTHER = [
  '项目资金(万元)', '资金情况(万元)', '年度资金总额:', '年度资金总额：', '上年结转资金', '其他资金',
  // The first part of 年度资金总额 by any of its names (本年/当年财政拨款, 财政资金…), as it is written: after "其中".
  ...BREAKDOWN[0]!.names.flatMap((name) => [`其中:${name}`, `其中：${name}`]),
  '年度总体目标', ...named(PROJECT_GOAL_FIELD), ...named(PROJECT_ACHIEVED_FIELD), '绩效指标', ...named(column('level1')), ...named(column('level2')), '总分', '注:', '注：',
]
/** A column's name as the 自评表 writes it, for messages. */
const headerOf = (key: Column | 'level1' | 'level2'): string => kindHeaderOf(column(key), 'self-evaluation')
const LEVELS = ['服务对象满意度指标', '可持续影响指标', '经济效益指标', '社会效益指标', '生态效益指标', '数量指标', '质量指标', '时效指标', '成本指标', '产出指标', '效益指标', '满意度指标']
const escape = (s: string) => s.replace(/[()[\]/:：]/g, (c) => `\\${c}`)
const LABELS = [...new Set([...Object.keys(HEADER), ...Object.keys(FUNDS), ...Object.keys(FRONT), ...OTHER])].sort((a, b) => b.length - a.length)
const SPLIT = new RegExp(`(${[`(?:${LEVELS.join('|')})(?:[（(][\\d.]+分[)）])?`, ...LABELS.map(escape)].join('|')})`)

interface Token {
  text: string
  line: number
  /** Cut out of a longer cell at labels: its neighbours had no boundary. */
  glued: boolean
}

/** The cells, a cell whose text runs labels together split at them. */
function tokens(text: string): Token[] {
  // A row the published layout keeps on one line still has its cells between tabs.
  const cells = formCells(text).flatMap((cell) => cell.text.split('\t').map((part) => ({ ...cell, text: part.trim() })))
  return cells.flatMap((cell): Token[] => {
    const parts = compact(cell.text).split(SPLIT).filter((p) => p !== '' && !/^[…。.]+$/.test(p))
    // A cell that is no label run together keeps its text as written, spaces and all.
    if (parts.length === 1) return [{ text: isLabel(parts[0]!) ? parts[0]! : cell.text.replace(/…+$/, ''), line: cell.line, glued: false }]
    if (parts.length === 0) return []
    return parts.map((part) => ({ text: part.replace(/…+$/, ''), line: cell.line, glued: true }))
  })
}

const isLevel = (t: string) => LEVELS.some((l) => t.replace(LABEL_SCORE, '') === l)
const isLabel = (t: string) => LABELS.includes(t) || isLevel(t)
const ENDS = (t: string) => /^(注[:：]|总分$|填表人|审核意见|单位负责人|联系人)/.test(t)

/** Reads a 自评表 into a self-evaluation document of its one project. Throws ImportError. */
export function readSelfEvaluation(text: string): DocumentText {
  const all = tokens(text)
  const headerAt = all.findIndex((t) => named(column('level1')).includes(t.text))
  if (headerAt < 0) {
    const names = (['level1', 'level2', 'level3', 'value', 'actual', 'score', 'earned'] as const).map(headerOf)
    throw new ImportError('missing-section', null, `没有找到绩效自评表的指标表头（${names.join('、')}）`)
  }
  const cells = all.slice(0, headerAt)
  const valueAfter = (label: string) => {
    const at = cells.findIndex((t) => t.text === label)
    const next = cells[at + 1]
    return at >= 0 && next && !isLabel(next.text) ? next.text : ''
  }
  /** The cell after a field's label, under the first of its names the form has. */
  const valueOf = (key: Parameters<typeof front>[0]) => named(front(key)).map(valueAfter).find((v) => v !== '') ?? ''
  const name = valueOf('name')
  if (!name) throw new ImportError('missing-section', all[headerAt]!.line, `指标表之前没有找到“${named(front('name'))[0]}”及其内容`)
  const { columns, next } = header(all, headerAt)
  const { indicators, total } = indicatorRows(all.slice(next), columns)
  const { funds, names: fundsNames } = readFunds(cells)
  const split = readBreakdown(cells, fundsNames, funds)
  const goals = readGoals(cells)
  const year = /(20\d\d)年度/.exec(compact(text))?.[1] ?? ''
  const project: ProjectText = {
    unitCode: '', unitName: '', moneyUnit: cells.map((t) => moneyUnitIn(t.text)).find((u) => u !== null) ?? '万元', code: '', name,
    budgetTotal: funds[budgetColumn(funds)], budgetFiscal: split.budgetFiscal, budgetOther: split.budgetOther, usage: '', spendingPlan: [], goal: goals.goal, indicators,
    details: { department: valueOf('department'), implementer: valueOf('implementer'), manager: valueOf('manager'), period: '', periodGoal: '' },
    funds, achieved: goals.achieved, total: writtenTotal(total, indicators),
  }
  return {
    kind: 'self-evaluation', title: project.details!.department, subtitle: `${year ? `${year}年` : ''}${name}绩效自评`,
    preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects: [project],
    ...(split.unread.length + goals.unread.length > 0 ? { unread: [...split.unread, ...goals.unread] } : {}),
  }
}

function header(all: Token[], at: number): { columns: Column[]; next: number } {
  let i = at + 1
  if (named(column('level2')).includes(all[i]?.text ?? '')) i++
  const columns: Column[] = []
  while (all[i] && HEADER[all[i]!.text]) columns.push(HEADER[all[i++]!.text]!)
  for (const needed of ['level3', 'value', 'actual', 'earned'] as const) {
    if (!columns.includes(needed)) throw new ImportError('malformed-row', all[at]!.line, `绩效自评表的指标表头缺少“${headerOf(needed)}”`)
  }
  if (columns[0] !== 'level3') throw new ImportError('malformed-row', all[at]!.line, `绩效自评表的指标表头应在${headerOf('level2')}之后是“${headerOf('level3')}”`)
  return { columns, next: i }
}

interface Read {
  /** The targets' cells and, on each row, what the 自评 adds (实际完成值, 得分, 偏差原因). */
  indicators: IndicatorText[]
  /** The tokens after 总分, or null where the form has no 总分. */
  total: Token[] | null
}

function indicatorRows(body: Token[], columns: Column[]): Read {
  const read: Read = { indicators: [], total: null }
  let level1 = ''
  let level2 = ''
  let run: Token[] = []
  let lastLevel: Token | null = null
  let ended = false
  const flush = (atEnd: boolean) => {
    if (run.length === 0) return
    if (!level1) throw new ImportError('malformed-row', run[0]!.line, `指标表头之后应是一级指标（如“产出指标”），实际是“${run[0]!.text}”`)
    for (const cells of rowsOf(run, columns, atEnd)) {
      const cell = (c: Column) => cells[columns.indexOf(c)] ?? ''
      read.indicators.push({
        level1, level2, level3: cell('level3'), description: '', value: cell('value'), basis: '', score: cell('score'),
        actual: cell('actual'), earned: cell('earned'), deviation: cell('deviation'),
      })
    }
    run = []
    lastLevel = null
  }
  for (let i = 0; i < body.length; i++) {
    const token = body[i]!
    if (ENDS(token.text)) {
      flush(false)
      ended = true
      if (token.text === '总分') {
        const after = body.slice(i + 1)
        const stop = after.findIndex((t) => ENDS(t.text) || isLabel(t.text))
        read.total = after.slice(0, stop < 0 ? undefined : stop).slice(0, 2)
      }
      break
    }
    if (isLevel(token.text)) {
      flush(false)
      const scored = LABEL_SCORE.test(token.text)
      const asLevel2 = !scored && resolveLevel2(token.text).name !== ''
      if (asLevel2) level2 = token.text
      else [level1, level2] = [token.text, '']
      lastLevel = token
      continue
    }
    run.push(token)
  }
  if (!ended && run.length === 0 && lastLevel) {
    throw new ImportError('incomplete-table', lastLevel.line, `自评表在“${lastLevel.text}”之后中断：它下面没有任何指标，文件可能不完整`)
  }
  flush(!ended)
  // A 自评表 ends with its 总分 row or a footnote or sign-off: one that simply stops was cut, perhaps between two rows.
  if (!ended) throw new ImportError('incomplete-table', body.at(-1)?.line ?? null, '自评表在最后一个指标之后没有“总分”一行或表尾，文件可能不完整')
  if (read.indicators.length === 0) throw new ImportError('incomplete-table', body[0]?.line ?? null, '自评表的指标表头之后没有任何指标行')
  return read
}

/** The rows of a run of cells between two level labels: read cell for cell, or out of text run together. */
function rowsOf(run: Token[], columns: Column[], atEnd: boolean): string[][] {
  const glued = run.length === 1 && run[0]!.glued
  const width = columns.filter((c) => c !== 'deviation').length
  const readings = glued ? gluedReadings(run[0]!.text, columns) : cellReadings(run.map((t) => t.text), columns)
  if (readings.length === 1) return readings[0]!
  const first = run[0]!
  if (readings.length === 0 && atEnd) {
    throw new ImportError('incomplete-table', run.at(-1)!.line, `自评表在“${run.at(-1)!.text}”处中断：这一行不足 ${width} 个单元格，文件可能不完整`)
  }
  throw new ImportError(
    'malformed-row', first.line,
    readings.length === 0
      ? `无法把“${run.map((t) => t.text).join(' ').slice(0, 40)}”读成指标行（${width} 列：${(['level3', 'value', 'actual', 'score', 'earned'] as const).map(headerOf).join('、')}）${glued ? `：单元格连在一起，${headerOf('value')}与${headerOf('actual')}不同时无法分开` : ''}`
      : `“${run.map((t) => t.text).join(' ').slice(0, 40)}”可以读成不止一种指标行，请分开单元格后再导入`,
  )
}

const isNumber = (t: string) => /^\d+(\.\d+)?分?$/.test(t)

/** Rows cell for cell: 分值 and 得分 are numbers, a 偏差原因 may be there or not; every reading, at most two. */
function cellReadings(cells: string[], columns: Column[]): string[][][] {
  const found: string[][][] = []
  const rows = (at: number, done: string[][]): void => {
    if (found.length >= 2) return
    if (at === cells.length) return void (done.length > 0 && found.push(done))
    const row: string[] = []
    let i = at
    for (const column of columns) {
      if (column === 'deviation') continue
      const cell = cells[i]
      if (cell === undefined || ((column === 'score' || column === 'earned') && !isNumber(cell)) || (column === 'level3' && isNumber(cell))) return
      row.push(cell)
      i++
    }
    const at2 = columns.indexOf('deviation')
    const withDeviation = (deviation: string | null) => (at2 < 0 ? row : [...row.slice(0, at2), deviation ?? '', ...row.slice(at2)])
    rows(i, [...done, withDeviation(null)])
    if (at2 >= 0 && cells[i] !== undefined && !isNumber(cells[i]!)) rows(i + 1, [...done, withDeviation(cells[i]!)])
  }
  rows(0, [])
  return found
}

/** Rows out of text run together; a 偏差原因 cannot be told from the next 三级 there, so none is read. */
function gluedReadings(text: string, columns: Column[]): string[][][] {
  const kept = columns.filter((c) => c !== 'deviation')
  const shape: GluedColumn[] = []
  for (let k = 0; k < kept.length; k++) {
    const column = kept[k]!
    if (column === 'value' && kept[k + 1] === 'actual') {
      shape.push('pair')
      k++
    } else shape.push(column === 'level3' ? 'name' : column === 'score' || column === 'earned' ? 'number' : 'text')
  }
  const at = columns.indexOf('deviation')
  return gluedRows(text, shape).map((rows) => rows.map((row) => (at < 0 ? row : [...row.slice(0, at), '', ...row.slice(at)])))
}

/** The 年度资金总额 row under the 项目资金 header: its figures by the header's columns (`names`, in the header's order). */
function readFunds(front: Token[]): { funds: FundsText; names: (keyof FundsText)[] } {
  const funds: FundsText = { initial: '', budget: '', executed: '', rate: '', points: '', earned: '' }
  const rowAt = front.findIndex((t) => /^年度资金总额[:：]?$/.test(t.text))
  if (rowAt < 0) return { funds, names: [] }
  const headerStart = front.findIndex((t) => t.text in FUNDS)
  const names = front.slice(headerStart, rowAt).filter((t) => t.text in FUNDS).map((t) => FUNDS[t.text]!)
  const values = front.slice(rowAt + 1).findIndex((t) => isLabel(t.text))
  const cells = front.slice(rowAt + 1, values < 0 ? undefined : rowAt + 1 + values)
  let figures = cells.map((t) => t.text)
  if (cells.length === 1 && cells[0]!.glued && names.length > 1) figures = gluedFunds(cells[0]!.text, names) ?? []
  if (figures.length !== names.length) {
    const headers = names.map((key) => kindHeaderOf(fieldOf(FUNDS_FIELDS, key), 'self-evaluation'))
    throw new ImportError('malformed-row', front[rowAt]!.line, `“年度资金总额”一行应有 ${names.length} 个数（${headers.join('、')}），实际读到“${cells.map((t) => t.text).join(' ')}”`)
  }
  names.forEach((name, i) => {
    funds[name] = figures[i]!
  })
  return { funds, names }
}

/**
 * The rows that split 年度资金总额 (其中：本年财政拨款, 上年结转资金, 其他资金), each under the header's
 * amount columns (年初预算数, 全年预算数, 全年执行数) — 分值, 执行率 and 得分 are the whole's alone. The
 * targets' 财政资金 and 其他资金 are the split of the 预算数, which this reader takes from 年初预算数 (全年预算数
 * on a form without it: `budgetColumn`, as every reader of these forms), so each takes its row's figure in
 * that column. A row whose figures cannot be told apart is not guessed: the rest is imported and the
 * row named in `unread`, as is a 上年结转资金 the model has no cell for (the 预算数 splits into 财政资金 and
 * 其他资金 only), so that 预算数 ≠ 财政资金 + 其他资金 has its reason said.
 */
function readBreakdown(front: Token[], names: readonly (keyof FundsText)[], funds: FundsText): { budgetFiscal: string; budgetOther: string; unread: string[] } {
  const read = { budgetFiscal: '', budgetOther: '', unread: [] as string[] }
  const amounts = names.filter((n) => n === 'initial' || n === 'budget' || n === 'executed')
  const headers = amounts.map((key) => kindHeaderOf(fieldOf(FUNDS_FIELDS, key), 'self-evaluation'))
  const rowAt = front.findIndex((t) => /^年度资金总额[:：]?$/.test(t.text))
  if (rowAt < 0 || amounts.length === 0) return read
  for (const row of BREAKDOWN) {
    const at = front.findIndex((t, i) => i > rowAt && isLabel(t.text) && breakdownRowOf(t.text) === row)
    if (at < 0) continue
    const end = front.slice(at + 1).findIndex((t) => isLabel(t.text))
    const cells = front.slice(at + 1, end < 0 ? undefined : at + 1 + end)
    // Nothing but dashes or zeros, however many: the row has nothing to place, whatever its cells' count.
    if (cells.every((t) => meansNone(t.text))) continue
    const written = cells.map((t) => t.text).join(' ')
    const separate = cells.every((t) => !t.glued)
    // The amount columns come first in the header: a row's first cells are theirs when what follows is only dashes.
    const amountsFirst = amounts.every((key, i) => names[i] === key)
    const figures = cells.length === amounts.length && (separate || amounts.length === 1)
      ? cells.map((t) => t.text)
      // A row written across every column of the header (执行率 and the rest too, or a dash there): its amounts by their place.
      : cells.length === names.length && separate ? amounts.map((key) => cells[names.indexOf(key)]!.text)
      : cells.length > amounts.length && separate && amountsFirst && cells.slice(amounts.length).every((t) => meansNone(t.text)) ? cells.slice(0, amounts.length).map((t) => t.text)
      : cells.length === 1 && cells[0]!.glued ? splitFigures(cells[0]!.text, amounts, funds) : null
    if (!figures) {
      read.unread.push(unsplitRow(row, written, headers))
      continue
    }
    if (row.into) read[row.into] = figures[amounts.indexOf(budgetColumn(funds))] ?? ''
    else if (figures.some((f) => !meansNone(f))) read.unread.push(unplacedRow(row.name, figures.join(' ')))
  }
  return read
}

/**
 * A row's figures run together ("2020"): the one split whose every part is at most the whole's figure in
 * its column (20 and 20 under 年度资金总额's 20 and 20: not 202 and 0); none or several, and null.
 */
function splitFigures(text: string, amounts: readonly (keyof FundsText)[], funds: FundsText): string[] | null {
  const readings = gluedRows(text, amounts.map(() => 'number' as const), 50).filter((rows) => rows.length === 1).map((rows) => rows[0]!)
  const fits = readings.filter((cells) => cells.every((cell, i) => {
    const whole = parseAmount(funds[amounts[i]!])
    return whole !== null && Number(cell) <= whole
  }))
  return fits.length === 1 ? fits[0]! : null
}

/**
 * Figures run together: the reading whose figures agree — 执行率 = 执行数 ÷
 * 预算数 and 得分 = 分值 × 执行率 — when exactly one does. Such a form's
 * figures are read only where they agree, so the checks find nothing to
 * say about them; one whose figures disagree is refused.
 */
function gluedFunds(text: string, names: string[]): string[] | null {
  const shape: GluedColumn[] = names.map(() => 'number')
  const readings = gluedRows(text, shape, 50).filter((rows) => rows.length === 1).map((rows) => rows[0]!)
  const consistent = readings.filter((cells) => {
    const get = (n: string) => Number(cells[names.indexOf(n)]?.replace('%', ''))
    const rate = get('executed') / get('budget')
    const scored = !names.includes('earned') || !names.includes('points') || Math.abs(get('points') * Math.min(1, rate) - get('earned')) < 0.01
    return scored && names.includes('rate') && cells[names.indexOf('rate')]!.endsWith('%') && Math.abs((get('executed') / get('budget')) * 100 - get('rate')) < 0.01
  })
  return consistent.length === 1 ? consistent[0]! : null
}

/** 年度总体目标: the 预期目标 and 实际完成情况 cells; run together, all of it is the goal and the checks ask for the rest. */
function readGoals(front: Token[]): { goal: string; achieved: string; unread: string[] } {
  const at = front.findLastIndex((t) => named(PROJECT_ACHIEVED_FIELD).includes(t.text))
  if (at < 0) return { goal: '', achieved: '', unread: [] }
  const cells = front.slice(at + 1).filter((t) => !isLabel(t.text))
  if (cells.length >= 2) return { goal: cells[0]!.text, achieved: cells.slice(1).map((t) => t.text).join(''), unread: [] }
  // One text cut out of a longer cell: a 预期目标 and an 实际完成情况 written on without a break between them cannot
  // be told apart (nor from a 预期目标 alone). It is kept whole as the 预期目标, and the person told to check it.
  const unread = cells[0]?.glued ? [`年度总体目标下只读到一段连在一起的文字，分不出预期目标和实际完成情况：已全部作为预期目标导入，请核对，并填写“实际完成情况”`] : []
  return { goal: cells[0]?.text ?? '', achieved: '', unread }
}

/** The written 总分 (its 得分): the last figure of the 总分 row; run together, what follows the 分值 total. */
function writtenTotal(total: Token[] | null, indicators: IndicatorText[]): string {
  if (!total || total.length === 0) return ''
  if (total.length >= 2 || !total[0]!.glued) return total.at(-1)!.text
  const points = String(indicators.reduce((sum, i) => sum + (Number(i.score) || 0), 0))
  const text = total[0]!.text
  return text.startsWith(points) && isNumber(text.slice(points.length)) ? text.slice(points.length) : ''
}
