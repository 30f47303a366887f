import { describe, expect, it } from 'vitest'
import { readCell } from './cell-text'

describe('an Excel cell as the sheet shows it', () => {
  it('a number by its format, with a note where it holds more than it shows (a rate rounded to 0.01% is no news)', () => {
    expect(readCell(10, '0.00')).toEqual({ text: '10.00', note: '' })
    expect(readCell(1234500, '#,##0')).toEqual({ text: '1,234,500', note: '' })
    expect(readCell(0.30000000000000004, '0.00')).toEqual({ text: '0.30', note: '' })
    expect(readCell(18.5093, '0.00')).toEqual({ text: '18.51', note: '显示为 18.51，单元格中的值是 18.5093' })
    expect(readCell(0.93684, '0.00%')).toEqual({ text: '93.68%', note: '' })
    // A whole-percent format rounds a target: 95.5% shown as 96% is said (a tryout found it read silently).
    expect(readCell(0.955, '0%')).toEqual({ text: '96%', note: '显示为 96%，单元格中的值是 95.5%' })
    expect(readCell(0.25, '0%')).toEqual({ text: '25%', note: '' })
    // The text a format writes around the number is what the sheet shows (a tryout's ≥90% came in as 「0.9」).
    expect(readCell(0.9, '"≥"0%')).toEqual({ text: '≥90%', note: '' })
    expect(readCell(12, '"≥"0"次"')).toEqual({ text: '≥12次', note: '' })
    expect(readCell(30, '0"人"')).toEqual({ text: '30人', note: '' })
    expect(readCell(1.2345, '0.00"万元"')).toEqual({ text: '1.23万元', note: '显示为 1.23万元，单元格中的值是 1.2345' })
    // A format read no further is said, with what was read.
    expect(readCell(0.5, '# ?/?')).toEqual({ text: '0.5', note: '格式为“# ?/?”，已按单元格中的值 0.5 导入' })
    expect(readCell(7, 'General')).toEqual({ text: '7', note: '' })
    // An accounting format's padding and negative section are no part of what a positive figure shows.
    expect(readCell(1234.5, '#,##0.00_ ;[Red]\\-#,##0.00\\ ')).toEqual({ text: '1,234.50', note: '' })
    expect(readCell(17.5, undefined)).toEqual({ text: '17.5', note: '' })
  })

  it('a formula by the result the file keeps; none kept, or an error, is said', () => {
    // Read as "[object Object]" before: a department's sheet whose 预算数 adds its 其中 rows.
    expect(readCell({ formula: 'C5+C6', result: 12.5 }, '0.00')).toEqual({ text: '12.50', note: '' })
    expect(readCell({ sharedFormula: 'C5', result: '政法委' }, undefined)).toEqual({ text: '政法委', note: '' })
    expect(readCell({ formula: 'C5+C6' }, '0.00')).toEqual({ text: '', note: '是公式（=C5+C6），文件中没有它的计算结果，按空白导入：请在 Excel 或 WPS 中打开、保存后再导入' })
    expect(readCell({ formula: 'C5/C6', result: { error: '#DIV/0!' } }, '0.00')).toEqual({ text: '#DIV/0!', note: '是公式（=C5/C6），结果为错误值 #DIV/0!' })
  })

  it('a date as the forms write one, text as written', () => {
    expect(readCell(new Date(Date.UTC(2023, 0, 1)), 'yyyy-mm-dd')).toEqual({ text: '2023年1月1日', note: '' })
    expect(readCell({ richText: [{ text: '维护' }, { text: '稳定' }] }, undefined)).toEqual({ text: '维护稳定', note: '' })
    expect(readCell(null, undefined)).toEqual({ text: '', note: '' })
  })
})
