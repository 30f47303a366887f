/**
 * Excel (.xlsx): the workbook a department keeps beside the Word file and
 * the one the budget system takes rows from.
 *
 *   1. 部门整体绩效目标 — the title block and Part 1, a paragraph per row;
 *   2. one sheet per project, laid out as the 绩效目标表 (the rows and
 *      cells of the form, `form-layout.ts`, label cells bold and shaded,
 *      a repeated 一级/二级 left empty as merged cells print);
 *   3. 预算汇总 — each project's 预算数, 财政资金 and 其他资金 and their
 *      合计 (a SUM formula with its value), in 万元;
 *   4. 全部指标 — every indicator row of every project in one flat table
 *      with the project's code and name, for entry into the budget system.
 *
 * Amounts are numbers (formatted with the decimals they were written
 * with), so Excel adds them up; everything else is text as written.
 * Import reads sheets 1 and 2 back through the published-text reader (one
 * reader for every input), a number as it was shown; sheets 3 and 4 are
 * derived and ignored. Written and read with exceljs, loaded only when used.
 */
import { addUnread, type DocumentText, type ProjectText } from '../../model/document-text'
import { modelFromText } from '../../model/derive-model'
import { ledger, sameAmount, wanText } from '../../model/amounts'
import { projectsLeftOut } from '../../checks/rules/arithmetic'
import { totalLeavesOut } from '../../checks/total-leaves-out'
import { AMOUNT_FIELDS, INDICATOR_FIELDS } from '../../schema/fields'
import { type Block } from '../blocks'
import { formOf, readBlocks } from '../document-forms'
import { unzipSync } from 'fflate'
import { dropVacantColumns } from '../vacant-columns'
import { ImportError, tryImport, type ImportResult } from '../import-error'
import { cellBudget, checkUnzippedSize } from '../import-limits'
import { DETAIL_LABEL, DUTY_PREFIX, EXTRA_HEADER, INDICATOR_HEADER, LABEL, PART_ONE, PART_ONE_NAME, PART_TWO, PART_TWO_NAME, SECTION, TARGET_PREFIX } from '../published-text/layout'
import { plainText, readCell } from './cell-text'

type ExcelJS = typeof import('exceljs')
const loadExcel = async (): Promise<ExcelJS> => {
  const module = (await import('exceljs')) as ExcelJS & { default?: ExcelJS }
  return module.default ?? module
}

export const PART_ONE_SHEET = '部门整体绩效目标'
/** A 自评 or 监控 workbook's first sheet: its title block, a line a row (it has no 第一部分). */
export const COVER_SHEET = '封面'
export const FLAT_SHEET = '全部指标'
export const SUMMARY_SHEET = '预算汇总'
/** Sheets derived from the others, never read back. */
const DERIVED_SHEETS = new Set([FLAT_SHEET, SUMMARY_SHEET])

/**
 * An amount as a number cell showing what was written ("10.00" → 10, 0.00; "1,234,500" → 1234500, #,##0, as
 * forms in 元 write it; a 执行率 "93.68%" → 0.9368, 0.00%); other text stays text.
 */
function amountCell(text: string): { value: number; numFmt: string } | null {
  const match = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?(%?)$/.exec(text.trim())
  if (!match) return null
  const decimals = match[2]?.length ?? 0
  const grouped = match[1]!.includes(',')
  const percent = match[3] === '%'
  const value = Number(`${match[1]!.replace(/,/g, '')}${match[2] ? `.${match[2]}` : ''}`)
  return { value: percent ? value / 100 : value, numFmt: `${grouped ? '#,##0' : '0'}${decimals === 0 ? '' : `.${'0'.repeat(decimals)}`}${percent ? '%' : ''}` }
}

const partOneRows = (doc: DocumentText): string[] => [
  doc.title, doc.subtitle, doc.preparedBy, doc.reviewedBy, PART_ONE, PART_ONE_NAME,
  SECTION.goals, ...doc.goals,
  SECTION.subGoals, ...doc.subGoals.flatMap((g) => [g.title, `${DUTY_PREFIX}${g.duty}`, `${TARGET_PREFIX}${g.target}`]),
  SECTION.safeguards, ...doc.safeguards,
]

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
const sheetName = (project: ProjectText, n: number) => `${n}.${project.name}`.replace(/[[\]:*?/\\]/g, '－').slice(0, 31)

