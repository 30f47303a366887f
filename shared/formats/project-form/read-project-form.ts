/**
 * One project's 绩效目标申报表 / 审批表 in another region's layout, read
 * by its labels rather than by position: whatever order the form puts
 * 项目名称, 主管部门, the money and the goals in, each label's value is the
 * cell after it, and the indicator table is read by its header's column
 * names. Page clutter (site navigation, 来源, 发布时间) reads as cells no
 * label claims; a sign-off or footnote (填表人, 审核意见, 注：) ends the form.
 *
 * Indicator rows are read by their 一级/二级 labels against the taxonomy —
 * with scores ("产出指标(50分)"), split labels ("经济效益" / "指标") and
 * 101号's 成本指标 一级 — so layouts that lost their row boundaries (a cell
 * a line, cells between `|`) read as well as tables. A row whose cells fill
 * the header is read by position, its empty 一级/二级 continuing the row
 * above, as merged cells do.
 *
 * A form that stops inside its table (the file was cut) is an error naming
 * the line, never a project with rows missing.
 */
import type { DocumentText, IndicatorText, ProjectDetailsText, ProjectText } from '../../model/document-text'
import { AMOUNT_FIELDS, byKey, INDICATOR_LEVEL_FIELDS } from '../../schema/fields'
import { belongsTo, LABEL_SCORE, LEVEL2_BY_LEVEL1, resolveLevel1, resolveLevel2, type Level1, type Level2 } from '../../schema/taxonomy'
import { ImportError } from '../import-error'
import { FIELD_NAME, indicatorColumns, isColumnName, readColumns, type ColumnMap, type IndicatorField } from '../indicator-columns'
import { formCells, type FormCell } from './form-cells'
import { dropVacantColumns } from '../vacant-columns'
import { compactLabel, FORM_END, labelOf, looksLikeLabel, moneyUnitIn, SIGN_OFF, type FormField } from './form-labels'
import { FRAGMENT, implausibleRow, shiftedRow } from './plausible-row'
import { meansNone } from '../../model/numbers'

/** A score standing in a cell of its own, after the 一级 it scores: "(40-50)分". */
const PURE_SCORE = /^[（(]?\s*[\d.]+\s*(?:[-~－—至]\s*[\d.]+)?\s*分?\s*[)）]?\s*分?$/

interface LevelLabel {
  level1: Level1 | ''
  level2: Level2 | ''
  scored: boolean
}

/** A 一级/二级 label as written, resolved; a scored label is a 一级 (forms score 一级 only). */
function levelLabel(text: string): LevelLabel {
  return { level1: resolveLevel1(text).name, level2: resolveLevel2(text).name, scored: LABEL_SCORE.test(text.replace(/[\s\u3000]/g, '')) }
}

const isLevel = (text: string) => {
  const level = levelLabel(text)
  return level.level1 !== '' || level.level2 !== ''
}

const parentOf = (level2: Level2): Level1 =>
  (Object.keys(LEVEL2_BY_LEVEL1) as Level1[]).find((level1) => belongsTo(level2, level1))!

