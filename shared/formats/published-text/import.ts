/**
 * Import of the published plain-text layout of a 绩效文本 (the layout of
 * samples such as zhengfawei-2022.txt): a title block, Part 1 as
 * paragraphs under three numbered headings, Part 2 as one 绩效目标表 per
 * project, each table cell on its own tab-prefixed line and rows separated
 * by blank lines.
 *
 * Tolerated: CRLF/CR line ends, BOM, full-width and trailing spaces, extra
 * blank lines, an empty or missing 其他资金, any number of spending-plan
 * dates and indicator rows, merged (empty) 一级/二级 cells, several units.
 * Paragraphs the page layout broke apart (a line or a blank line in the
 * middle of a sentence) are joined again: a paragraph that does not end a
 * sentence continues into the next unless that one starts a new item.
 *
 * A file holding only 绩效目标表 (a project's form sent on its own) reads
 * as projects with an empty Part 1, to import into a document.
 *
 * Anything else is an ImportError naming the line and what was expected.
 */
import type { DocumentText, IndicatorText, ProjectDetailsText, ProjectText, SubGoalText } from '../../model/document-text'
import { decodeText } from '../decode-text'
import { ImportError, tryImport, type ImportResult } from '../import-error'
import { checkTextLength } from '../import-limits'
import { indicatorColumns, isColumnName, isIndicatorHeader, readColumns } from '../indicator-columns'
import { readProjectForm } from '../project-form/read-project-form'
import { SIGN_OFF } from '../project-form/form-labels'
import { dropVacantColumns } from '../vacant-columns'
import { amountInWan, ledger, wanText } from '../../model/amounts'
import { resolveLevel1, resolveLevel2 } from '../../schema/taxonomy'
import { DETAIL_LABEL, INDICATOR_HEADER, LABEL, PART_ONE, PART_ONE_NAME, PART_TWO, PART_TWO_NAME, TABLE_SUFFIX, UNIT_PREFIX } from './layout'

interface Line {
  /** 1-based line number. */
  no: number
  /** The text, trimmed; for a cell, without its tab. */
  text: string
  /** Whether the line is a table cell (starts with a tab). */
  cell: boolean
  /** Whether it starts with spaces instead (two or more, or a full-width one): a cell, inside a table (an empty one if that is all). */
  indented: boolean
}

interface Row {
  no: number
  cells: string[]
}

const SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g
const trim = (s: string) => s.replace(SPACE, '')
/** Text with all whitespace removed, for recognising labels written with odd spacing. */
const compact = (s: string) => s.replace(/[\s\u3000\u00a0]/g, '')

const TABLE_TITLE = /^[0-9０-９]+\s*[.．、]\s*(.*?)\s*绩效目标表$/
/** Within Part 2, a title without its number ("扫黑除恶工作经费绩效目标表") is a title too. */
const ANY_TABLE_TITLE = /^(?:[0-9０-９]+\s*[.．、]\s*)?(.+?)\s*绩效目标表$/
/** The department's total after the last table: "合计 116.40", a row of cells "合计" / "116.40". */
const TOTAL_ROW = /^(?:部门)?(?:合计|总计)[:：]?$/
const SECTION_HEADING = /^[一二三四五六七八九十]+\s*[、.．]\s*(总体绩效目标|分项绩效目标|工作保障措施)$/
/** Ends a sentence: a paragraph ending otherwise was cut by the page layout. */
const SENTENCE_END = /[。！？!?；;…]$/
/** Starts a new item, so never continues the paragraph before it. */
const ITEM_START =
  /^(（[一二三四五六七八九十百\d]+）|\([一二三四五六七八九十百\d]+\)|[一二三四五六七八九十]+[、是]|\d+[.．、]|职责描述[:：]|绩效目标[:：]|第[一二三四五六七八九十]+部分)/

function splitLines(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => {
    const cell = raw.startsWith('\t')
    return { no: i + 1, text: trim(cell ? raw.slice(1) : raw), cell, indented: !cell && /^( {2,}|\u3000)/.test(raw) }
  })
}

const isBlank = (line: Line) => !line.cell && line.text === ''

/** Imports a published-text file's bytes. */
export function importPublishedText(bytes: Uint8Array): ImportResult<DocumentText> {
  return tryImport(() => {
    const text = decodeText(bytes)
    checkTextLength('文本文件', text)
    return parsePublishedText(text)
  })
}

