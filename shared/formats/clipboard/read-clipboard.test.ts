import { describe, expect, it } from 'vitest'
import { excelTableHtml, excelTableText, wordForm, wordTableHtml, wordTableText } from '../../../test/support/office-clipboard'
import { parsePublishedText } from '../published-text/import'
import { exportHtml } from '../html/export'
import { sampleText } from '../../../support/sample'
import { readClipboard } from './read-clipboard'

const rows = [
  [{ text: '产出指标', rowspan: 2 }, '数量指标', '培训次数', '全年培训\n政法干警', '≥4次', '年度计划'],
  ['质量指标', '培训合格率', '考核合格', '≥95%', '上年水平'],
]

describe('readClipboard', () => {
  it('reads Word’s table as a grid: merged cells leave an empty cell below, a cell’s paragraphs its lines', () => {
    expect(readClipboard(wordTableHtml(rows), wordTableText(rows))).toEqual({
      kind: 'grid',
      rows: [
        ['产出指标', '数量指标', '培训次数', '全年培训\n政法干警', '≥4次', '年度计划'],
        ['', '质量指标', '培训合格率', '考核合格', '≥95%', '上年水平'],
      ],
    })
  })

  it('reads Excel’s table from its HTML, and from its tab-separated text alone', () => {
    const grid = [['产出指标', '数量指标', '培训次数'], ['', '时效指标', '按时完成\n率']]
    expect(readClipboard(excelTableHtml(grid), excelTableText(grid))).toEqual({ kind: 'grid', rows: grid })
    expect(readClipboard('', excelTableText(grid))).toEqual({ kind: 'grid', rows: grid })
  })

  it('keeps a column left blank in an Excel range, as a paste goes by position', () => {
    const grid = [['培训次数', '', '≥4次'], ['合格率', '', '≥95%']]
    expect(readClipboard(excelTableHtml(grid), excelTableText(grid))).toEqual({ kind: 'grid', rows: grid })
  })

  it('reads a web page’s table', () => {
    const html = '<meta charset="utf-8"><table><tbody><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>&nbsp;</td></tr></tbody></table>'
    expect(readClipboard(html, '甲\t乙\n丙\t')).toEqual({ kind: 'grid', rows: [['甲', '乙'], ['丙', '']] })
  })

  it('makes text of several lines, or one copied cell, one line of text', () => {
    expect(readClipboard('', '开展宣传\r\n活动\r\n')).toEqual({ kind: 'text', text: '开展宣传活动' })
    expect(readClipboard('<p class=MsoNormal>第一段</p><p class=MsoNormal>第二段</p>', '第一段\r\n\r\n第二段')).toEqual({ kind: 'text', text: '第一段第二段' })
    expect(readClipboard(excelTableHtml([['3.50']]), '3.50\r\n')).toEqual({ kind: 'text', text: '3.50' })
  })

  it('recognises whole 绩效目标表 — with or without their title — as projects, read by the importer', () => {
    const sample = parsePublishedText(sampleText())
    const html = exportHtml(sample)
    const start = html.indexOf('<h3>')
    const form = html.slice(start, html.indexOf('</table>', start) + '</table>'.length)
    const pasted = readClipboard(form, '')
    expect(pasted).toEqual({ kind: 'projects', projects: [sample.projects[0]] })
    const tableOnly = readClipboard(form.slice(form.indexOf('<table>')), '')
    expect(tableOnly.kind === 'projects' && tableOnly.projects.map((p) => [p.name, p.budgetTotal, p.indicators.length])).toEqual([['扫黑除恶工作经费', '10.00', 5]])
    // The whole document: its projects.
    const whole = readClipboard(html, '')
    expect(whole.kind === 'projects' && whole.projects).toEqual(sample.projects)
  })

  it('reads a form copied from Word, with its title or without', () => {
    const form = wordForm({ name: '法治宣传经费', code: 'P2022-09', budget: '6.00', indicators: [['产出指标', '数量指标', '宣传场次', '全年宣传', '≥12场', '计划'], ['产出指标', '质量指标', '覆盖率', '覆盖各街道', '100%', '计划']] })
    for (const html of [wordTableHtml(form.rows, [form.title]), wordTableHtml(form.rows)]) {
      const pasted = readClipboard(html, wordTableText(form.rows))
      if (pasted.kind !== 'projects') throw new Error(`read as ${pasted.kind}`)
      expect(pasted.projects).toHaveLength(1)
      expect(pasted.projects[0]).toMatchObject({ name: '法治宣传经费', code: 'P2022-09', budgetTotal: '6.00', budgetFiscal: '6.00', goal: '提升群众法治意识。' })
      expect(pasted.projects[0]!.indicators.map((i) => [i.level1, i.level2, i.level3, i.value])).toEqual([['产出指标', '数量指标', '宣传场次', '≥12场'], ['产出指标', '质量指标', '覆盖率', '100%']])
    }
  })

  it('does not take a grid of indicator rows with their header for a form', () => {
    const header = ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据']
    const pasted = readClipboard(wordTableHtml([header, ...rows]), '')
    expect(pasted.kind).toBe('grid')
  })
})