/** Reads a single project's form into a document of that one project. Throws ImportError. */
export function readProjectForm(text: string): DocumentText {
  const all = formCells(text)
  const headerAt = all.findIndex((c) => compactLabel(c.text) === LEVEL1_LABEL)
  if (headerAt < 0) throw new ImportError('missing-section', null, '没有找到指标表头（一级指标、二级指标、三级指标、指标值）')
  const cells = withoutVacantColumns(all, headerAt)
  const front = readFront(cells.slice(0, headerAt))
  const { header, next } = readHeader(cells, headerAt)
  const indicators = readIndicators(cells.slice(next), header)
  const name = front.values.name ?? ''
  if (!name && indicators.length === 0) {
    throw new ImportError('not-budget-document', null, '这是一张空白的绩效目标表模板：没有填写项目名称，也没有任何指标。请填写后再导入，或在文档中“添加项目”')
  }
  if (!name) throw new ImportError('missing-section', cells[headerAt]!.line, '指标表之前没有找到“项目名称”及其内容')
  if (indicators.length === 0) throw new ImportError('incomplete-table', cells[headerAt]!.line, `项目“${name}”的指标表头之后没有任何指标行`)
  const details: ProjectDetailsText = {
    department: front.values.department ?? '',
    implementer: front.values.implementer ?? '',
    manager: front.values.manager ?? '',
    period: front.values.period ?? '',
    periodGoal: front.values.periodGoal ?? '',
  }
  const project: ProjectText = {
    unitCode: '',
    unitName: front.values.unitName ?? '',
    moneyUnit: front.moneyUnit ?? '万元',
    code: front.values.code ?? '',
    name,
    budgetTotal: front.values.budgetTotal ?? '',
    budgetFiscal: front.values.budgetFiscal ?? '',
    budgetOther: front.values.budgetOther ?? '',
    usage: front.values.usage ?? '',
    spendingPlan: [],
    goal: front.values.goal ?? '',
    indicators,
    ...(Object.values(details).some(Boolean) ? { details } : {}),
  }
  return {
    title: details.department || project.unitName,
    // What the document list and the exports call it: the project, as the form is about one.
    // A project named with its year ("岳阳县2022年高标准农田建设项目") is not given the year twice.
    subtitle: `${front.year && !name.includes(`${front.year}年`) ? `${front.year}年` : ''}${name}绩效文本`,
    preparedBy: '',
    reviewedBy: '',
    goals: [],
    subGoals: [],
    safeguards: [],
    projects: [project],
    ...(front.unread.length > 0 ? { unread: front.unread } : {}),
  }
}

/**
 * From the indicator header on, where the layout keeps rows: the cells of
 * columns empty in the header and in every row dropped (see vacant-columns).
 */
function withoutVacantColumns(cells: FormCell[], headerAt: number): FormCell[] {
  const headerRow = cells[headerAt]!.row
  if (headerRow === null) return cells
  const from = cells.findIndex((cell) => cell.row === headerRow)
  const rows = new Map<number, FormCell[]>()
  for (const cell of cells.slice(from)) if (cell.row !== null) rows.set(cell.row, [...(rows.get(cell.row) ?? []), cell])
  const kept = new Set(dropVacantColumns([...rows.values()], [], (cell) => cell.text).flat())
  return cells.filter((cell, i) => i < from || cell.row === null || kept.has(cell))
}

interface Front {
  values: Partial<Record<FormField, string>>
  moneyUnit: string | null
  year: number | null
  /** Amounts the form gives that no cell holds (上级资金, 上年结转资金), in words for the person. */
  unread: string[]
}

/** Cells that are only the unit or a stamp box, said once on a form: not values. */
const clean = (text: string) => text.replace(/(?:金额)?单位[:：]\s*(万元|元|千元|亿元)/g, '').replace(/[（(]\s*盖章\s*[)）]/g, '').trim()