/** Parses published text. Throws ImportError. */
export function parsePublishedText(text: string): DocumentText {
  const lines = splitLines(text)
  if (lines.every(isBlank)) throw new ImportError('empty', null, '文件中没有任何文字')

  const partOne = lines.findIndex((l) => !l.cell && compact(l.text) === PART_ONE)
  // A project's form on its own (a department sends one table): projects only, Part 1 left empty.
  const firstTable = lines.findIndex((l) => !l.cell && TABLE_TITLE.test(l.text))
  if (partOne < 0 && firstTable >= 0 && lines.slice(0, firstTable).every((l) => isBlank(l) || (!l.cell && [PART_TWO, PART_TWO_NAME].includes(compact(l.text))))) {
    const projects = parsePartTwo(lines.slice(firstTable))
    // Tables with nothing written in them, sent on their own: the form to fill, not a project.
    if (projects.every((p) => p.name === '' && p.budgetTotal === '' && p.indicators.every((i) => i.level3 === '' && i.value === ''))) {
      throw new ImportError('not-budget-document', null, '这是一张空白的绩效目标表模板：没有填写项目名称、金额和指标。请填写后再导入，或在文档中“添加项目”')
    }
    return { title: '', subtitle: '', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects }
  }
  if (partOne < 0) {
    const other = otherKindOf(text)
    if (other) throw new ImportError('not-budget-document', null, other)
    // One project's form in another region's layout, read by its labels.
    if (hasIndicatorHeader(text)) return readProjectForm(text)
    throw new ImportError(
      'not-budget-document',
      null,
      `这不是部门预算绩效文本：没有找到“${PART_ONE}”。文本应以部门名称、“XXXX年部门预算绩效文本”、编制单位、审核单位开头，然后是“${PART_ONE} ${PART_ONE_NAME}”和“${PART_TWO} ${PART_TWO_NAME}”`,
    )
  }
  const partTwo = lines.findIndex((l, i) => i > partOne && !l.cell && (compact(l.text) === PART_TWO || TABLE_TITLE.test(l.text)))
  if (partTwo < 0) {
    throw new ImportError('missing-section', lines.length, `没有找到“${PART_TWO} ${PART_TWO_NAME}”及其绩效目标表`)
  }
  const front = { ...parseTitleBlock(lines.slice(0, partOne)), ...parsePartOne(lines.slice(partOne + 1, partTwo), lines[partOne]!.no) }
  const projects = parsePartTwo(lines.slice(partTwo))
  if (projects.length === 0) {
    throw new ImportError('incomplete-table', lines.at(-1)!.no, `“${PART_TWO} ${PART_TWO_NAME}”之后没有任何绩效目标表（如“1.某某经费${TABLE_SUFFIX}”）：文件可能不完整`)
  }
  return { ...front, projects }
}

const hasIndicatorHeader = (text: string) => compact(text).includes(INDICATOR_HEADER[0]!)

/**
 * Documents that look alike but are something else, named so the person
 * knows what they have: a year-end self-evaluation or a central-investment
 * form.
 */
function otherKindOf(text: string): string | null {
  const flat = compact(text)
  const project = /项目(?:支出)?名称 (\S{2,40})/.exec(text.replace(/[\s|:：\u3000]+/g, ' '))?.[1]
  const named = project ? `（项目：${project}）` : ''
  if (flat.includes('自评') && /实际完成值|偏差原因|得分/.test(flat)) {
    return `这是项目支出绩效自评表${named}：年度结束后对实际完成情况的评价，不是预算绩效目标。请导入部门预算绩效文本或项目的绩效目标表`
  }
  if (/公示|公告|公开/.test(flat) && !hasIndicatorHeader(flat) && !/^\t/m.test(text)) {
    return '这是一篇文字公示：其中没有绩效目标表，只有文字说明，不能导入。请导入公示附件中的部门预算绩效文本或项目的绩效目标表'
  }
  if (flat.includes('中央预算内投资') && /实施效果|过程管理/.test(flat)) {
    return `这是中央预算内投资项目的绩效目标表${named}，它的指标体系（实施效果、过程管理）与部门预算绩效目标不同，不能导入`
  }
  return null
}

