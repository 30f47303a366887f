/**
 * Reads 自评表 and 监控表 whose rows are known — Word, HTML and Excel tables,
 * and text with a cell a tab-prefixed line or its cells between tabs — by
 * their labels and their headers' column names (`form-vocabulary.ts`):
 * 项目名称 and the labels beside it, the figures under the 项目资金 header
 * and the rows under its 年度资金总额 that split it (财政拨款, 其他资金),
 * 年度总体目标's two cells, then the indicator rows cell for cell under the
 * header's columns, an empty 一级/二级 continuing the one above as merged
 * cells print. A document may hold several forms, one per project; the
 * paragraphs before the first are its title block.
 *
 * Nothing is guessed: a figure that is no amount, a 分值 or 得分 that is no
 * number, a 完成目标可能性 or 偏差原因 outside its list, a row wider than its
 * header or short of its required cells is refused with its place; and a
 * table that stops where the file stops, before its 总分 row or note, was
 * cut — refused, never imported shortened. (In Word, HTML and Excel a table
 * ends where it ends; in text only its end row says it is whole.) The rows
 * that split 年度资金总额 are a part of the whole the form states already:
 * what of them no cell holds is named in `unread`, the rest imported.
 */
import type { DocumentText, FundsText, IndicatorText, ProjectText } from '../../model/document-text'
import { ImportError, type ImportErrorCode } from '../import-error'
import { moneyUnitIn } from '../project-form/form-labels'
import { breakdownRowOf, budgetColumn, PART_PREFIX, unplacedRow } from '../funds-breakdown'
import { meansNone } from '../../model/numbers'
import { columnOf, frontOf, fundsOf, goalOf, GRADE_PREFIX, nameOf, SIDE_LABEL, TOTAL_LABEL, type ColumnKey, type FormVocabulary, type FrontKey, type FundsKey } from './form-vocabulary'

/** Where a row or paragraph is: a line of a text file, or a place in a file of tables. */
export interface Place {
  line: number | null
  place: string | null
}

export type FormItem = ({ kind: 'paragraph'; text: string } | { kind: 'row'; cells: string[]; table: number }) & Place

export interface FormSource {
  items: FormItem[]
  /** Whether a table ends where its rows end (Word, HTML, Excel); in text, one that runs to the end of the file may have been cut. */
  tablesEnd: boolean
}

const fail = (code: ImportErrorCode, at: Place, detail: string): never => {
  throw new ImportError(code, at.line, detail, at.line === null ? at.place : null)
}

const compact = (s: string) => s.replace(/[\s\u3000\u00a0]/g, '')
const END = /^(注[:：]|填表人|审核意见|单位负责人|联系人|填报说明|财务负责人)/
const isEnd = (cells: string[]) => {
  const first = cells.map(compact).find((c) => c !== '') ?? ''
  return first === TOTAL_LABEL || END.test(first)
}
const firstText = (cells: string[]) => cells.map(compact).find((c) => c !== '') ?? ''
const isNameRow = (form: FormVocabulary, cells: string[]) => frontOf(form, firstText(cells)) === 'name'

/**
 * An amount or a rate as forms write them: "20", "89.974", "100.00%", "1,200", or nothing ("", "—", "/"); an amount
 * may name its money unit, as the targets' 预算数 may and a 监控 or 自评 carries it ("3000元": read as the form reads
 * it, `funds-figures.ts`), and be followed by a remark in brackets, as the targets' may and the models read it
 * ("854万(高标准农田建设400万元,…)": our own export of such a 自评 was refused).
 */
const FIGURE = /^(?:-?[\d,]+(?:\.\d+)?(?:%|百万元|亿元|万元|千元|元|万)?(?:[(（][^()（）]*[)）])?|[—–\-/／无]*)$/
const NUMBER = /^(?:\d+(?:\.\d+)?分?)?$/

type Row = Extract<FormItem, { kind: 'row' }>