const LABELS = new Set<string>([LABEL.code, LABEL.name, LABEL.budgetRow, LABEL.total, LABEL.fiscalCell, LABEL.other, LABEL.spendingRow, LABEL.goalRow, ...INDICATOR_HEADER, ...Object.values(DETAIL_LABEL), ...Object.values(EXTRA_HEADER)])

export async function exportXlsx(doc: DocumentText): Promise<Uint8Array> {
  const { Workbook } = await loadExcel()
  const book = new Workbook()
  book.creator = 'Jixiao 绩效'
  const form = formOf(doc)
  const part = book.addWorksheet(form.partOne ? PART_ONE_SHEET : COVER_SHEET)
  part.getColumn(1).width = 100
  for (const text of form.partOne ? partOneRows(doc) : [doc.title, doc.subtitle, doc.preparedBy, doc.reviewedBy]) part.addRow([text]).getCell(1).alignment = { wrapText: true }

  form.tables(doc).forEach(({ title, rows }, i) => {
    const sheet = book.addWorksheet(sheetName(doc.projects[i]!, i + 1))
    sheet.columns = [14, 14, 22, 26, 16, 22, 14, 14, 14, 22].map((width) => ({ width }))
    sheet.addRow([title]).font = { bold: true, size: 14 }
    for (const formRow of rows) {
      const row = sheet.addRow(formRow.cells.map((c) => c.text))
      // Amounts (the cells the form aligns right: 预算数, 财政资金, 其他资金; a 自评's or 监控's figures) and a 自评's
      // 分值 and 得分 are numbers Excel adds up.
      formRow.cells.forEach((c, k) => {
        const amount = c.align === 'right' || c.figure ? amountCell(c.text) : null
        if (amount) Object.assign(row.getCell(k + 1), amount)
      })
      row.eachCell((cell, k) => {
        cell.alignment = { wrapText: true, vertical: 'middle' }
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }
        if (LABELS.has(String(cell.value ?? '')) || (formRow.cells[k - 1]?.label && String(cell.value ?? '') !== '')) {
          cell.font = { bold: true }
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
        }
      })
    }
  })
  // The sheets derived from a 绩效文本's projects; a 自评's or 监控's forms are the whole workbook.
  if (!form.partOne) return new Uint8Array(await book.xlsx.writeBuffer())

  const summary = book.addWorksheet(SUMMARY_SHEET)
  summary.columns = [
    { header: '序号', width: 6 },
    { header: LABEL.code, width: 24 },
    { header: LABEL.name, width: 30 },
    ...AMOUNT_FIELDS.map((f) => ({ header: `${f.label}（${f.unit}）`, width: 14 })),
  ]
  summary.getRow(1).font = { bold: true }
  // In 万元 as the model reads them (a table written in 元 is converted), so the column's unit and its SUM are true.
  const model = modelFromText(doc)
  const amounts = model.projects.map(({ budget }) => AMOUNT_FIELDS.map((f) => budget[f.amount]))
  // A figure that is no number ("待定", two run together) is shown as written, as text the SUM passes over — and the 合计 says so.
  doc.projects.forEach((project, i) => summary.addRow([i + 1, project.code, project.name, ...amounts[i]!.map((amount, k) => amount ?? (project[AMOUNT_FIELDS[k]!.key].trim() || null))]))
  const last = doc.projects.length + 1
  const uncounted = projectsLeftOut(model)
  // 财政资金 and 其他资金 are often left empty (nothing from that source); one written that is no number is said.
  const unreadable = AMOUNT_FIELDS.slice(1).flatMap((f, k) => {
    const n = doc.projects.filter((project, i) => amounts[i]![k + 1] === null && project[f.key].trim() !== '').length
    return n > 0 ? [`（${f.label}未计入 ${n} 个项目：无法读出数字）`] : []
  })
  const totalRow = summary.addRow(['合计', '', [totalLeavesOut(uncounted), ...unreadable].join('')])
  totalRow.font = { bold: true }
  ;(['D', 'E', 'F'] as const).forEach((column, k) => {
    const result = ledger(amounts.reduce((sum, row) => sum + (row[k] ?? 0), 0))
    totalRow.getCell(column).value = { formula: `SUM(${column}2:${column}${last})`, result }
  })
  // Two decimals, and every further digit an amount has (to 0.01 元): a total of 18.509 must not show as 18.51.
  for (const column of ['D', 'E', 'F']) summary.getColumn(column).numFmt = '0.00####'

  const flat = book.addWorksheet(FLAT_SHEET)
  flat.columns = [
    { header: LABEL.code, width: 24 },
    { header: LABEL.name, width: 24 },
    ...[...INDICATOR_HEADER, ...Object.values(EXTRA_HEADER)].map((header) => ({ header, width: 18 })),
  ]
  flat.getRow(1).font = { bold: true }
  for (const project of doc.projects) {
    for (const i of project.indicators) flat.addRow([project.code, project.name, ...INDICATOR_FIELDS.map((f) => i[f.key] ?? '')])
  }
  return new Uint8Array(await book.xlsx.writeBuffer())
}