function parseTitleBlock(lines: Line[]): Pick<DocumentText, 'title' | 'subtitle' | 'preparedBy' | 'reviewedBy'> {
  const block = { title: '', subtitle: '', preparedBy: '', reviewedBy: '' }
  for (const line of lines.filter((l) => !isBlank(l))) {
    const slot =
      line.text.includes('绩效文本') && !block.subtitle ? 'subtitle'
      : line.text.endsWith('编制') && !block.preparedBy ? 'preparedBy'
      : line.text.endsWith('审核') && !block.reviewedBy ? 'reviewedBy'
      : !block.title ? 'title'
      : null
    if (slot === null) {
      throw new ImportError('malformed-row', line.no, `标题部分只应有部门名称、文本标题、编制单位、审核单位四行，这一行多余：“${line.text}”`)
    }
    block[slot] = line.text
  }
  return block
}

interface Paragraph {
  no: number
  text: string
}

/** Paragraphs of running text, with the page layout's line breaks undone. */
function paragraphs(lines: Line[]): Paragraph[] {
  const chunks: Paragraph[] = []
  let current: Paragraph | null = null
  for (const line of lines) {
    if (line.cell) throw new ImportError('malformed-row', line.no, '第一部分中出现了表格单元格（以制表符开头的行）；表格只应出现在第二部分')
    if (line.text === '') {
      current = null
    } else if (current === null) {
      current = { no: line.no, text: line.text }
      chunks.push(current)
    } else {
      current.text += line.text
    }
  }
  const joined: Paragraph[] = []
  for (const chunk of chunks) {
    const last = joined[joined.length - 1]
    if (last && !SENTENCE_END.test(last.text) && !ITEM_START.test(chunk.text)) last.text += chunk.text
    else joined.push({ ...chunk })
  }
  return joined
}

function parsePartOne(lines: Line[], partOneLine: number): Pick<DocumentText, 'goals' | 'subGoals' | 'safeguards'> {
  const body = lines.filter((l) => !(l.text === PART_ONE_NAME && !l.cell))
  const heading = (name: string) => body.findIndex((l) => !l.cell && SECTION_HEADING.exec(compact(l.text))?.[1] === name)
  const found = { goals: heading('总体绩效目标'), subGoals: heading('分项绩效目标'), safeguards: heading('工作保障措施') }
  const missing = Object.entries(found).find(([, i]) => i < 0)
  if (missing) {
    const names = { goals: '一、总体绩效目标', subGoals: '二、分项绩效目标', safeguards: '三、工作保障措施' }
    throw new ImportError('missing-section', partOneLine, `第一部分缺少“${names[missing[0] as keyof typeof names]}”`)
  }
  if (!(found.goals < found.subGoals && found.subGoals < found.safeguards)) {
    throw new ImportError('missing-section', body[found.subGoals]!.no, '第一部分的三节应依次为“总体绩效目标”“分项绩效目标”“工作保障措施”')
  }
  const stray = paragraphs(body.slice(0, found.goals))[0]
  if (stray) throw new ImportError('malformed-row', stray.no, `“一、总体绩效目标”之前不应有正文：“${stray.text.slice(0, 20)}”`)
  return {
    goals: paragraphs(body.slice(found.goals + 1, found.subGoals)).map((p) => p.text),
    subGoals: parseSubGoals(paragraphs(body.slice(found.subGoals + 1, found.safeguards))),
    safeguards: paragraphs(body.slice(found.safeguards + 1)).map((p) => p.text),
  }
}

function parseSubGoals(paras: Paragraph[]): SubGoalText[] {
  const subGoals: SubGoalText[] = []
  let field: 'title' | 'duty' | 'target' = 'title'
  for (const para of paras) {
    const current = subGoals[subGoals.length - 1]
    const prefix = /^(职责描述|绩效目标)[:：]\s*/.exec(para.text)
    if (prefix) {
      if (!current) throw new ImportError('malformed-row', para.no, `“${prefix[1]}：”之前应有分项名称，如“（一）某某工作”`)
      field = prefix[1] === '职责描述' ? 'duty' : 'target'
      current[field] = para.text.slice(prefix[0].length)
    } else if (current && field !== 'title' && !ITEM_START.test(para.text)) {
      // A second paragraph of a duty or target, not a new item.
      current[field] += para.text
    } else {
      subGoals.push({ title: para.text, duty: '', target: '' })
      field = 'title'
    }
  }
  return subGoals
}

