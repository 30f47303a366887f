/**
 * Each rule: cases that must fire and cases that must not. Every case
 * starts from a table that passes every rule (check-fixtures.ts) and
 * spoils one thing.
 */
import { describe, expect, it } from 'vitest'
import { goodIndicators, projectInput, withIndicator } from '../../../test/support/check-fixtures'
import type { BudgetDocument } from '../../model/budget-document'
import { checkProject } from '../run-checks'
import type { ProjectInput, ProjectRule } from '../rule'
import { budgetSum, codeShape, duplicateCodes } from './arithmetic'
import { overallCompleteness, projectCompleteness } from './completeness'
import { hygiene } from './hygiene'
import { hasBenefit, levelsMatch, outputCoverage, satisfaction } from './indicator-structure'
import { misfiled } from './misfiled'
import { quantification } from './quantification'
import { spendingPlan } from './spending-plan'

const run = (rule: ProjectRule, input: ProjectInput) => rule.check(input)

describe('the good table', () => {
  it('passes every project rule', () => {
    expect(checkProject(projectInput())).toEqual([])
  })
})

describe('completeness', () => {
  it('fires for each missing field, naming it', () => {
    const findings = run(projectCompleteness, projectInput({ code: '', usage: ' ', goal: '', budgetTotal: '', indicators: withIndicator(0, { value: '' }) }))
    expect(findings.map((f) => [f.field, f.severity])).toEqual([
      ['code', 'error'], ['budgetTotal', 'error'], ['usage', 'error'], ['goal', 'error'], ['value', 'error'],
    ])
    expect(findings.at(-1)).toMatchObject({ indicator: 1, project: 1 })
    expect(run(projectCompleteness, projectInput({ indicators: [] }))[0]!.message).toContain('没有任何绩效指标')
    expect(run(projectCompleteness, projectInput({ spendingPlan: [{ label: '12月底', percent: '' }] }))).toHaveLength(1)
  })

  it('does not fire for an empty 其他资金', () => {
    expect(run(projectCompleteness, projectInput({ budgetOther: '', budgetTotal: '10.00' }))).toEqual([])
  })

  it('checks Part 1', () => {
    const doc = { title: '某部门', year: 2023, preparedBy: '', reviewedBy: '', overall: { goals: [''], subGoals: [{ title: '（一）甲', duty: '', target: '做好' }], safeguards: [] }, projects: [] } as BudgetDocument
    expect(overallCompleteness.check(doc).map((f) => f.message)).toEqual(['第一部分缺少总体绩效目标', '分项“（一）甲”缺少职责描述', '第一部分缺少工作保障措施'])
    expect(overallCompleteness.check({ ...doc, overall: { goals: ['一是。'], subGoals: [], safeguards: ['（一）措施。'] } })).toEqual([])
  })
})

describe('arithmetic', () => {
  it('fires when 预算数 is not 财政资金 + 其他资金', () => {
    const [finding] = run(budgetSum, projectInput({ budgetTotal: '12.00' }))
    expect(finding).toMatchObject({ severity: 'error', field: 'budgetTotal' })
    expect(finding!.message).toContain('12.50')
  })

  it('counts an empty 其他资金 as 0 and allows rounding within a cent', () => {
    expect(run(budgetSum, projectInput({ budgetTotal: '10.00', budgetOther: '' }))).toEqual([])
    expect(run(budgetSum, projectInput({ budgetTotal: '12.504' }))).toEqual([])
    expect(run(budgetSum, projectInput({ budgetTotal: '1,234.50', budgetFiscal: '1,234.50', budgetOther: '' }))).toEqual([])
  })

  it('reports a figure that is not a number instead of adding it', () => {
    const findings = run(budgetSum, projectInput({ budgetFiscal: '十万' }))
    expect(findings).toEqual([expect.objectContaining({ field: 'budgetFiscal', severity: 'error', message: '财政资金“十万”不是数字' })])
  })

  const doc = (codes: string[], year = 2023) => ({ year, projects: codes.map((code) => ({ code })) }) as unknown as BudgetDocument

  it('finds duplicate 项目编码', () => {
    expect(duplicateCodes.check(doc(['A1', 'B2', 'A1'])).map((f) => [f.project, f.message])).toEqual([[3, '项目编码 A1 与第 1 个项目重复']])
    expect(duplicateCodes.check(doc(['A1', 'B2', '']))).toEqual([])
  })

  it('warns about an unusual 项目编码 shape or year, and accepts the observed ones', () => {
    expect(codeShape.check(doc(['13030323P00404010001D', '13030323P004039100019']))).toEqual([])
    expect(codeShape.check(doc(['P-001'])).map((f) => f.severity)).toEqual(['warning'])
    expect(codeShape.check(doc(['13030322P00404010001D']))[0]!.message).toContain('年度 22')
  })
})

describe('spending plan', () => {
  const plan = (...percents: string[]) => projectInput({ spendingPlan: percents.map((percent, i) => ({ label: `${i + 1}月底`, percent })) })

  it('fires for values outside 0–100, decreasing values, a last value other than 100, and non-numbers', () => {
    expect(run(spendingPlan, plan('30%', '20%', '100%')).map((f) => f.message)).toEqual([expect.stringContaining('不应低于')])
    expect(run(spendingPlan, plan('25%', '120%'))[0]!.message).toContain('0 到 100%')
    expect(run(spendingPlan, plan('25%', '90%'))[0]!.message).toContain('应为 100%')
    expect(run(spendingPlan, plan('二成', '100%'))[0]!.message).toContain('不是百分数')
  })

  it('accepts a plan that rises to 100, with or without % signs and with equal steps', () => {
    expect(run(spendingPlan, plan('25', '25%', '１００％'))).toEqual([])
  })
})