/** The labelled values above the indicator table, each label's value the cell after it. */
function readFront(cells: FormCell[]): Front {
  const text = cells.map((c) => c.text).join(' ')
  // "(2023年度)" says the budget year; failing that, the first year the title names.
  const year = Number(/(20\d\d)\s*年度/.exec(text)?.[1] ?? /(20\d\d)\s*年/.exec(text)?.[1]) || null
  const moneyUnit = cells.map((c) => moneyUnitIn(c.text)).find((u) => u !== null) ?? null
  // A label written with its value in the cell ("预算单位：某某") stands as two cells.
  const split = spelledLabels(cells).flatMap((cell) => {
    const text = clean(cell.text)
    const inline = /^([^:：]{2,14})[:：]\s*(.+)$/.exec(text)
    return inline && labelOf(inline[1]!) ? [{ ...cell, text: inline[1]! }, { ...cell, text: inline[2]! }] : [{ ...cell, text }]
  })
  const values: Front['values'] = {}
  const ranks: Partial<Record<FormField, number>> = {}
  /** The unit an amount's label states ("年度资金总额（元）"), where it states one. */
  const labelUnits: Partial<Record<FormField, { unit: string; line: number }>> = {}
  const unread: string[] = []
  for (let i = 0; i < split.length; i++) {
    let label = labelOf(split[i]!.text)
    let labelText = split[i]!.text
    // A label the page broke in two ("年度主要目标" / "和成果", "年度本级" / "预算金额").
    if (!label && split[i + 1]) {
      const joined = labelOf(split[i]!.text + split[i + 1]!.text)
      if (joined) {
        label = joined
        labelText += split[i + 1]!.text
        i++
      }
    }
    if (!label) continue
    const value = split[i + 1]
    if (!value || labelOf(value.text) || (value.row !== null && value.row !== split[i]!.row && value.text === '')) continue
    // The form's own words are no value: a column or level name, a label's wording, a bracket or one character split off.
    if (notAValue(value.text)) continue
    i++
    if (label.kind === 'unplaced' && value.text && !meansNone(value.text)) {
      unread.push(`${label.name}“${value.text}”未导入：预算数只分财政资金和其他资金，这笔资金没有对应的单元格，请按原表核对预算数和财政资金`)
    }
    if (label.kind === 'field' && value.text && (ranks[label.field] === undefined || label.rank < ranks[label.field]!)) {
      values[label.field] = value.text
      ranks[label.field] = label.rank
      const unit = moneyUnitIn(labelText)
      if (unit) labelUnits[label.field] = { unit, line: value.line }
      else delete labelUnits[label.field]
    }
  }
  // The amounts' labels say their unit: it is the form's. Labels in different units cannot share one, and are refused.
  const stated = Object.entries(labelUnits) as [FormField, { unit: string; line: number }][]
  const units = [...new Set(stated.map(([, u]) => u.unit))]
  if (units.length > 1) {
    const [, other] = stated.find(([, u]) => u.unit !== stated[0]![1].unit)!
    throw new ImportError('malformed-row', other.line, `金额的单位不一致：${stated.map(([field, u]) => `${AMOUNT_LABEL[field as keyof typeof AMOUNT_LABEL] ?? field}以${u.unit}填写`).join('，')}。请统一为一个单位后再导入`)
  }
  return { values, moneyUnit: units[0] ?? moneyUnit, year, unread }
}

/** The indicator header's first column (一级指标): where the header starts. */
const LEVEL1_LABEL = INDICATOR_LEVEL_FIELDS[0].label

/** The amounts as this kind of form names them: each field's first import alias (年度资金总额, 财政拨款, 其他资金). */
const AMOUNT_LABEL = byKey(AMOUNT_FIELDS, (f) => f.aliases[0]!)

/** A form's words or a fragment of them, where a value was expected. */
function notAValue(text: string): boolean {
  const t = text.replace(/[\s\u3000]/g, '')
  return FRAGMENT.test(t) || (t.length === 1 && !/\d/.test(t)) || isColumnName(t) || isLevel(t) || looksLikeLabel(t)
}

/** A label written a character a cell down a column ("总" / "体" / "目" / "标") is one label cell. */
function spelledLabels(cells: FormCell[]): FormCell[] {
  const out: FormCell[] = []
  for (let i = 0; i < cells.length; i++) {
    let end = i
    while (end < cells.length && [...cells[end]!.text.trim()].length === 1) end++
    const run = cells.slice(i, end)
    const spelled = run.length >= 2 ? run.findLastIndex((_, k) => k >= 1 && labelOf(run.slice(0, k + 1).map((c) => c.text.trim()).join('')) !== null) : -1
    if (spelled >= 1) {
      out.push({ ...cells[i]!, text: run.slice(0, spelled + 1).map((c) => c.text.trim()).join('') })
      i += spelled
    } else out.push(cells[i]!)
  }
  return out
}

interface Header {
  /** The data fields in the order of their columns: the columns after 一级 and 二级. */
  columns: IndicatorField[]
  /** How many cells the header has: a row with as many is read cell for cell. */
  width: number
  map: ColumnMap
}