function parsePartTwo(lines: Line[]): ProjectText[] {
  const projects: ProjectText[] = []
  let table: { title: Line; rows: Row[] } | null = null
  let row: Row | null = null
  let total: { row: Row; stated: string } | null = null
  // A file whose cells are indented with spaces has its empty cells as lines of spaces; in one with tabs, such a line is blank.
  const bySpaces = !lines.some((l) => l.cell)
  const finish = () => {
    if (table) projects.push(parseTable(table.title, table.rows, lines[lines.length - 1]!.no))
  }
  for (const line of lines) {
    const inline = TOTAL_INLINE.exec(compact(line.text))
    if (!line.cell && inline && table) {
      // "合计 116.40" on a line of its own, after the tables.
      finish()
      table = null
      total = { row: { no: line.no, cells: [line.text] }, stated: inline[1]! }
      row = null
    } else if (line.cell || (line.indented && table && (bySpaces || line.text !== ''))) {
      if (!table && !total) throw new ImportError('malformed-row', line.no, `表格单元格之前应有绩效目标表的标题，如“1.某某经费${TABLE_SUFFIX}”`)
      if (!row) {
        row = { no: line.no, cells: [] }
        // A row headed 合计 after the tables is the department's total, not a row of the last table.
        if (TOTAL_ROW.test(compact(line.text))) {
          finish()
          table = null
          total = { row, stated: '' }
        } else if (table) table.rows.push(row)
        else throw new ImportError('malformed-row', line.no, `合计行之后不应再有表格单元格：“${line.text.slice(0, 30)}”`)
      }
      row.cells.push(line.text)
      if (total?.row === row && row.cells.length > 1) total.stated ||= line.text
    } else if (line.text === '') {
      row = null
    } else if (ANY_TABLE_TITLE.test(line.text) && !total) {
      finish()
      table = { title: line, rows: [] }
      row = null
    } else if (!table && !total && [PART_TWO, PART_TWO_NAME].includes(compact(line.text))) {
      continue
    } else if (row && table && isColumnName(row.cells.at(-1)! + line.text)) {
      // A header wrapped onto a line of its own ("指标值确定" / "依据"): the same cell.
      row.cells[row.cells.length - 1] += line.text
    } else {
      throw new ImportError(
        'malformed-row',
        line.no,
        `第二部分中这一行既不是表格单元格（以制表符开头），也不是绩效目标表的标题（如“1.某某经费${TABLE_SUFFIX}”）：“${line.text.slice(0, 30)}”`,
      )
    }
  }
  finish()
  if (total) checkTotal(total.row, total.stated, projects)
  return projects
}

const TOTAL_INLINE = /^(?:部门)?(?:合计|总计)[:：]?([\d,.]+(?:万元|元|万)?)$/

/** A 合计 after the tables must be the sum of their 预算数: a table left out or a figure changed is refused here, with the line. */
function checkTotal(row: Row, stated: string, projects: readonly ProjectText[]): void {
  const unit = projects.at(-1)?.moneyUnit ?? '万元'
  const total = amountInWan(stated, unit)
  if (total === null) throw new ImportError('malformed-row', row.no, `合计行应写明金额，如“合计 116.40”，实际是“${row.cells.join(' ')}”`)
  const sum = ledger(projects.reduce((n, p) => n + (amountInWan(p.budgetTotal, p.moneyUnit) ?? 0), 0))
  // A 合计 is written to 0.01 万元 however finely its tables are: a difference within that rounding is none.
  if (Math.abs(sum - total) > 0.005) {
    throw new ImportError('malformed-row', row.no, `合计 ${wanText(total)} 万元与各绩效目标表预算数之和 ${wanText(sum)} 万元不一致：可能少了一张表，或有金额写错`)
  }
}

/** The label cells a value follows: each as the layout writes it (field table), 财政资金 also as others write it. */
const VALUE_LABELS: Record<string, RegExp> = {
  ...Object.fromEntries([LABEL.code, LABEL.name, LABEL.total, LABEL.other].map((label) => [label, new RegExp(`^${compact(label)}$`)])),
  [LABEL.fiscal]: /^(其中[:：])?财政(性)?资金$/,
}
const isValueLabel = (cell: string) => Object.values(VALUE_LABELS).some((re) => re.test(compact(cell)))