/** Reads every form of the source as one document of the vocabulary's kind. Throws ImportError. */
export function readKindForms(form: FormVocabulary, source: FormSource): DocumentText {
  const { items } = source
  const starts = items.flatMap((item, i) => (item.kind === 'row' && isNameRow(form, item.cells) ? [i] : []))
  if (starts.length === 0) {
    const at = items.find((item) => item.kind === 'row') ?? items[0]
    fail('missing-section', at ?? { line: null, place: null }, `没有找到${form.title}的“项目名称”一行`)
  }
  const projects: ProjectText[] = []
  let asOf = ''
  const unread: string[] = []
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? items.length
    // The paragraphs just above a form are its own ("金额单位：万元" under its title).
    let lead = start
    while (lead > 0 && items[lead - 1]!.kind === 'paragraph') lead--
    const read = readForm(form, items.slice(start, end), items.slice(lead, start), source.tablesEnd, end === items.length)
    projects.push(read.project)
    // Of several forms, the project says whose row it was.
    unread.push(...read.unread.map((sentence) => (starts.length > 1 ? `项目“${read.project.name}”的${sentence}` : sentence)))
    if (!asOf) asOf = read.asOf
  })
  // Before the first form: the document's title block, the form's title ("1.某某项目支出绩效自评表") and its year line ("（2023年度 1-6月）").
  const before = items.slice(0, starts[0]).flatMap((item) => (item.kind === 'paragraph' ? [item.text.trim()] : item.cells.filter((c) => c.trim() !== '')))
  const preamble = before.filter((line) => !FORM_TITLE.test(compact(line)) && !YEAR_LINE.test(compact(line)))
  const text: DocumentText = { kind: form.kind, ...titleBlock(form, before, preamble, projects[0]!), goals: [], subGoals: [], safeguards: [], projects }
  if (unread.length > 0) text.unread = unread
  // A form without a 截至月份 says its period in its year line or its headers ("1-6月执行数").
  if (form.kind === 'monitoring') text.asOf = asOf || (PERIOD.exec(items.map((item) => (item.kind === 'paragraph' ? item.text : item.cells.join(' '))).join(' '))?.[0] ?? '')
  return text
}

const FORM_TITLE = /(?:自评表|监控表)$/
const YEAR_LINE = /^[（(].*年度.*[)）]$/
const PERIOD = /\d{1,2}[-－~至]\d{1,2}月/

/** Four paragraphs are the title, subtitle, 编制 and 审核 as our exports write them; fewer are placed by what they say. */
function titleBlock(form: FormVocabulary, before: string[], lines: string[], first: ProjectText): Pick<DocumentText, 'title' | 'subtitle' | 'preparedBy' | 'reviewedBy'> {
  const filled = lines.filter((l) => l !== '')
  if (filled.length === 4) return { title: filled[0]!, subtitle: filled[1]!, preparedBy: filled[2]!, reviewedBy: filled[3]! }
  const block = { title: '', subtitle: '', preparedBy: '', reviewedBy: '' }
  for (const line of filled) {
    const slot = /自评|监控/.test(line) && !block.subtitle ? 'subtitle' : line.endsWith('编制') && !block.preparedBy ? 'preparedBy' : line.endsWith('审核') && !block.reviewedBy ? 'reviewedBy' : !block.title ? 'title' : null
    if (slot) block[slot] = line
  }
  if (!block.title) block.title = first.details?.department ?? ''
  if (!block.subtitle) {
    const year = /(20\d\d)\s*年/.exec(before.join(' '))?.[1]
    block.subtitle = `${year ? `${year}年` : ''}${first.name}${form.kind === 'monitoring' ? '绩效运行监控' : '绩效自评'}`
  }
  return block
}

interface FormRead {
  project: ProjectText
  asOf: string
  /** What the form holds that no cell does (`DocumentText.unread`). */
  unread: string[]
}