/** Where the layout lost the rows: the column names from `at` on, a name wrapped over two cells ("指标值确定" / "依据") joined. */
function headerCells(cells: FormCell[], at: number): (FormCell & { parts?: number })[] {
  const header: (FormCell & { parts?: number })[] = []
  for (let i = at; i < cells.length; i++) {
    const cell = cells[i]!
    if (isColumnName(cell.text)) header.push(cell)
    else if (cells[i + 1] && isColumnName(cell.text + cells[i + 1]!.text)) header.push({ ...cell, text: cell.text + cells[++i]!.text, parts: 2 })
    else break
  }
  return header.length > 0 ? header : [cells[at]!]
}

function readHeader(cells: FormCell[], at: number): { header: Header; next: number } {
  const first = cells[at]!
  // A header with its row kept is read whole, so a column it cannot name is named in the error.
  const header: (FormCell & { parts?: number })[] = first.row !== null ? cells.filter((c) => c.row === first.row) : headerCells(cells, at)
  while (header.length > 0 && header.at(-1)!.text === '') header.pop()
  const names = header.map((c) => c.text)
  const read = indicatorColumns(names)
  if (!read.ok) throw new ImportError('malformed-row', header[read.column ?? 0]!.line, read.reason)
  const columns = (Object.entries(read.columns) as [IndicatorField, number][])
    .filter(([field]) => field !== 'level1' && field !== 'level2')
    .sort((a, b) => a[1] - b[1])
    .map(([field]) => field)
  const next = first.row !== null ? cells.findIndex((c, i) => i > at && c.row !== first.row) : at + header.reduce((n, c) => n + (c.parts ?? 1), 0)
  return { header: { columns, width: names.length, map: read.columns }, next: next < 0 ? cells.length : next }
}

interface Placed {
  indicator: IndicatorText
  line: number
  /** How many cells the row had, where the layout lost the row boundaries; null where it kept them. */
  width: number | null
}