/** A sheet's rows of cells, with the row numbers Excel shows (empty rows are skipped). */
/**
 * `notes`: what a cell holds beyond what it shows (`readCell`), one line a sheet, for the import to say: the cell
 * is read as shown, as the person who made the sheet saw and printed it.
 */
function sheetTable(sheet: import('exceljs').Worksheet, takeCells: (cells: number) => void, notes: string[], from = 1): Block & { kind: 'table' } {
  const noted: string[] = []
  // Hidden rows and columns are not on the sheet as it shows and prints: read, an old figure kept out of sight
  // took a visible one's place. What they hold is said instead.
  const hiddenWithText = { rows: [] as number[], columns: new Set<string>() }
  const rows: string[][] = []
  const rowNumbers: number[] = []
  sheet.eachRow((row, n) => {
    if (n < from) return
    // A row is as wide as its last cell: one cell in column XFD makes 16,384.
    takeCells((row.values as unknown[]).length)
    const cells: string[] = []
    Array.from(row.values as unknown[]).slice(1).forEach((value, i) => {
      const cell = row.getCell(i + 1)
      const hidden = row.hidden || sheet.getColumn(i + 1).hidden
      // A cell merged into another prints empty, as in Word (exceljs gives it the merged cell's value).
      if (cell.isMerged && cell.master.address !== cell.address) {
        if (!hidden) cells.push('')
        return
      }
      const read = readCell(value, cell.numFmt)
      if (hidden) {
        if (read.text.trim() !== '') {
          if (row.hidden) hiddenWithText.rows.push(n)
          else hiddenWithText.columns.add(cell.address.replace(/\d+$/, ''))
        }
        return
      }
      if (read.note) noted.push(`${cell.address} ${read.note}`)
      cells.push(read.text)
    })
    if (row.hidden) return
    rows.push(cells)
    rowNumbers.push(n)
  })
  if (noted.length > 0) {
    const shown = noted.length > MAX_CELL_NOTES ? [...noted.slice(0, MAX_CELL_NOTES), `等 ${noted.length} 处`] : noted
    notes.push(`工作表“${sheet.name}”的单元格 ${shown.join('；')}：已按表上显示的内容导入，请核对`)
  }
  const hidden = [...new Set(hiddenWithText.rows)].map((n) => `第 ${n} 行`).concat([...hiddenWithText.columns].map((c) => `${c} 列`))
  if (hidden.length > 0) notes.push(`工作表“${sheet.name}”中隐藏的${hidden.join('、')}有内容，未导入：如需导入，请在 Excel 或 WPS 中取消隐藏后重新导入`)
  // A column left blank is no column (see vacant-columns).
  return { kind: 'table', rows: dropVacantColumns(rows), name: `工作表“${sheet.name}”`, rowNumbers }
}

/** What the zip's entries say they unpack to, all together (0 when it is no zip: exceljs says so). */
function declaredUnzippedSize(bytes: Uint8Array): number {
  let total = 0
  try {
    unzipSync(bytes, { filter: (file) => ((total += file.originalSize), false) })
  } catch {
    return 0
  }
  return total
}

/** How many cells a sheet's note names before it counts the rest. */
const MAX_CELL_NOTES = 5

/**
 * The workbook as blocks for the one reader: ours (第一部分 and a sheet per project), or a form on its first sheet;
 * `notes` gets what its cells hold beyond what they show.
 */