function readForm(form: FormVocabulary, items: FormItem[], lead: FormItem[], tablesEnd: boolean, lastForm: boolean): FormRead {
  const rows = items.filter((item): item is Row => item.kind === 'row')
  const headerAt = rows.findIndex((row) => row.cells.some((c) => columnOf(form, c) === 'level1'))
  const name = rows[0]!
  if (headerAt < 0) fail('incomplete-table', rows.at(-1)!, `${form.title}“${frontValue(form, rows, 'name')}”在指标表头（一级指标、二级指标、三级指标……）之前中断，文件可能不完整`)
  const front = rows.slice(0, headerAt)
  const units = new Set([...lead, ...items.slice(0, items.indexOf(rows[headerAt]!))].flatMap((item) => (item.kind === 'row' ? item.cells : [item.text])).map(moneyUnitIn).filter((u): u is string => u !== null))
  if (units.size > 1) fail('malformed-row', name, `金额的单位不一致：表中既写了${[...units].join('又写了')}。请统一为一个单位后再导入`)
  const { funds, breakdown } = readFunds(form, front)
  const goals = readGoals(form, front)
  const { indicators, total } = readIndicators(form, rows.slice(headerAt), tablesEnd, lastForm)
  const projectName = frontValue(form, front, 'name')
  if (!projectName) fail('missing-section', name, '“项目名称”一格是空的')
  const project: ProjectText = {
    unitCode: '', unitName: '', moneyUnit: [...units][0] ?? '万元', code: frontValue(form, front, 'code'), name: projectName,
    // The targets' 预算数 is the 年初预算数 the linked document carried over.
    budgetTotal: funds[budgetColumn(funds)], budgetFiscal: breakdown.budgetFiscal, budgetOther: breakdown.budgetOther, usage: '', spendingPlan: [], goal: goals.goal, indicators,
    details: { department: frontValue(form, front, 'department'), implementer: frontValue(form, front, 'implementer'), manager: frontValue(form, front, 'manager'), period: '', periodGoal: '' },
    funds, achieved: goals.achieved,
  }
  if (form.kind === 'self-evaluation') project.total = total
  return { project, asOf: frontValue(form, front, 'asOf'), unread: breakdown.unread }
}

/** The cell after a front label, in the rows above the indicator table: the next one written in (a label spanning columns leaves empty cells in Excel), unless that is the next label. */
function frontValue(form: FormVocabulary, rows: Row[], key: FrontKey): string {
  for (const row of rows) {
    const at = row.cells.findIndex((c) => frontOf(form, c) === key)
    if (at < 0) continue
    const value = row.cells.slice(at + 1).find((c) => c.trim() !== '')?.trim() ?? ''
    return frontOf(form, value) === null ? value : ''
  }
  return ''
}

/** Cells of a value row under a header row: by position where both are as wide, else aligned at the right (a side label merged down may be missing). */
const under = (header: string[], values: string[], i: number): string => (values.length === header.length ? values[i] : values[values.length - (header.length - i)]) ?? ''

interface Breakdown {
  budgetFiscal: string
  budgetOther: string
  unread: string[]
}

function readFunds(form: FormVocabulary, rows: Row[]): { funds: FundsText; breakdown: Breakdown } {
  const funds: FundsText = { initial: '', budget: '', executed: '', rate: '', points: '', earned: '' }
  const headerAt = rows.findIndex((row) => row.cells.filter((c) => fundsOf(form, c) !== null).length >= 2)
  if (headerAt < 0) return { funds, breakdown: { budgetFiscal: '', budgetOther: '', unread: [] } }
  const header = rows[headerAt]!
  const valueAt = rows.findIndex((row, i) => i > headerAt && row.cells.some((c) => nameOf(c) === SIDE_LABEL.fundsRow))
  const valueRow = rows[valueAt]
  if (!valueRow) return fail('malformed-row', header, `“${SIDE_LABEL.funds}”表头之下没有“${SIDE_LABEL.fundsRow}”一行`)
  header.cells.forEach((name, i) => {
    const key: FundsKey | null = fundsOf(form, name)
    if (!key) return
    const text = under(header.cells, valueRow.cells, i).trim()
    if (!FIGURE.test(text.replace(/[\s\u3000]/g, ''))) fail('malformed-row', valueRow, `“${SIDE_LABEL.fundsRow}”一行的“${nameOf(name)}”应是数字，实际是“${text}”：这一行的单元格可能错了列`)
    funds[key] = text
  })
  return { funds, breakdown: readBreakdown(form, header, valueRow, rows.slice(valueAt + 1), funds) }
}

/** The funds header's amount columns (年初预算数, 全年预算数, 执行数): the ones a part of the whole has figures in — 执行率, 分值 and 得分 are the whole's. */
const AMOUNTS: readonly FundsKey[] = ['initial', 'budget', 'executed']