function readIndicators(cells: FormCell[], header: Header): IndicatorText[] {
  const rows: Placed[] = []
  let level1: Level1 | '' = ''
  let level1Label = ''
  let level2: Level2 | '' = ''
  let level2Label = ''
  let ended = false
  let previousWasLevel2 = false
  /** The last 一级 or 二级 label, while no row has followed it. */
  let lastLabel: FormCell | null = null
  const rowsOf = new Map<number, FormCell[]>()
  for (const cell of cells) {
    if (cell.row === null) continue
    if (!rowsOf.has(cell.row)) rowsOf.set(cell.row, [])
    rowsOf.get(cell.row)!.push(cell)
  }
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!
    if (FORM_END.test(cell.text.replace(/[\s\u3000]/g, '')) || SIGN_OFF.test(cell.text.replace(/[\s\u3000]/g, ''))) {
      ended = true
      break
    }
    // A row kept whole and as wide as the header is read by position.
    if (cell.row !== null) {
      const row = rowsOf.get(cell.row)!
      if (row.length === header.width && row[0] === cell) {
        const read = readColumns(row.map((c) => c.text), header.map)
        if (read.level1) [level1, level1Label, level2, level2Label] = [levelLabel(read.level1).level1, read.level1, '', '']
        if (read.level2) [level2, level2Label] = [levelLabel(read.level2).level2, read.level2]
        if (read.level3 || read.value) rows.push({ indicator: { ...read, level1: level1Label, level2: level2Label }, line: cell.line, width: null })
        i += row.length - 1
        lastLabel = null
        continue
      }
    }
    if (cell.text === '') continue
    let text = cell.text
    const following = cells[i + 1]
    // "经济效益" / "指标": one label the layout broke.
    if (following && !isLevel(following.text) && isLevel(text + following.text) && (following.text === '指标' || !isLevel(text))) {
      text += following.text
      i++
    }
    const level = levelLabel(text)
    // "服务对象满意度指标" / "服务对象满意度": a 三级 named like the 二级 just above it.
    const namesRow = level.level2 !== '' && level.level2 === level2 && previousWasLevel2
    previousWasLevel2 = false
    if ((level.level1 || level.level2) && !namesRow) {
      const asLevel2 = level.level2 !== '' && (level.level1 === '' || (!level.scored && level1 !== '' && belongsTo(level.level2, level1)))
      if (asLevel2) {
        if (level1 === '' || !belongsTo(level.level2 as Level2, level1)) [level1, level1Label] = [parentOf(level.level2 as Level2), parentOf(level.level2 as Level2)]
        ;[level2, level2Label] = [level.level2 as Level2, text]
        lastLabel = cell
        previousWasLevel2 = true
      } else {
        // Its score may stand in the next cell: "产出指标" / "(40-50)分".
        const score = cells[i + 1] && PURE_SCORE.test(cells[i + 1]!.text) && /分|[（(]/.test(cells[i + 1]!.text) ? cells[++i]!.text : ''
        ;[level1, level1Label, level2, level2Label] = [level.level1, text + score, '', '']
        lastLabel = cell
      }
      continue
    }
    if (level1 === '') {
      throw new ImportError('malformed-row', cell.line, `指标表头之后应是一级指标（如“产出指标”），实际是“${text}”；如果这是表头的一列，它不是可识别的列名`)
    }
    // A row: its 三级 name, then the cells of the other columns until the next label.
    const values: string[] = [text]
    while (values.length < header.columns.length) {
      const next = cells[i + 1]
      if (!next || (next.row !== null && next.row !== cell.row) || FORM_END.test(next.text) || SIGN_OFF.test(next.text.replace(/[\s\u3000]/g, '')) || isLevel(next.text)) break
      values.push(next.text)
      i++
    }
    const indicator: IndicatorText = { level1: level1Label, level2: level2Label, level3: '', description: '', value: '', basis: '' }
    header.columns.forEach((field, k) => {
      if (values[k]) indicator[field] = values[k]!
    })
    rows.push({ indicator, line: cell.line, width: cell.row === null ? values.length : null })
    lastLabel = null
  }
  const last = rows.at(-1)
  // One rule for a table cut short: refused where it stops, never imported with its last rows missing.
  if (!ended && last && !last.indicator.value && cells.at(-1) && !lastLabel) {
    throw new ImportError('incomplete-table', last.line, `项目表在“${last.indicator.level3}”处中断：这一行没有${FIELD_NAME.value}，文件可能不完整`)
  }
  if (!ended && lastLabel) {
    const which = levelLabel(lastLabel.text).level1 && !levelLabel(lastLabel.text).level2 ? LEVEL1_LABEL : '指标'
    throw new ImportError('incomplete-table', lastLabel.line, `项目表在${which}“${lastLabel.text}”之后中断：它下面没有任何指标，文件可能不完整`)
  }
  // Every row read by position passes the gate: a shifted row is refused, never stored.
  for (const row of rows) {
    const reason = implausibleRow(row.indicator)
    if (reason) throw new ImportError('malformed-row', row.line, shiftedRow(reason))
  }
  // Where the layout lost the row boundaries, a row shorter than all the others lost a cell to its neighbour.
  const widths = rows.flatMap((r) => (r.width === null ? [] : [r.width]))
  // And a file with no end below its table that stops inside a row: its last row is shorter than the rows before, or than the header.
  if (!ended && last?.width !== null && last !== undefined) {
    const before = widths.slice(0, -1)
    const expected = before.length > 0 ? Math.max(...before) : header.columns.length
    if (last.width! < expected) {
      throw new ImportError('incomplete-table', last.line, `项目表在“${last.indicator.level3}”处中断：这一行只有 ${last.width} 个单元格（应有 ${expected} 个），文件可能不完整`)
    }
  }
  for (const row of rows) {
    if (row.width === null) continue
    const others = widths.filter((_, i) => i !== widths.indexOf(row.width!))
    if (others.length > 0 && row.width < Math.min(...others)) {
      const reason = `指标“${row.indicator.level3}”只有 ${row.width} 个单元格，其他各行至少 ${Math.min(...others)} 个`
      if (!ended && row === last) throw new ImportError('incomplete-table', row.line, `项目表在“${row.indicator.level3}”处中断：${reason}，文件可能不完整`)
      throw new ImportError('malformed-row', row.line, shiftedRow(reason))
    }
  }
  return rows.map((r) => r.indicator)
}
