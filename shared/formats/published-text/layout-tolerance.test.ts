/**
 * Issue 27: what real copies of the published layout do to it — a merged
 * 一级 cell left out, a header wrapped over two lines, cells indented with
 * spaces, a title without its number, a 合计 after the last table — read
 * as the sample reads; a template and a prose 公示 are named for what they
 * are. Each with the case that must still be refused.
 */
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../../support/sample'
import { ImportError } from '../import-error'
import { readProjectForm } from '../project-form/read-project-form'
import { parsePublishedText } from './import'

const sample = () => parsePublishedText(sampleText())
const failure = (text: string): ImportError => {
  try {
    parsePublishedText(text)
  } catch (error) {
    if (error instanceof ImportError) return error
    throw error
  }
  throw new Error('imported')
}

describe('the published layout as real copies write it', () => {
  it('a row one cell short whose first cell is a 二级 continues the merged 一级 above', () => {
    const text = sampleText().replace('\t年度工作计划\n\n\t\n\t质量指标\n\t资金到位率', '\t年度工作计划\n\n\t质量指标\n\t资金到位率')
    expect(text).not.toBe(sampleText())
    expect(parsePublishedText(text)).toEqual(sample())
  })

  it('a row one cell short that does not start with a 二级 is still refused', () => {
    const text = sampleText().replace('\t年度工作计划\n\n\t\n\t质量指标\n\t资金到位率', '\t年度工作计划\n\n\t\n\t资金到位率')
    expect(failure(text).message).toMatch(/指标行应有 6 个单元格/)
  })

  it('joins a header cell wrapped onto the next line ("指标值确定" / "依据")', () => {
    const text = sampleText().replace('\t指标值\n\t指标值确定依据\n', '\t指标值\n\t指标值确定\n依据\n')
    expect(parsePublishedText(text)).toEqual(sample())
  })

  it('reads cells indented with spaces instead of a tab', () => {
    const [front, tables] = sampleText().split('第二部分')
    const text = `${front}第二部分${tables!.replace(/^\t/gm, '    ')}`
    expect(parsePublishedText(text)).toEqual(sample())
  })

  it('reads a table title without its number', () => {
    const text = sampleText().replace('2.政法队伍教育整顿工作经费绩效目标表', '政法队伍教育整顿工作经费绩效目标表')
    expect(parsePublishedText(text)).toEqual(sample())
  })

  it('reads a 合计 after the last table, as a line or as a row of cells, and checks it', () => {
    expect(parsePublishedText(`${sampleText().trimEnd()}\n\n合计 116.40\n`)).toEqual(sample())
    expect(parsePublishedText(`${sampleText().trimEnd()}\n\n\t合计\n\t116.40\n`)).toEqual(sample())
    const wrong = failure(`${sampleText().trimEnd()}\n\n\t合计\n\t120.00\n`)
    expect(wrong.message).toMatch(/合计 120\.00 万元与各绩效目标表预算数之和 116\.40 万元不一致/)
    expect(wrong.line).toBeGreaterThan(800)
  })

  it('ends a table at sign-off and stamp rows drawn inside it; an indicator after them is refused', () => {
    const signed = (rows: string) => sampleText().replace('\t≥90%\n\t年度工作计划\n\n\n2.政法队伍', `\t≥90%\n\t年度工作计划\n\n${rows}\n\n2.政法队伍`)
    const stamp = '\t主管部门审核意见（盖章）\n\t\n\t\n\t财政部门审核意见（盖章）\n\t\n\t\n'
    expect(signed(stamp)).not.toBe(sampleText())
    expect(parsePublishedText(signed(stamp))).toEqual(sample())
    expect(failure(signed(`${stamp}\n\t效益指标\n\t社会效益指标\n\t甲\n\t乙\n\t≥1次\n\t计划\n`)).message).toMatch(/签字盖章栏之后不应再有指标行/)
  })

  it('names a blank template as one, and a prose 公示 as one', () => {
    const blank = ['1.绩效目标表', '\t', '\t单位：万元', '', '\t项目编码', '\t', '\t项目名称', '\t', '', '\t预算规模及资金用途', '\t预算数', '\t', '\t其中：财政资金', '\t', '\t其他资金', '\t', '', '\t', '\t',
      '', '\t资金支出计划（%）', '\t', '', '\t', '\t', '', '\t绩效目标', '\t', '', '\t一级指标', '\t二级指标', '\t三级指标', '\t绩效指标描述', '\t指标值', '\t指标值确定依据', '', '\t', '\t', '\t', '\t', '\t', '\t'].join('\n')
    expect(failure(blank)).toMatchObject({ code: 'not-budget-document' })
    expect(failure(blank).message).toMatch(/空白的绩效目标表模板/)
    const notice = '关于政法委2022年部门预算绩效目标的公示\n\n根据有关规定，现将我委2022年部门预算绩效目标公示如下。\n\n公示期为5个工作日。'
    expect(failure(notice).message).toMatch(/^这是一篇文字公示/)
  })

  it('a regional form whose header wraps "指标值确定" / "依据" reads its 依据', () => {
    const text = ['项目名称', '社区养老服务补助', '年度资金总额（万元）', '120', '年度目标', '提供上门服务', '一级指标', '二级指标', '三级指标', '指标值', '指标值确定', '依据',
      '产出指标', '数量指标', '服务老人人数', '≥800人', '计划标准', '满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', '问卷调查'].join('\n\n')
    expect(readProjectForm(text).projects[0]!.indicators.map((i) => i.basis)).toEqual(['计划标准', '问卷调查'])
  })
})
