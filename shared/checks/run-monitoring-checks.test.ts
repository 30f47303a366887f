import { describe, expect, it } from 'vitest'
import { goodProject } from '../../test/support/check-fixtures'
import type { DocumentText, FundsText, IndicatorText } from '../model/document-text'
import { KINDS } from '../kinds/registry'
import { monitoringModel } from '../monitoring/monitoring-model'
import { runMonitoringChecks } from './run-monitoring-checks'

type Row = Pick<IndicatorText, 'actual' | 'forecast' | 'likelihood' | 'cause' | 'measure'>
const onTrack = (): Row => ({ actual: '', forecast: '', likelihood: '确定能', cause: '', measure: '' })

// goodProject's plan: 3月底 25%, 6月底 50%, 10月底 75%, 12月底 100%; 预算数 12.50.
const doc = (rows: Partial<Row>[] = [], funds: Partial<FundsText> = {}, asOf = '6月'): DocumentText => {
  const project = goodProject()
  return {
    kind: 'monitoring', asOf, title: '', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [],
    projects: [{
      ...project, achieved: '已培训 2 次。',
      funds: { initial: '12.50', budget: '12.50', executed: '6.25', rate: '50%', points: '', earned: '', ...funds },
      indicators: project.indicators.map((indicator, i) => ({ ...indicator, ...onTrack(), ...rows[i] })),
    }],
  }
}
const rules = (text: DocumentText) => runMonitoringChecks(text).map((f) => [f.rule, f.indicator])

