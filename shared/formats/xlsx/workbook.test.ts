import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../../support/generate-document'
import { makeRandom } from '../../../support/random'
import { sampleText } from '../../../support/sample'
import { parsePublishedText } from '../published-text/import'
import { generateKindDocument, withDerived } from '../../../support/generate-kind-document'
import { exportXlsx, importXlsx, SUMMARY_SHEET } from './workbook'

describe('Excel workbook', () => {
  it.each([
    ['the sample', () => parsePublishedText(sampleText())],
    ['a generated 30-project document', () => generateDocument(makeRandom(4), 30)],
  ])('round-trips %s: model → xlsx → model', async (_, make) => {
    const text = make()
    const result = await importXlsx(await exportXlsx(text))
    if (!result.ok) throw result.error
    expect(result.value).toEqual(text)
  }, 30_000)

  it('writes amounts as numbers, and a 预算汇总 sheet whose 合计 adds them up', async () => {
    const { Workbook } = (await import('exceljs')).default
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(parsePublishedText(sampleText()))) as unknown as ArrayBuffer)
    const budgetRow = book.worksheets[1]!.getRows(1, 20)!.find((row) => row.getCell(1).value === '预算规模及资金用途')!
    expect([budgetRow.getCell(3).value, budgetRow.getCell(3).numFmt, budgetRow.getCell(5).value]).toEqual([10, '0.00', 10])
    const summary = book.getWorksheet(SUMMARY_SHEET)!
    expect(summary.getRow(4).values).toEqual([undefined, 3, '13030322P00428110001F', '车辆保险费', 0.4, 0.4])
    const total = summary.getRow(13)
    expect(total.getCell(1).value).toBe('合计')
    expect(total.getCell(4).value).toEqual({ formula: 'SUM(D2:D12)', result: 116.4 })
  })

  it('sums the 预算汇总 in 万元 when a table is written in 元', async () => {
    const { Workbook } = (await import('exceljs')).default
    const text = parsePublishedText(sampleText())
    const first = text.projects[0]!
    text.projects[0] = { ...first, moneyUnit: '元', budgetTotal: '100000.00', budgetFiscal: '100000.00' }
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(text)) as unknown as ArrayBuffer)
    const summary = book.getWorksheet(SUMMARY_SHEET)!
    expect(summary.getRow(2).getCell(4).value).toBe(10)
    expect(summary.getRow(13).getCell(4).value).toEqual({ formula: 'SUM(D2:D12)', result: 116.4 })
  })

  it('an amount written with thousands (「1,234,500」 in a form in 元) is a number showing as written, and reads back as written', async () => {
    const { Workbook } = (await import('exceljs')).default
    const text = parsePublishedText(sampleText())
    text.projects[0] = { ...text.projects[0]!, moneyUnit: '元', budgetTotal: '1,234,500', budgetFiscal: '1,000,000.50', budgetOther: '234,499.50' }
    const bytes = await exportXlsx(text)
    const book = new Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    const budgetRow = book.worksheets[1]!.getRows(1, 20)!.find((row) => row.getCell(1).value === '预算规模及资金用途')!
    expect([budgetRow.getCell(3).value, budgetRow.getCell(3).numFmt, budgetRow.getCell(5).value, budgetRow.getCell(5).numFmt]).toEqual([1234500, '#,##0', 1000000.5, '#,##0.00'])
    const back = await importXlsx(bytes)
    if (!back.ok) throw back.error
    expect(back.value.projects[0]).toMatchObject({ budgetTotal: '1,234,500', budgetFiscal: '1,000,000.50', budgetOther: '234,499.50' })
  })

  it('a 预算数 a formula adds up reads as its result; one holding more digits than it shows is read as shown, and said', async () => {
    const { Workbook } = (await import('exceljs')).default
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(parsePublishedText(sampleText()))) as unknown as ArrayBuffer)
    const budgetRow = book.worksheets[1]!.getRows(1, 20)!.find((row) => row.getCell(1).value === '预算规模及资金用途')!
    // A department's sheet: 预算数 = 财政资金 + 其他资金 as a formula, 财政资金 worked out to more digits than it shows.
    budgetRow.getCell(3).value = { formula: 'E4+G4', result: 18.5093 } as never
    budgetRow.getCell(5).value = 18.5093
    const read = await importXlsx(new Uint8Array(await book.xlsx.writeBuffer()))
    if (!read.ok) throw read.error
    expect(read.value.projects[0]).toMatchObject({ budgetTotal: '18.51', budgetFiscal: '18.51' })
    expect(read.value.unread).toEqual([
      `工作表“${book.worksheets[1]!.name}”的单元格 ${budgetRow.getCell(3).address} 显示为 18.51，单元格中的值是 18.5093；${budgetRow.getCell(5).address} 显示为 18.51，单元格中的值是 18.5093：已按表上显示的内容导入，请核对`,
      // The summary, made from 10.00, no longer agrees: said too.
      expect.stringContaining('工作表“预算汇总”与项目工作表不一致'),
    ])
  })

  it('a 预算汇总 that says other than the project sheets is said; the project sheets are what is read', async () => {
    const { Workbook } = (await import('exceljs')).default
    const book = new Workbook()
    const bytes = await exportXlsx(parsePublishedText(sampleText()))
    const clean = await importXlsx(bytes)
    expect(clean.ok && clean.value.unread).toBeUndefined()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    // A tryout changed project 6's 预算数 on the summary only: it was passed over without a word.
    const summary = book.getWorksheet(SUMMARY_SHEET)!
    summary.getRow(7).getCell(4).value = 99
    const read = await importXlsx(new Uint8Array(await book.xlsx.writeBuffer()))
    if (!read.ok) throw read.error
    const name = read.value.projects[5]!.name
    expect(read.value.projects[5]!.budgetTotal).not.toBe('99')
    expect(read.value.unread).toEqual([expect.stringMatching(new RegExp(`^工作表“预算汇总”与项目工作表不一致：“${name}”的预算数为 99.00，项目工作表中为 [\\d.]+。已按项目工作表导入`))])
  })

  it('a hidden row or column is not read, and what it holds is said', async () => {
    const { Workbook } = (await import('exceljs')).default
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(parsePublishedText(sampleText()))) as unknown as ArrayBuffer)
    const sheet = book.worksheets[1]!
    const budgetRow = sheet.getRows(1, 20)!.find((row) => row.getCell(1).value === '预算规模及资金用途')!
    // Last year's figures kept out of sight in a row above the 预算数, and a column of notes beside the form.
    const at = budgetRow.number
    sheet.spliceRows(at, 0, ['预算规模及资金用途', '资金总额（万元）', 8, '财政资金', 8, '其他资金', ''])
    sheet.getRow(at).hidden = true
    const notesColumn = sheet.columnCount + 2
    sheet.getRow(3).getCell(notesColumn).value = '上年备注'
    sheet.getColumn(notesColumn).hidden = true
    const read = await importXlsx(new Uint8Array(await book.xlsx.writeBuffer()))
    if (!read.ok) throw read.error
    expect(read.value.projects[0]).toMatchObject({ budgetTotal: '10.00', budgetFiscal: '10.00' })
    expect(read.value.unread).toEqual([`工作表“${sheet.name}”中隐藏的第 ${at} 行、${sheet.getColumn(notesColumn).letter} 列有内容，未导入：如需导入，请在 Excel 或 WPS 中取消隐藏后重新导入`])
  })

  it('a 自评’s 执行率 is a percentage cell (0.9368 shown 93.68%), not text', async () => {
    const { Workbook } = (await import('exceljs')).default
    const made = generateKindDocument(makeRandom(5), 'self-evaluation', 1)
    const project = made.projects[0]!
    const doc = withDerived({ ...made, projects: [{ ...project, funds: { ...project.funds!, initial: '100', budget: '100', executed: '93.68' } }] })
    const rate = doc.projects[0]!.funds!.rate
    expect(rate).toBe('93.68%')
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(doc)) as unknown as ArrayBuffer)
    const cells: { value: unknown; numFmt: string }[] = []
    book.worksheets[1]!.eachRow((row) => row.eachCell((cell) => void (typeof cell.numFmt === 'string' && cell.numFmt.endsWith('%') && cells.push({ value: cell.value, numFmt: cell.numFmt }))))
    expect(cells).toEqual([{ value: Number(rate.slice(0, -1)) / 100, numFmt: expect.stringMatching(/^0(\.0+)?%$/) }])
  })

  it('a 自评’s 分值 and 得分 are numbers a SUM adds (they were text), showing as written, and read back as written', async () => {
    const { Workbook } = (await import('exceljs')).default
    const doc = withDerived(generateKindDocument(makeRandom(5), 'self-evaluation', 1))
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(doc)) as unknown as ArrayBuffer)
    const sheet = book.worksheets[1]!
    const header = sheet.getRows(1, 30)!.find((row) => row.getCell(7).value === '分值')!
    const rows = doc.projects[0]!.indicators.map((_, i) => sheet.getRow(header.number + 1 + i))
    expect(rows.map((row) => [row.getCell(7).value, row.getCell(8).value])).toEqual(doc.projects[0]!.indicators.map((i) => [Number(i.score), Number(i.earned)]))
    expect(rows.map((row) => row.getCell(8).numFmt)).toEqual(doc.projects[0]!.indicators.map((i) => (i.earned!.includes('.') ? `0.${'0'.repeat(i.earned!.split('.')[1]!.length)}` : '0')))
    const read = await importXlsx(new Uint8Array(await book.xlsx.writeBuffer()))
    expect(read.ok && read.value).toEqual(doc)
  })

  it('a 预算数 that is no number is shown as written in the 预算汇总, and its 合计 says it leaves the project out', async () => {
    const { Workbook } = (await import('exceljs')).default
    const text = parsePublishedText(sampleText())
    text.projects[2] = { ...text.projects[2]!, budgetTotal: '待定' }
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(text)) as unknown as ArrayBuffer)
    const summary = book.getWorksheet(SUMMARY_SHEET)!
    expect(summary.getRow(4).getCell(4).value).toBe('待定')
    expect(summary.getRow(13).getCell(3).value).toBe('（未计入 1 个项目：预算数未填、无法读出或待核对）')
    expect(summary.getRow(13).getCell(4).value).toEqual({ formula: 'SUM(D2:D12)', result: 116 })
  })

  it('a 财政资金 that is no number is shown as written, and the 合计 says that column leaves the project out; an empty 其他资金 is no note', async () => {
    const { Workbook } = (await import('exceljs')).default
    const text = parsePublishedText(sampleText())
    text.projects[2] = { ...text.projects[2]!, budgetFiscal: '0.300.2', budgetOther: '' }
    const book = new Workbook()
    await book.xlsx.load((await exportXlsx(text)) as unknown as ArrayBuffer)
    const summary = book.getWorksheet(SUMMARY_SHEET)!
    expect(summary.getRow(4).getCell(5).value).toBe('0.300.2')
    expect(summary.getRow(13).getCell(3).value).toBe('（财政资金未计入 1 个项目：无法读出数字）')
  })

  it('refuses a broken file, and a workbook not laid out by us, saying so', async () => {
    const broken = await importXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))
    expect(!broken.ok && broken.error.message).toContain('无法打开这个 Excel 文件')
  })
})