/**
 * The rows under 年度资金总额 that split it (`funds-breakdown.ts`), each cell for cell under the funds
 * header. The targets' 财政资金 and 其他资金 split the 预算数, which this reader takes from 年初预算数
 * (全年预算数 where that is empty, as `budgetTotal`): each takes its row's figure in that same column,
 * so that 预算数 = 财政资金 + 其他资金 holds as the form states it. What has no cell is not dropped in
 * silence: a 上年结转资金 or a 其中 row of another name with a figure, and a figure that is no amount,
 * leave the rest imported and are named in `unread`. The rows end at the first that is none of these.
 */
function readBreakdown(form: FormVocabulary, header: Row, whole: Row, rows: Row[], funds: FundsText): Breakdown {
  const read: Breakdown = { budgetFiscal: '', budgetOther: '', unread: [] }
  const amounts = header.cells.flatMap((name, i) => {
    const key = fundsOf(form, name)
    return key && AMOUNTS.includes(key) ? [{ key, name: nameOf(name), at: i }] : []
  })
  const total = amounts.find((a) => a.key === budgetColumn(funds))
  // A part's cells stand where the whole's do, from its label on: Excel leaves off a row's empty cells at its end, so aligning at the right would shift them.
  const wholeLabel = whole.cells.findIndex((c) => nameOf(c) === SIDE_LABEL.fundsRow)
  const wholeAt = (i: number) => (whole.cells.length === header.cells.length ? i : i - (header.cells.length - whole.cells.length))
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === '')) continue
    // The side label 项目资金 merged down, where a producer repeats it, is no row's label.
    const labelAt = row.cells.findIndex((c) => c.trim() !== '' && nameOf(c) !== SIDE_LABEL.funds)
    const label = nameOf(row.cells[labelAt] ?? '')
    const part = breakdownRowOf(label)
    if (!part && !PART_PREFIX.test(label)) break
    const cell = (at: number) => (row.cells[wholeAt(at) - wholeLabel + labelAt] ?? '').trim()
    const figures = amounts.map((a) => cell(a.at))
    const written = figures.filter((f) => f !== '').join(' ')
    if (!part?.into) {
      if (figures.some((f) => f !== '' && !meansNone(f))) read.unread.push(unplacedRow(label, written))
      continue
    }
    const figure = total ? cell(total.at) : ''
    if (FIGURE.test(compact(figure))) read[part.into] = figure
    else read.unread.push(`${label}的“${total!.name}”应是数字，实际是“${figure}”，未导入，请按原表填写`)
  }
  return read
}

function readGoals(form: FormVocabulary, rows: Row[]): { goal: string; achieved: string } {
  const at = rows.findIndex((row) => row.cells.some((c) => goalOf(form, c) !== null))
  if (at < 0) return { goal: '', achieved: '' }
  const header = rows[at]!
  const values = rows[at + 1]
  if (!values) return fail('incomplete-table', header, `“${SIDE_LABEL.goals}”之下没有内容一行，文件可能不完整`)
  const goals = { goal: '', achieved: '' }
  header.cells.forEach((name, i) => {
    const key = goalOf(form, name)
    if (key) goals[key] = under(header.cells, values.cells, i).trim()
  })
  return goals
}