describe('indicator structure', () => {
  it('fires when a 二级 is filed under another 一级 (error), or a label is not in the taxonomy (warning)', () => {
    expect(run(levelsMatch, projectInput({ indicators: withIndicator(0, { level1: '效益指标' }) }))).toEqual([
      expect.objectContaining({ severity: 'error', indicator: 1, field: 'level2' }),
    ])
    expect(run(levelsMatch, projectInput({ indicators: withIndicator(0, { level2: '其他指标' }) }))[0]!.severity).toBe('warning')
  })

  it('accepts aliases and the 101号 layout where 成本指标 is its own 一级', () => {
    expect(run(levelsMatch, projectInput({ indicators: withIndicator(2, { level2: '进度指标' }) }))).toEqual([])
    const layout101 = withIndicator(3, { level1: '成本指标', level2: '经济成本指标' })
    expect(run(levelsMatch, projectInput({ indicators: layout101 }))).toEqual([])
    expect(run(outputCoverage, projectInput({ indicators: layout101 }))).toEqual([])
  })

  it('wants 产出 to cover 数量, 质量, 时效 and 成本', () => {
    const [finding] = run(outputCoverage, projectInput({ indicators: goodIndicators().filter((i) => i.level2 !== '时效指标' && i.level2 !== '成本指标') }))
    expect(finding).toMatchObject({ severity: 'warning' })
    expect(finding!.message).toContain('时效指标、成本指标')
  })

  it('wants at least one 效益 indicator', () => {
    expect(run(hasBenefit, projectInput({ indicators: goodIndicators().filter((i) => i.level1 !== '效益指标') }))).toHaveLength(1)
    expect(run(hasBenefit, projectInput())).toEqual([])
  })

  it('suggests a 满意度 indicator (info) only where the project serves people', () => {
    const noSatisfaction = goodIndicators().filter((i) => i.level1 !== '满意度指标')
    expect(run(satisfaction, projectInput({ indicators: noSatisfaction, goal: '为困难群众发放补助。' }))[0]!.severity).toBe('info')
    expect(run(satisfaction, projectInput({ indicators: noSatisfaction, name: '办公楼维修', usage: '维修屋顶。', goal: '完成维修。' }))).toEqual([])
  })
})

describe('quantification', () => {
  const value = (row: number, change: Parameters<typeof withIndicator>[1]) => run(quantification, projectInput({ indicators: withIndicator(row, change) }))

  it('fires for a 数量指标 without a number', () => {
    expect(value(0, { value: '开展宣传情况' })[0]!.message).toContain('数量指标应写明数量')
  })

  it('fires for placeholders where a target belongs', () => {
    for (const placeholder of ['是/否', '≥**%', 'XX', '★']) expect(value(1, { value: placeholder })[0]!.message).toContain('占位')
  })

  it('notes qualitative values under 数量/质量/成本 (尽量定量表述), not under 效益', () => {
    expect(value(1, { value: '优良' })[0]).toMatchObject({ severity: 'info' })
    expect(value(4, { value: '显著提升' })).toEqual([])
  })

  it('fires for a rate without its % sign, and for odd percentages', () => {
    expect(value(1, { value: '≥90' })[0]!.message).toContain('≥90%')
    expect(value(1, { value: '≥100%' })[0]!.message).toContain('=100%')
    expect(value(1, { value: '120%' })[0]!.severity).toBe('warning')
    expect(value(0, { value: '≥90' })).toEqual([]) // 培训场次 is a count, not a rate
  })
})

describe('misfiled', () => {
  it('fires for a timeliness or rate indicator under 成本指标', () => {
    const [finding] = run(misfiled, projectInput({ indicators: withIndicator(3, { level3: '资金支付及时率', description: '资金支付及时率' }) }))
    expect(finding!.message).toContain('成本指标')
    expect(run(misfiled, projectInput({ indicators: withIndicator(3, { level3: '预算控制率' }) }))).toEqual([])
  })

  it('fires for fund spending filed as an effect', () => {
    expect(run(misfiled, projectInput({ indicators: withIndicator(4, { level3: '资金使用效益', description: '资金支出情况' }) }))).toHaveLength(1)
  })

  it('fires for 时效 values that are not a time, deadline or rate', () => {
    expect(run(misfiled, projectInput({ indicators: withIndicator(2, { value: '严格按要求发放' }) }))).toHaveLength(1)
    for (const ok of ['≤10个工作日', '100%', '2023.07-2024.01', '12月底前', '30天']) {
      expect(run(misfiled, projectInput({ indicators: withIndicator(2, { value: ok }) })), ok).toEqual([])
    }
  })
})

describe('hygiene', () => {
  it('notes a description copied from the name, a repeated 三级, an empty 依据', () => {
    const indicators = withIndicator(1, { level3: '培训场次', description: '培训场次', basis: '' })
    expect(run(hygiene, projectInput({ indicators })).map((f) => [f.indicator, f.field, f.severity])).toEqual([
      [2, 'description', 'info'],
      [2, 'level3', 'warning'],
      [2, 'basis', 'warning'],
    ])
  })
})
