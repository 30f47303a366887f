/**
 * Issue 25 item 9: grid columns empty in every row — invisible in Word,
 * left by LibreOffice, WPS, Excel and hand-made pages — are no column in
 * any format, and no empty cell becomes a 资金支出计划 period or an
 * indicator. The Word and web-page fixtures are the sample with an empty
 * grid column at the end of every table and one inside the second, saved
 * by LibreOffice 7.4.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from './published-text/import'
import { readProjectForm } from './project-form/read-project-form'
import { importFile } from './registry'
import { exportXlsx, importXlsx } from './xlsx/workbook'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/formats/${name}`, import.meta.url)))
const sample = () => parsePublishedText(sampleText())

describe('empty grid columns and trailing cells', () => {
  it.each(['zhengfawei-2022.empty-grid-columns.libreoffice.docx', 'zhengfawei-2022.empty-grid-columns.libreoffice.html'])('%s reads to the sample', async (name) => {
    const result = await importFile(fixture(name))
    if (!result.ok) throw result.error
    expect(result.value).toEqual(sample())
  })

  it('an Excel sheet with a blank column inside the table and trailing empty cells reads to the sample', async () => {
    const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: typeof import('exceljs') }
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await exportXlsx(sample())) as unknown as ArrayBuffer)
    for (const sheet of book.worksheets.slice(1, -1)) {
      sheet.spliceColumns(4, 0, [])
      sheet.eachRow((row) => (row.getCell(12).value = ''))
    }
    const result = await importXlsx(new Uint8Array(await book.xlsx.writeBuffer()))
    if (!result.ok) throw result.error
    expect(result.value).toEqual(sample())
  }, 30_000)

  it('in the published text, an empty cell after every indicator row and an empty 资金支出计划 period are no column, no period', () => {
    const lines = sampleText().split('\n')
    const widened = lines.flatMap((line, i) => {
      const next = lines[i + 1] ?? ''
      // After the last cell of each row of the first table's indicator part and of its plan rows.
      return line.startsWith('\t') && next === '' && i > 100 && i < 175 ? [line, '\t'] : [line]
    })
    expect(parsePublishedText(widened.join('\n'))).toEqual(sample())
  })

  it('an empty row among the indicators is no indicator', () => {
    const text = sampleText().replace('\t年度工作计划\n\n', '\t年度工作计划\n\n\t\n\t\n\t\n\t\n\t\n\t\n\n')
    expect(parsePublishedText(text)).toEqual(sample())
  })

  it('text under a column with no name is still refused, not dropped', () => {
    const lines = sampleText().split('\n')
    const at = lines.findIndex((l) => l === '\t指标值确定依据')
    lines.splice(at + 1, 0, '\t')
    const row = lines.findIndex((l, i) => i > at && l === '\t年度工作计划')
    lines.splice(row + 1, 0, '\t多出的值')
    expect(() => parsePublishedText(lines.join('\n'))).toThrow(/不是可识别的列名/)
  })

  it('a form in tabs with an empty column between its indicator columns reads as without it', () => {
    const form = (gap: string) =>
      [
        '项目名称\t社区养老服务补助',
        '年度资金总额（万元）\t120',
        '年度绩效目标\t为辖区800名老人提供上门服务',
        `一级指标\t二级指标\t三级指标\t${gap}指标值\t`,
        `产出指标\t数量指标\t服务老人人数\t${gap}≥800人\t`,
        `满意度指标\t服务对象满意度指标\t服务对象满意度\t${gap}≥90%\t`,
      ].join('\n')
    expect(readProjectForm(form('\t'))).toEqual(readProjectForm(form('')))
  })
})
