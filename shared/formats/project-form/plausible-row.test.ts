/**
 * Issue 27, "cells shifted by stray spaces or brackets" and "label
 * fragments as values": each way a real form shifted its cells, must
 * fire (refused with the line, or re-read right), and the forms that are
 * fine must not.
 */
import { describe, expect, it } from 'vitest'
import { modelFromText } from '../../model/derive-model'
import { importPublishedText } from '../published-text/import'
import { rejoin } from './form-cells'
import { implausibleRow } from './plausible-row'

const read = (text: string) => importPublishedText(new TextEncoder().encode(text))
const model = (text: string) => {
  const result = read(text)
  if (!result.ok) throw result.error
  return modelFromText(result.value).projects[0]!
}

/** A form in the spaces layout (cells between runs of spaces), as pages copied from a government site read. */
const form = (rows: string[], front = ['项目名称   社区养老服务补助', '年度资金总额（万元）   120', '年度绩效目标   为辖区800名老人提供上门服务']) =>
  ['2024年项目支出绩效目标申报表', ...front, '一级指标   二级指标   三级指标   指标值   绩效标准', ...rows].join('\n')

const ROWS = ['产出指标   数量指标   服务老人人数   ≥800人   计划标准', '满意度指标   服务对象满意度指标   服务对象满意度   ≥90%   计划标准']

describe('the plausibility gate', () => {
  it('must fire: a 三级 that is a value, a bracket for a cell, a label for a value, a score under 依据, no 二级', () => {
    const row = { level1: '产出指标', level2: '数量指标', level3: '服务老人人数', description: '', value: '≥800人', basis: '计划标准' }
    expect(implausibleRow({ ...row, level3: '≥90%' })).toMatch(/像是指标值/)
    expect(implausibleRow({ ...row, level3: '100%' })).toMatch(/像是指标值/)
    expect(implausibleRow({ ...row, level3: '2023.07-2024.01' })).toMatch(/像是指标值/)
    expect(implausibleRow({ ...row, value: '(' })).toMatch(/只有“\(”/)
    expect(implausibleRow({ ...row, value: '指标值' })).toMatch(/栏目名称/)
    expect(implausibleRow({ ...row, basis: '社会效益指标' })).toMatch(/栏目名称/)
    expect(implausibleRow({ ...row, basis: '10' })).toMatch(/像是分值/)
    expect(implausibleRow({ ...row, level2: '' })).toMatch(/没有二级指标/)
  })

  it('must not fire: rows as real forms write them', () => {
    for (const row of [
      ['服务老人人数', '≥800人', '计划标准'],
      ['雾炮车风炮射程', '≥80M', '计划标准'],
      ['服务周期内空气质量', '优良', '计划标准'],
      ['财政资金补助', '1600元/亩', ''],
      ['项目(工程)验收合格率', '100%', '历史标准'],
      ['5G基站建设数量', '12个', '行业标准'],
    ]) {
      expect(implausibleRow({ level1: '产出指标', level2: '数量指标', level3: row[0]!, description: '', value: row[1]!, basis: row[2]! }), row[0]).toBeNull()
    }
  })
})

describe('shifted forms', () => {
  it('re-reads "( ≥**个 )" split by its spaces as one value, and "≥ 90 %" as one', () => {
    expect(rejoin(['人数', '(', '≥**个', ')', '计划标准'])).toEqual(['人数', '(≥**个)', '计划标准'])
    expect(rejoin(['满意度', '≥', '90', '%'])).toEqual(['满意度', '≥90%'])
    expect(rejoin(['(', '2023年度'])).toEqual(['(', '2023年度'])
    const project = model(form(['产出指标   数量指标   培训场次   ( ≥**个 )   计划标准', ...ROWS]))
    expect(project.indicators.map((i) => [i.level3, i.value, i.basis])).toEqual([
      ['培训场次', '(≥**个)', '计划标准'],
      ['服务老人人数', '≥800人', '计划标准'],
      ['服务对象满意度', '≥90%', '计划标准'],
    ])
  })

  it('refuses a row whose cells a stray bracket shifted, naming the line', () => {
    const result = read(form(['产出指标   数量指标   培训场次   (   ≥4次   计划标准', ...ROWS]))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/^第 6 行：.*单元格可能错位/)
  })

  it('ends the form at sign-off and stamp lines: they never become indicators', () => {
    const project = model(form([...ROWS, '区财政局审核意见（盖章）', '项目实施单位意见   （盖章）']))
    expect(project.indicators.map((i) => i.level3)).toEqual(['服务老人人数', '服务对象满意度'])
  })

  it('never takes a label’s wording for the goal: "年度总体目标完成情况" is no goal', () => {
    const project = model(form(ROWS, ['项目名称   社区养老服务补助', '年度资金总额（万元）   120', '年度总体目标   年度总体目标完成情况', '年度绩效目标   为辖区800名老人提供上门服务']))
    expect(project.goal).toBe('为辖区800名老人提供上门服务')
    const bare = model(form(ROWS, ['项目名称   社区养老服务补助', '年度资金总额（万元）   120', '年度绩效目标   年度总体目标完成情况']))
    expect(bare.goal).toBe('')
  })

  it('reads "总体目标" written 总/体/目/标 down a column as the label, never 其他资金 = "总"', () => {
    const lines = ['项目名称', '社区养老服务补助', '年度资金总额（万元）', '120', '其他资金', '总', '体', '目', '标', '年度目标', '为辖区800名老人提供上门服务']
    const text = ['2024年项目支出绩效目标申报表', ...lines, '一级指标', '二级指标', '三级指标', '指标值', ...ROWS.flatMap((r) => r.split(/\s+/).slice(0, 4))].join('\n\n')
    const result = read(text)
    if (!result.ok) throw result.error
    expect(result.value.projects[0]!.budgetOther).toBe('')
    expect(modelFromText(result.value).projects[0]!.goal).toBe('为辖区800名老人提供上门服务')
  })
})