describe('monitoring checks', () => {
  it('a 监控 on track raises nothing; `check` dispatches to these through the registry', () => {
    expect(runMonitoringChecks(doc())).toEqual([])
    expect(KINDS.monitoring.checks(doc([{ likelihood: '有可能' }]))).toHaveLength(1)
  })

  it('a 执行数 that is not a number (two people’s typing met: "0.800.80") is an error on its cell, not a project “not yet filled”', () => {
    const found = runMonitoringChecks(doc([], { executed: '0.800.80' })).filter((f) => f.rule === 'monitoring.unreadable-funds')
    expect(found.map((f) => [f.severity, f.field, f.message])).toEqual([['error', 'fundsExecuted', expect.stringMatching(/“0\.800\.80”不是数字/)]])
    expect(runMonitoringChecks(doc([], { executed: '' })).filter((f) => f.rule === 'monitoring.unreadable-funds')).toEqual([])
  })

  it('figures with their own unit, as the targets’ form takes them (a 预算数 typed “3000元”, carried): read as amounts, no error nobody can fix', () => {
    const text = doc([], { initial: '3000元', budget: '3000元', executed: '350元', rate: '' })
    // 350 元 of 3000 元: 0.035 of 0.3 万元, 11.67%; by the end of June the plan meant 50%, with no reason given.
    expect(monitoringModel(text).projects[0]!.funds).toMatchObject({ initial: 0.3, budget: 0.3, executed: 0.035, rate: 11.67, planned: 50, planRate: 23.33 })
    expect(rules(text)).toEqual([['monitoring.behind-plan', null]])
    // What is no amount still is an error on its cell.
    expect(runMonitoringChecks(doc([], { executed: '三千块' })).filter((f) => f.rule === 'monitoring.unreadable-funds').map((f) => f.field)).toEqual(['fundsExecuted'])
  })

  it('预算数 not 财政资金 + 其他资金 (an imported form’s 其中 rows) is an error on the 预算数, as in the targets', () => {
    const text = doc()
    const imported = { ...text, projects: [{ ...text.projects[0]!, budgetFiscal: '7', budgetOther: '1' }] }
    expect(runMonitoringChecks(imported).filter((f) => f.rule === 'arithmetic.budget-sum').map((f) => [f.severity, f.field])).toEqual([['error', 'budgetTotal']])
    expect(runMonitoringChecks(text).filter((f) => f.rule === 'arithmetic.budget-sum')).toEqual([])
  })

  it('a target at risk (有可能, 完全不可能) needs a 纠偏措施', () => {
    expect(rules(doc([{ likelihood: '完全不可能' }, { likelihood: '有可能' }]))).toEqual([['monitoring.measure', 1], ['monitoring.measure', 2]])
    expect(runMonitoringChecks(doc([{ likelihood: '完全不可能' }]))[0]!.message).toBe('“培训场次”完成目标可能性为“完全不可能”，应填写纠偏措施')
    expect(rules(doc([{ likelihood: '有可能', measure: '下半年加开两期' }]))).toEqual([])
  })

  it('spending behind the plan’s share for the month needs a 偏差原因', () => {
    expect(rules(doc([], { executed: '5' }))).toEqual([['monitoring.behind-plan', null]])
    expect(runMonitoringChecks(doc([], { executed: '5' }))[0]!.message).toMatch(/执行率 40%，低于资金支出计划本期应达到的 50%/)
    expect(rules(doc([{ cause: '经费保障' }], { executed: '5' }))).toEqual([])
    expect(rules(doc([], { executed: '5' }, '2月'))).toEqual([])
  })

  it('a forecast short of the target marked 确定能', () => {
    expect(rules(doc([{ forecast: '3次' }]))).toEqual([['monitoring.forecast', 1]])
    expect(rules(doc([{ forecast: '4次' }]))).toEqual([])
    expect(rules(doc([{ forecast: '3次', likelihood: '有可能', measure: '加开一期' }]))).toEqual([])
  })

  it('a blank 截至当期执行数 is a warning on its cell (the dashboard alone said 未填执行数)', () => {
    const found = runMonitoringChecks(doc([], { executed: '', rate: '' })).filter((f) => f.rule === 'monitoring.blank-executed')
    expect(found.map((f) => [f.severity, f.field, f.message])).toEqual([['warning', 'fundsExecuted', '截至当期执行数未填：执行率无法计算，请填写（没有支出的填 0）']])
    expect(rules(doc([]))).not.toContainEqual(['monitoring.blank-executed', null])
  })

  it('a 截至当期完成值 in another unit than its target', () => {
    expect(rules(doc([{}, { actual: '96人' }]))).toEqual([['monitoring.comparable', 2]])
    expect(rules(doc([{ actual: '2次' }, { actual: '96%' }]))).toEqual([])
    // 0.57 with no unit against a percentage: 57% or 0.57%? 45 with no unit is 45%.
    expect(runMonitoringChecks(doc([{}, { actual: '0.57' }])).filter((f) => f.rule === 'monitoring.comparable').map((f) => f.message)).toEqual([expect.stringContaining('截至当期完成值 0.57 没有写单位，年度指标值为 ≥95%：是 57% 还是 0.57%？无法比较')])
    expect(rules(doc([{}, { actual: '45' }]))).not.toContainEqual(['monitoring.comparable', 2])
  })

  it('spending above the 全年预算数 (超支) is a warning on the 执行数 naming the project and both figures; the 执行率 over 100% is no merit', () => {
    const found = runMonitoringChecks(doc([], { budget: '0.40', executed: '1.00', rate: '' }))
    expect(found.map((f) => [f.rule, f.severity, f.project, f.indicator, f.field, f.message])).toEqual([[
      'monitoring.overspent', 'warning', 1, null, 'fundsExecuted',
      '项目“基层干部培训经费”截至当期执行数 1 万元超过全年预算数 0.4 万元（执行率 250%）：超支，执行率超过 100% 不是成绩；应核实执行数，或说明超支原因及预算调整依据',
    ]])
    expect(rules(doc([], { budget: '12.50', executed: '12.50' }))).toEqual([])
    // Ahead of the plan but within the budget is no finding either.
    expect(rules(doc([], { executed: '10' }))).toEqual([])
  })

  it('a 监控 with no 截至月份 chosen (a new one starts unset) is asked for one, once for the document; no plan share is read meanwhile', () => {
    const found = runMonitoringChecks(doc([], { executed: '1' }, ''))
    expect(found.map((f) => [f.rule, f.severity, f.project, f.message])).toEqual([
      ['monitoring.as-of', 'warning', null, '未设定截至月份：请在表格上方选择截至月份，执行率才能对照资金支出计划中截至该月应达到的比例'],
    ])
    // 1 of 12.50 would be far behind any month's plan: with no month, no behind-plan finding is made up.
    expect(rules(doc([], { executed: '1' }, '6月'))).toEqual([['monitoring.behind-plan', null]])
  })
})
