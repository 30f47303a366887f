import { describe, expect, it } from 'vitest'
import { goodProject } from '../../test/support/check-fixtures'
import type { DocumentText, FundsText, IndicatorText } from '../model/document-text'
import { selfEvaluationModel } from '../self-evaluation/self-evaluation-model'
import { runSelfEvaluationChecks } from './run-self-evaluation-checks'

// goodProject's six targets, met: ≥4次, ≥95%, a deadline, ≤10万元, ≥80%, ≥90% — 分值 split 50/30/10 by 一级.
type Row = Pick<IndicatorText, 'actual' | 'earned' | 'deviation'>
const metRows = (): Row[] => [
  { actual: '5次', earned: '12.5', deviation: '' },
  { actual: '96%', earned: '12.5', deviation: '' },
  { actual: '达成预期指标', earned: '12.5', deviation: '' },
  { actual: '9.8万元', earned: '12.5', deviation: '' },
  { actual: '85%', earned: '30', deviation: '' },
  { actual: '92%', earned: '10', deviation: '' },
]

interface Overrides extends Partial<FundsText> {
  achieved?: string
  total?: string
  rows?: Row[]
}

/** goodProject as a 自评: its funds, 实际完成情况 and 总分, and each indicator's row. */
const doc = ({ achieved = '完成培训 5 次。', total = '100', rows = metRows(), ...funds }: Overrides = {}): DocumentText => {
  const project = goodProject()
  return {
    kind: 'self-evaluation', title: '', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [],
    projects: [{
      ...project,
      funds: { initial: '12.50', budget: '12.50', executed: '12.50', points: '10', rate: '100%', earned: '10', ...funds },
      achieved, total,
      indicators: project.indicators.map((indicator, i) => ({ ...indicator, ...rows[i] })),
    }],
  }
}

const rules = (text: DocumentText) => runSelfEvaluationChecks(text).map((f) => [f.rule, f.indicator])