/** The cell after the label cell `label` in `row`; '' when the value is missing. */
function valueAfter(row: Row, label: string, tableName: string): string {
  const at = row.cells.findIndex((c) => VALUE_LABELS[label]!.test(compact(c)))
  if (at < 0) throw new ImportError('malformed-row', row.no, `绩效目标表“${tableName}”的这一行缺少“${compact(label)}”`)
  const value = row.cells[at + 1]
  return value === undefined || isValueLabel(value) ? '' : value
}

const DETAIL_FIELD = new Map<string, keyof ProjectDetailsText>((Object.entries(DETAIL_LABEL) as [keyof ProjectDetailsText, string][]).map(([field, label]) => [label, field]))

/** The 主管部门/实施单位… rows (label, value, label, value), taken out of the table; null when it has none. */
function takeDetails(rows: Row[]): ProjectDetailsText | null {
  const found = rows.filter((row) => DETAIL_FIELD.has(compact(row.cells[0] ?? '')))
  if (found.length === 0) return null
  const details: ProjectDetailsText = { department: '', implementer: '', manager: '', period: '', periodGoal: '' }
  for (const row of found) {
    for (let i = 0; i < row.cells.length; i += 2) {
      const field = DETAIL_FIELD.get(compact(row.cells[i]!))
      if (field) details[field] = row.cells[i + 1] ?? ''
    }
    rows.splice(rows.indexOf(row), 1)
  }
  return details
}