function readIndicators(form: FormVocabulary, rows: Row[], tablesEnd: boolean, lastForm: boolean): { indicators: IndicatorText[]; total: string } {
  const header = rows[0]!
  const columns = header.cells.map((c) => columnOf(form, c))
  const missing = form.required.filter((key) => !columns.includes(key))
  if (missing.length > 0) {
    const names = missing.map((key) => form.header.find((c) => c.key === key)!.name)
    fail('malformed-row', header, `${form.title}的指标表头缺少“${names.join('”“')}”`)
  }
  const named = (key: ColumnKey) => form.header.find((c) => c.key === key)!.name
  const unknown = header.cells.findIndex((c, i) => i > columns.indexOf('level1') && columns[i] === null && c.trim() !== '')
  if (unknown >= 0) fail('malformed-row', header, `指标表头的“${header.cells[unknown]}”不是${form.title}的列名（应为${form.header.map((c) => c.name).join('、')}）`)
  const first = columns.indexOf('level1')
  const lastRequired = Math.max(...form.required.map((key) => columns.indexOf(key)))
  const indicators: IndicatorText[] = []
  let level1 = ''
  let level2 = ''
  let ended: Row | null = null
  const body = rows.slice(1)
  for (const row of body) {
    if (isEnd(row.cells)) {
      ended = row
      break
    }
    const cells = row.cells.map((c) => c.trim())
    if (cells.every((c) => c === '')) continue
    if (cells.length > header.cells.length && cells.slice(header.cells.length).some((c) => c !== '')) {
      fail('malformed-row', row, `这一行有 ${cells.length} 个单元格，比指标表头多：单元格可能错了列`)
    }
    const cell = (key: ColumnKey) => (columns.indexOf(key) >= 0 ? (cells[columns.indexOf(key)] ?? '') : '')
    if (cells.length <= lastRequired) {
      const cut = row === body.at(-1) && lastForm && !tablesEnd
      fail(cut ? 'incomplete-table' : 'malformed-row', row, cut ? `${form.title}在“${cells.filter(Boolean).at(-1)}”处中断：这一行不足 ${lastRequired - first + 1} 个单元格，文件可能不完整` : `指标“${cell('level3')}”只有 ${cells.length - first} 个单元格，应有 ${lastRequired - first + 1} 个（到“${named(columns[lastRequired]!)}”为止）`)
    }
    if (cell('level1')) [level1, level2] = [cell('level1'), cell('level2')]
    else if (cell('level2')) level2 = cell('level2')
    if (!level1) fail('malformed-row', row, `指标表头之后应是一级指标（如“产出指标”），这一行的一级指标是空的`)
    const indicator: IndicatorText = { level1, level2, level3: cell('level3'), description: '', value: cell('value'), basis: '' }
    for (const column of form.header) {
      if (['level1', 'level2', 'level3', 'value'].includes(column.key)) continue
      const text = cell(column.key)
      if (form.numbers.includes(column.key) && !NUMBER.test(compact(text))) fail('malformed-row', row, `指标“${indicator.level3}”的“${column.name}”应是数字，实际是“${text}”：单元格可能错了列`)
      const choices = form.choices[column.key]
      if (choices && text !== '' && !choices.includes(text)) fail('malformed-row', row, `指标“${indicator.level3}”的“${column.name}”只能填${choices.map((c) => `“${c}”`).join('、')}，实际是“${text}”`)
      indicator[column.key as 'actual'] = text
    }
    // A row with only its 一级/二级 labels (a level with no indicator under it) holds nothing to read.
    if (indicator.level3 === '' && indicator.value === '' && form.header.every((c) => ['level1', 'level2', 'level3', 'value'].includes(c.key) || cell(c.key) === '')) continue
    indicators.push(indicator)
  }
  const last = body.at(-1) ?? header
  if (!ended && !tablesEnd && lastForm) {
    fail('incomplete-table', last, `${form.title}在最后一个指标之后没有“${form.kind === 'self-evaluation' ? TOTAL_LABEL : '注'}”一行或表尾，文件可能不完整`)
  }
  if (indicators.length === 0) fail('incomplete-table', header, `${form.title}的指标表头之后没有任何指标行`)
  let total = ''
  if (ended && firstText(ended.cells) === TOTAL_LABEL) total = writtenTotal(ended.cells.map(compact), header.cells.length, columns.indexOf('earned'))
  return { indicators, total }
}

/**
 * The 总分 row's 得分: under the 得分 column where the row is as wide as
 * the header; where its cells were merged, the cell before the grade
 * ("等级：优", as we write it), else the row's last number.
 */
function writtenTotal(cells: string[], width: number, earnedAt: number): string {
  const number = (c: string | undefined) => (c !== undefined && /^\d+(\.\d+)?分?$/.test(c) ? c.replace(/分$/, '') : '')
  if (cells.length === width) return number(cells[earnedAt])
  const grade = cells.findIndex((c) => c.startsWith(GRADE_PREFIX))
  if (grade > 0) return number(cells[grade - 1])
  return number(cells.filter((c) => number(c) !== '').at(-1))
}