describe('self-evaluation checks', () => {
  it('a project with no 满意度指标 is told it cannot reach 100 (its 10 points have no row to earn them)', () => {
    const text = doc()
    const project = text.projects[0]!
    const withoutSatisfaction = { ...text, projects: [{ ...project, indicators: project.indicators.filter((i) => i.level1 !== '满意度指标') }] }
    const found = runSelfEvaluationChecks(withoutSatisfaction).filter((f) => f.rule === 'self-evaluation.unreachable-points')
    expect(found.map((f) => [f.severity, f.message])).toEqual([['warning', expect.stringMatching(/满分只有 90 分：没有满意度指标（10 分）/)]])
    expect(runSelfEvaluationChecks(text).filter((f) => f.rule === 'self-evaluation.unreachable-points')).toEqual([])
  })

  it('分值 adding up past 100 (a regional form: 产出 70, 效益 20, 满意度 10, and the 执行率’s 10 on top) is an error, not a 优 of 110', () => {
    const text = doc()
    const project = text.projects[0]!
    const heavier = { ...text, projects: [{ ...project, indicators: project.indicators.map((i, n) => (n === 4 ? { ...i, score: '40' } : i)) }] }
    expect(selfEvaluationModel(heavier).projects[0]!.funds.points + selfEvaluationModel(heavier).projects[0]!.indicators.reduce((s, i) => s + i.points, 0)).toBe(110)
    const found = runSelfEvaluationChecks(heavier).filter((f) => f.rule === 'self-evaluation.excess-points')
    expect(found.map((f) => [f.severity, f.message])).toEqual([['error', expect.stringMatching(/分值合计 110 分（指标 100 分、预算执行率 10 分），超过 100 分/)]])
    expect(runSelfEvaluationChecks(text).filter((f) => f.rule === 'self-evaluation.excess-points')).toEqual([])
  })

  it('an 实际完成值 in a unit the rules cannot score against (80人 for ≥95%) says why the row has no 得分; one with a 得分 written by hand is not told', () => {
    const rows = metRows().map((row) => ({ ...row, earned: '' }))
    rows[1] = { actual: '80人', earned: '', deviation: '' }
    const found = runSelfEvaluationChecks(doc({ rows })).filter((f) => f.rule === 'self-evaluation.comparable')
    expect(found.map((f) => [f.severity, f.indicator, f.field, f.message])).toEqual([['warning', 2, 'actual', expect.stringContaining('实际完成值 80人 与年度指标值 ≥95% 的单位不同，无法按规则计分')]])
    rows[1] = { actual: '80人', earned: '10', deviation: '' }
    expect(runSelfEvaluationChecks(doc({ rows })).filter((f) => f.rule === 'self-evaluation.comparable')).toEqual([])
  })

  it('an 实际完成值 of 0.95 with no unit against ≥95% is not scored as 0.95%: the row asks which it is, and no 总分 counts it', () => {
    // A tryout's 0.95 against ≥90% earned 0.13 of 12.5 and a shortfall asking for 偏差原因, nothing about the unit.
    const rows = metRows().map((row) => ({ ...row, earned: '' }))
    rows[1] = { actual: '0.95', earned: '', deviation: '' }
    const found = runSelfEvaluationChecks(doc({ rows })).filter((f) => f.rule === 'self-evaluation.comparable')
    expect(found.map((f) => [f.indicator, f.message])).toEqual([[2, expect.stringContaining('实际完成值 0.95 没有写单位，年度指标值为 ≥95%：是 95% 还是 0.95%？无法按规则计分')]])
    const project = selfEvaluationModel(doc({ rows })).projects[0]!
    expect([project.indicators[1]!.earned, project.earned]).toEqual([null, null])
    // 96 with no unit is 96%, as before.
    rows[1] = { actual: '96', earned: '', deviation: '' }
    expect(runSelfEvaluationChecks(doc({ rows })).filter((f) => f.rule === 'self-evaluation.comparable')).toEqual([])
    expect(selfEvaluationModel(doc({ rows })).projects[0]!.indicators[1]!.earned).toBe(selfEvaluationModel(doc({ rows })).projects[0]!.indicators[1]!.points)
  })

  it('a 全年执行数 written but not a number is an error on its cell', () => {
    const found = runSelfEvaluationChecks(doc({ executed: '1.2.3' })).filter((f) => f.rule === 'self-evaluation.unreadable-funds')
    expect(found.map((f) => [f.severity, f.field, f.message])).toEqual([['error', 'fundsExecuted', expect.stringMatching(/全年执行数“1\.2\.3”不是数字/)]])
  })

  it('figures with their own unit, as the targets’ form takes them (a 预算数 typed “3000元”, carried): read as amounts and scored, no error', () => {
    const text = doc({ initial: '3000元', budget: '3000元', executed: '2850元', rate: '95%', earned: '9.5', total: '99.5' })
    const project = selfEvaluationModel(text).projects[0]!
    expect(project.funds).toMatchObject({ initial: 0.3, budget: 0.3, executed: 0.285, rate: 95, earned: 9.5 })
    expect(project.earned).toBe(99.5)
    expect(runSelfEvaluationChecks(text)).toEqual([])
  })

  it('a form whose figures follow the rules raises nothing', () => {
    expect(runSelfEvaluationChecks(doc())).toEqual([])
  })

  it('预算数 not 财政资金 + 其他资金 (an imported form: 年度资金总额 0, 其中：本年财政拨款 90) is an error saying where to mend it', () => {
    const text = doc()
    const imported = { ...text, projects: [{ ...text.projects[0]!, budgetTotal: '0', budgetFiscal: '90', budgetOther: '' }] }
    const found = runSelfEvaluationChecks(imported).filter((f) => f.rule === 'arithmetic.budget-sum')
    expect(found.map((f) => [f.severity, f.field, f.message])).toEqual([
      ['error', 'budgetTotal', '预算数 0.00 不等于财政资金 90.00 与其他资金 0.00 之和 90.00（万元）：这几格随目标表而来，在此不能修改，请改正目标表，或改正导入的原表后重新导入'],
    ])
  })

  it('a 得分 above its 分值 is an error, and no 总分 or grade counts it until it is mended', () => {
    const rows = metRows()
    rows[4]!.earned = '32'
    expect(rules(doc({ rows, total: '102' }))).toEqual([['self-evaluation.score-above-cap', 5]])
    expect(runSelfEvaluationChecks(doc({ rows, total: '102' }))[0]!.message).toContain('得分 32 分，高于其分值 30 分')
    // A tryout's 15 of 12.5 was added in, and the project read 92.5（优）on the page, the dashboard and in exports.
    const project = selfEvaluationModel(doc({ rows, total: '102' })).projects[0]!
    expect([project.indicators[4]!.earned, project.earned, project.grade]).toEqual([null, null, null])
  })

  it('a 得分 below 0 is an error, and no 总分 or grade counts it until it is mended', () => {
    // A tryout's -2 of 12.5 gave 74.5（中）, on the page, the dashboard and into next year's draft, unflagged.
    const rows = metRows()
    rows[4]!.earned = '-2'
    expect(rules(doc({ rows, total: '68' }))).toEqual([['self-evaluation.score-above-cap', 5]])
    expect(runSelfEvaluationChecks(doc({ rows, total: '68' }))[0]!.message).toContain('得分 -2 分，低于 0 分')
    const project = selfEvaluationModel(doc({ rows, total: '68' })).projects[0]!
    expect([project.indicators[4]!.earned, project.earned, project.grade]).toEqual([null, null, null])
    rows[4]!.earned = '0'
    expect(rules(doc({ rows, total: '70' }))).toEqual([])
  })

  it('a written 总分 other than the 得分 add up to', () => {
    expect(rules(doc({ total: '95' }))).toEqual([['self-evaluation.total', null]])
    expect(runSelfEvaluationChecks(doc({ total: '95' }))[0]!.message).toMatch(/合计为 100 分/)
  })

  it('a 执行率 that does not follow from 执行数 ÷ 预算数 (rounding to 0.01% is none)', () => {
    expect(rules(doc({ executed: '10.00', earned: '8', total: '98', rate: '100%' }))).toEqual([['self-evaluation.execution-rate', null]])
    expect(rules(doc({ executed: '10.00', earned: '8', total: '98', rate: '80.00%' }))).toEqual([])
    expect(rules(doc({ budget: '3', executed: '2', earned: '6.67', total: '96.67', rate: '66.67%' }))).toEqual([])
  })

  it('a blank 全年执行数 is a warning on its cell: the 执行率, its 得分 and the 总分 wait for it', () => {
    const found = runSelfEvaluationChecks(doc({ executed: ' ', earned: '', total: '', rate: '' })).filter((f) => f.rule === 'self-evaluation.blank-executed')
    expect(found.map((f) => [f.severity, f.field, f.message])).toEqual([['warning', 'fundsExecuted', '全年执行数未填：执行率、执行率得分和总分无法计算，请填写（没有支出的填 0）']])
    expect(runSelfEvaluationChecks(doc({ executed: '0', earned: '0', total: '90', rate: '0%' })).filter((f) => f.rule === 'self-evaluation.blank-executed')).toEqual([])
  })

  it('an empty 实际完成情况', () => {
    expect(rules(doc({ achieved: ' ' }))).toEqual([['self-evaluation.achieved', null]])
  })

  it('a shortfall without 偏差原因 — even with the full 得分 written', () => {
    const rows = metRows()
    rows[0]!.actual = '3次'
    rows[0]!.earned = '9.38'
    expect(rules(doc({ rows, total: '96.88' }))).toEqual([['self-evaluation.deviation', 1]])
    rows[0]!.deviation = '下半年疫情停训两次，明年提前安排。'
    expect(rules(doc({ rows, total: '96.88' }))).toEqual([])
  })

  it('a 得分 more generous than its figures: full marks on a missed target, above a 部分达成’s 80%', () => {
    const rows = metRows()
    rows[0] = { actual: '3次', earned: '12.5', deviation: '下半年停训两次。' }
    rows[2] = { actual: '基本达成', earned: '12.5', deviation: '延期半月。' }
    expect(rules(doc({ rows }))).toEqual([['self-evaluation.generous', 1], ['self-evaluation.generous', 3]])
    rows[2]!.earned = '10'
    rows[0]!.earned = '9.38'
    expect(rules(doc({ rows, total: '94.38' }))).toEqual([])
  })

  it('spending above the budget (超支): the 执行率 over 100% earns no more than the 分值, and a warning on the 全年执行数 says it is no merit', () => {
    const text = doc({ budget: '12.5', executed: '15', rate: '120%', earned: '10' })
    expect(runSelfEvaluationChecks(text).map((f) => [f.rule, f.severity, f.project, f.indicator, f.field, f.message])).toEqual([[
      'self-evaluation.overspent', 'warning', 1, null, 'fundsExecuted',
      '项目“基层干部培训经费”全年执行数 15 万元超过全年预算数 12.5 万元（执行率 120%）：超支，执行率超过 100% 不是成绩，预算执行率得分只到分值 10 分为止；应核实执行数，或说明超支原因及预算调整依据',
    ]])
    // The score rule is kept: proportional, never above the 分值.
    expect(selfEvaluationModel(text).projects[0]!.funds).toMatchObject({ rate: 120, earned: 10, points: 10 })
    // Spending the budget exactly, or an unreadable figure, is not 超支.
    expect(rules(doc({ budget: '12.5', executed: '12.50' }))).toEqual([])
    expect(rules(doc({ budget: '', executed: '15', rate: '', earned: '', total: '' })).filter(([rule]) => rule === 'self-evaluation.overspent')).toEqual([])
  })
})