async function readWorkbook(bytes: Uint8Array, notes: string[], summary: SummaryRow[]): Promise<Block[]> {
  checkUnzippedSize('Excel 文件', declaredUnzippedSize(bytes))
  const { Workbook } = await loadExcel()
  const book = new Workbook()
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new ImportError('unreadable', null, '无法打开这个 Excel 文件（.xlsx 已损坏或不完整）：请在 Excel/WPS 中打开后重新保存')
  }
  const takeCells = cellBudget('Excel 文件')
  const part = book.getWorksheet(PART_ONE_SHEET) ?? book.getWorksheet(COVER_SHEET)
  if (!part) {
    const first = book.worksheets[0]
    if (!first) throw new ImportError('empty', null, 'Excel 文件中没有任何工作表')
    return [sheetTable(first, takeCells, notes)]
  }
  const blocks: Block[] = []
  readSummary(book.getWorksheet(SUMMARY_SHEET), summary)
  part.eachRow((row) => blocks.push({ kind: 'paragraph', text: plainText(row.getCell(1).value) }))
  if (part.name === PART_ONE_SHEET) blocks.push({ kind: 'paragraph', text: PART_TWO }, { kind: 'paragraph', text: PART_TWO_NAME })
  for (const sheet of book.worksheets) {
    if (sheet === part || DERIVED_SHEETS.has(sheet.name)) continue
    // Row 1 is the table's title; the form starts on row 2.
    blocks.push({ kind: 'paragraph', text: plainText(sheet.getRow(1).getCell(1).value) }, sheetTable(sheet, takeCells, notes, 2))
  }
  return blocks
}

/** A row of our 预算汇总 sheet: a project's figures (or the 合计) in 万元 as the sheet holds them (null: none, or text). */
type SummaryRow = (number | null)[]

/** Our 预算汇总's rows, its columns found by their headers as `exportXlsx` writes them (none when they are not all there). */
function readSummary(sheet: import('exceljs').Worksheet | undefined, into: SummaryRow[]): void {
  if (!sheet) return
  const headers = (sheet.getRow(1).values as unknown[]).map((value) => plainText(value))
  const columns = AMOUNT_FIELDS.map((f) => headers.indexOf(`${f.label}（${f.unit}）`))
  if (columns.some((c) => c < 0)) return
  sheet.eachRow((row, n) => {
    if (n > 1) into.push(columns.map((c) => figureOf(row.getCell(c).value)))
  })
}

const figureOf = (value: unknown): number | null => {
  const result = typeof value === 'object' && value !== null && 'result' in value ? (value as { result: unknown }).result : value
  return typeof result === 'number' ? result : null
}

/**
 * Where our 预算汇总 sheet (derived, never read) says other than the project sheets it was made from: someone
 * changed one and not the other. The project sheets are what is read; the difference is said, not passed over.
 */
function summaryDisagreements(summary: readonly SummaryRow[], doc: DocumentText): string[] {
  if (summary.length === 0) return []
  const model = modelFromText(doc)
  const found: string[] = []
  const sums = AMOUNT_FIELDS.map(() => 0)
  doc.projects.forEach((project, i) => {
    const row = summary[i]
    AMOUNT_FIELDS.forEach((f, k) => {
      const read = model.projects[i]!.budget[f.amount]
      sums[k]! += read ?? 0
      const kept = row?.[k] ?? null
      if (row && kept !== null && read !== null && !sameAmount(kept, read)) found.push(`“${project.name}”的${f.label}为 ${wanText(kept)}，项目工作表中为 ${wanText(read)}`)
    })
  })
  // The 合计 row follows the projects' rows.
  const total = summary[doc.projects.length]
  AMOUNT_FIELDS.forEach((f, k) => {
    const kept = total?.[k] ?? null
    if (kept !== null && !sameAmount(kept, ledger(sums[k]!))) found.push(`${f.label}合计为 ${wanText(kept)}，各项目工作表相加为 ${wanText(ledger(sums[k]!))}`)
  })
  return found.length === 0 ? [] : [`工作表“${SUMMARY_SHEET}”与项目工作表不一致：${found.join('；')}。已按项目工作表导入（${SUMMARY_SHEET}由导出生成，导入时不读），请核对`]
}

export async function importXlsx(bytes: Uint8Array): Promise<ImportResult<DocumentText>> {
  try {
    const notes: string[] = []
    const summary: SummaryRow[] = []
    const blocks = await readWorkbook(bytes, notes, summary)
    // Read as the kind of document its form is (`document-forms.ts`).
    const read = tryImport(() => readBlocks('Excel 文件', blocks))
    if (read.ok) notes.push(...summaryDisagreements(summary, read.value))
    if (read.ok) addUnread(read.value, notes)
    return read
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error }
    throw error
  }
}