function parseTable(title: Line, tableRows: Row[], lastLine: number): ProjectText {
  const tableName = ANY_TABLE_TITLE.exec(title.text)![1]!
  const rows = [...tableRows]
  const details = takeDetails(rows)
  let at = 0
  const next = (expected: string): Row => {
    const row = rows[at++]
    if (!row) throw new ImportError('incomplete-table', lastLine, `绩效目标表“${tableName}”（第 ${title.no} 行起）不完整：缺少${expected}`)
    return row
  }
  const expectLabelRow = (label: string, expected: string): Row => {
    const row = next(expected)
    if (!compact(row.cells[0] ?? '').startsWith(compact(label))) {
      throw new ImportError('malformed-row', row.no, `绩效目标表“${tableName}”中此处应为${expected}，实际是“${row.cells[0]}”`)
    }
    return row
  }

  const unitRow = next('单位行（如“216001某某单位”和“单位：万元”）')
  const unitCell = unitRow.cells.findIndex((c) => /^(金额)?单位[:：]/.test(compact(c)))
  if (unitCell < 0) throw new ImportError('malformed-row', unitRow.no, `绩效目标表“${tableName}”的第一行应为预算单位和“${UNIT_PREFIX}万元”`)
  const unit = unitRow.cells.filter((_, i) => i !== unitCell).join('')
  const [, unitCode = '', unitName = ''] = /^(\d*)\s*(.*)$/s.exec(unit) ?? []

  const codeRow = expectLabelRow(LABEL.code, '“项目编码/项目名称”行')
  const budgetRow = expectLabelRow(LABEL.budgetRow.slice(0, 2), '“预算规模及资金用途”行')

  // The 资金用途 text sits in the row below the budget figures, under the merged label cell.
  let usage = ''
  if (rows[at] && !compact(rows[at]!.cells[0] ?? '').startsWith('资金支出计划')) {
    const usageRow = next('资金用途')
    usage = usageRow.cells.filter((c, i) => !(i === 0 && c === '')).join('')
  }

  const spendingRow = expectLabelRow('资金支出计划', '“资金支出计划（%）”行')
  const percentRow = next('资金支出计划的百分比行')
  // A date cell and the cell under it both empty are no period (a blank grid column, a trailing cell).
  const [allLabels, allPercents] = dropVacantColumns([
    spendingRow.cells.slice(1),
    percentRow.cells.length === spendingRow.cells.length && percentRow.cells[0] === '' ? percentRow.cells.slice(1) : percentRow.cells,
  ]) as [string[], string[]]
  const labels = allLabels.length > 0 ? allLabels : ['']
  const percents = allPercents.length > 0 || allLabels.length > 0 ? allPercents : ['']
  if (percents.length !== labels.length) {
    throw new ImportError('malformed-row', percentRow.no, `资金支出计划有 ${labels.length} 个时间节点，这一行却有 ${percents.length} 个百分比`)
  }

  const goalRow = expectLabelRow(LABEL.goalRow, '“绩效目标”行')
  // The indicator columns are read by their header names, in whatever order the form has them.
  // Columns empty in the header and in every row (a blank grid column, trailing cells) are no column.
  const [headerCells, ...rowCells] = dropVacantColumns(rows.slice(at).map((row) => row.cells))
  rows.slice(at).forEach((row, i) => (row.cells = i === 0 ? headerCells! : rowCells[i - 1]!))
  const header = next('指标表头（一级指标、二级指标、三级指标……）')
  if (!isIndicatorHeader(header.cells)) {
    throw new ImportError('malformed-row', header.no, `绩效目标表“${tableName}”中此处应为指标表头（${INDICATOR_HEADER.join('、')}），实际是“${header.cells.join(' | ')}”`)
  }
  const read = indicatorColumns(header.cells)
  // A row's cells are on consecutive lines: the line of the column at fault.
  if (!read.ok) throw new ImportError('malformed-row', header.no + (read.column ?? 0), `绩效目标表“${tableName}”：${read.reason}`)

  const indicators: IndicatorText[] = []
  const body = rows.slice(at)
  // Sign-off and stamp rows drawn inside the table ("主管部门审核意见（盖章）") end it; they are never indicators.
  // A row of an indicator fills three cells or more; a sign-off row, a label and its box.
  const isSignOff = (row: Row) => SIGN_OFF.test(compact(row.cells.join(''))) && row.cells.filter((c) => c !== '').length <= 2
  const signOff = body.findIndex(isSignOff)
  const afterSignOff = signOff < 0 ? undefined : body.slice(signOff).find((row) => !isSignOff(row) && row.cells.some((c) => c !== ''))
  if (afterSignOff) throw new ImportError('malformed-row', afterSignOff.no, `绩效目标表“${tableName}”的签字盖章栏之后不应再有指标行`)
  for (const row of signOff < 0 ? body : body.slice(0, signOff)) {
    if (row.cells.every((cell) => cell === '')) continue
    // One cell fewer, starting with a 二级: its 一级 cell is merged with the one above and was left out.
    const first = compact(row.cells[0] ?? '')
    if (row.cells.length === header.cells.length - 1 && read.columns.level1 === 0 && read.columns.level2 === 1 && resolveLevel2(first).name !== '' && resolveLevel1(first).name === '') {
      row.cells = ['', ...row.cells]
    }
    if (row.cells.length !== header.cells.length) {
      throw new ImportError('malformed-row', row.no, `指标行应有 ${header.cells.length} 个单元格（${header.cells.join('、')}），这一行有 ${row.cells.length} 个`)
    }
    const cells = readColumns(row.cells, read.columns)
    const previous = indicators[indicators.length - 1]
    // Merged cells: an empty 一级 continues the one above, and so does an empty 二级 within it.
    indicators.push({
      ...cells,
      level1: cells.level1 || previous?.level1 || '',
      level2: cells.level2 || (cells.level1 === '' ? previous?.level2 ?? '' : ''),
    })
  }
  if (indicators.length === 0 && [LABEL.code, LABEL.name, LABEL.total].every((label) => valueAfter(label === LABEL.total ? budgetRow : codeRow, label, tableName) === '')) {
    throw new ImportError('not-budget-document', title.no, `“${title.text}”是一张空白的绩效目标表模板：没有填写项目名称、金额和指标。请填写后再导入，或在文档中“添加项目”`)
  }
  if (indicators.length === 0) {
    throw new ImportError('incomplete-table', lastLine, `绩效目标表“${tableName}”（第 ${title.no} 行起）不完整：指标表头之后没有任何指标行`)
  }

  return {
    unitCode,
    unitName,
    // As written ("元", "万元"): the model converts the amounts to 万元.
    moneyUnit: unitRow.cells[unitCell]!.replace(/^(金额)?单位\s*[:：]\s*/, ''),
    code: valueAfter(codeRow, LABEL.code, tableName),
    name: valueAfter(codeRow, LABEL.name, tableName),
    budgetTotal: valueAfter(budgetRow, LABEL.total, tableName),
    budgetFiscal: valueAfter(budgetRow, LABEL.fiscal, tableName),
    budgetOther: valueAfter(budgetRow, LABEL.other, tableName),
    usage,
    // A form drawn without a plan has one empty cell there: no plan.
    spendingPlan: labels.every((label, i) => label === '' && percents[i] === '') ? [] : labels.map((label, i) => ({ label, percent: percents[i]! })),
    goal: goalRow.cells.slice(1).join(''),
    indicators,
    ...(details ? { details } : {}),
  }
}
