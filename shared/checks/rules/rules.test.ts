/**
 * Each rule: cases that must fire and cases that must not. Every case
 * starts from a table that passes every rule (check-fixtures.ts) and
 * spoils one thing.
 */
import { describe, expect, it } from 'vitest'
import { goodIndicators, goodProject, projectInput, withIndicator } from '../../../test/support/check-fixtures'
import type { BudgetDocument } from '../../model/budget-document'
import { checkProject } from '../run-checks'
import type { ProjectInput, ProjectRule } from '../rule'
import { budgetSum, codeShape, duplicateCodes } from './arithmetic'
import { overallCompleteness, projectCompleteness } from './completeness'
import { halfDecided } from './half-decided'
import { hygiene } from './hygiene'
import { hasBenefit, hasOutput, levelsMatch, outputCoverage, satisfaction } from './indicator-structure'
import { cost } from './cost'
import { dates } from './dates'
import { processMeasures } from './process-measures'
import { copiedRows, goalIsUsage, partOneCoverage, unrelated } from './relevance'
import { modelFromText } from '../../model/derive-model'
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
    const doc = { kind: 'targets', title: '某部门', year: 2023, preparedBy: '', reviewedBy: '', overall: { goals: [''], subGoals: [{ title: '（一）甲', duty: '', target: '做好' }], safeguards: [] }, projects: [] } as BudgetDocument
    expect(overallCompleteness.check(doc).map((f) => f.message)).toEqual([
      '第一部分缺少总体绩效目标', '分项“（一）甲”缺少职责描述', '第一部分缺少工作保障措施', '文档中没有任何项目的绩效目标表：第二部分至少应有一个项目',
    ])
    expect(overallCompleteness.check({ ...doc, overall: { goals: ['一是。'], subGoals: [], safeguards: ['（一）措施。'] }, projects: [projectInput().model] })).toEqual([])
  })
})

describe('arithmetic', () => {
  it('fires when 预算数 is not 财政资金 + 其他资金', () => {
    const [finding] = run(budgetSum, projectInput({ budgetTotal: '12.00' }))
    expect(finding).toMatchObject({ severity: 'error', field: 'budgetTotal' })
    expect(finding!.message).toContain('12.50')
  })

  it('counts an empty 其他资金 as 0', () => {
    expect(run(budgetSum, projectInput({ budgetTotal: '10.00', budgetOther: '' }))).toEqual([])
    expect(run(budgetSum, projectInput({ budgetTotal: '1,234.50', budgetFiscal: '1,234.50', budgetOther: '' }))).toEqual([])
  })

  it('adds to the 0.01 元 the figures are kept in, and quotes each as written: 40 元 is a difference, not rounding', () => {
    expect(run(budgetSum, projectInput({ budgetTotal: '12.504' }))).toEqual([
      expect.objectContaining({ field: 'budgetTotal', severity: 'error', message: '预算数 12.504 不等于财政资金 10.00 与其他资金 2.50 之和 12.50（万元）' }),
    ])
    expect(run(budgetSum, projectInput({ moneyUnit: '单位：元', budgetTotal: '125,040', budgetFiscal: '100,000.00', budgetOther: '25,000' }))).toEqual([
      // Quoted in the table's unit, as its cells read (a tryout found 18.5093 万元 quoted beside cells of 185,093 元).
      expect.objectContaining({ message: '预算数 125,040 不等于财政资金 100,000 与其他资金 25,000 之和 125,000（元）' }),
    ])
    expect(run(budgetSum, projectInput({ moneyUnit: '单位：元', budgetTotal: '125,000.01', budgetFiscal: '100,000.01', budgetOther: '25,000' }))).toEqual([])
  })

  it('reports a figure that is not a number instead of adding it', () => {
    const findings = run(budgetSum, projectInput({ budgetFiscal: '约十万' }))
    expect(findings).toEqual([expect.objectContaining({ field: 'budgetFiscal', severity: 'error', message: '财政资金“约十万”不是数字' })])
  })

  it('adds an amount written in Chinese numerals as what it says (money-units notes the writing)', () => {
    expect(run(budgetSum, projectInput({ budgetTotal: '十二万五千元', budgetFiscal: '十万元', budgetOther: '2.50' }))).toEqual([])
  })

  it('half-decided replacements: fires for two figures run together, once, naming both; not for figures as people write them', () => {
    const findings = checkProject(projectInput({ budgetTotal: '12.5012.00' }))
    expect(findings.filter((f) => f.field === 'budgetTotal')).toEqual([
      expect.objectContaining({ rule: 'review.half-decided', severity: 'error', message: '预算数“12.5012.00”不是一个数，是两个数连在一起（12.50 与 12.00）：可能是两人同时修改了同一格，或只接受了一半的修订，请核对后改为一个数' }),
    ])
    expect(run(halfDecided, projectInput({ budgetFiscal: '１０．００１２．００', budgetOther: '2.502.60' }))).toEqual([expect.objectContaining({ field: 'budgetFiscal' }), expect.objectContaining({ field: 'budgetOther' })])
    const plan = [{ label: '3月底', percent: '25%' }, { label: '6月底', percent: '50%60%' }, { label: '12月底', percent: '100%' }]
    expect(checkProject(projectInput({ spendingPlan: plan })).filter((f) => f.field === 'spendingPlan').map((f) => f.rule)).toEqual(['review.half-decided'])
    for (const written of ['12.50', '1,234.50', '12.5', '十万', '', '—', '10万元', '12.504']) {
      expect(run(halfDecided, projectInput({ budgetTotal: written, budgetFiscal: written }))).toEqual([])
    }
    expect(run(halfDecided, projectInput())).toEqual([])
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

  it('says once, for the document, that every carried-over 项目编码 is of last year (next year’s draft)', () => {
    const carried = codeShape.check(doc(['13030322P00404010001D', '13030322P004039100019', '13030322P004039100027']))
    expect(carried.map((f) => [f.project, f.severity])).toEqual([[null, 'warning']])
    expect(carried[0]!.message).toBe('第 1、2、3 个项目的项目编码年度为 22，与文本年度 2023 不一致：延续上年的项目，请换用本年度预算系统中的项目编码')
    // Codes of different years are each their own question.
    expect(codeShape.check(doc(['13030321P00404010001D', '13030322P004039100019'])).map((f) => f.project)).toEqual([1, 2])
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

  it('wants at least one 产出 indicator', () => {
    expect(run(hasOutput, projectInput({ indicators: goodIndicators().filter((i) => i.level1 !== '产出指标') }))).toHaveLength(1)
    expect(run(hasOutput, projectInput())).toEqual([])
  })

  it('wants a 满意度 indicator where the money serves people, decided by what the money is for', () => {
    const noSatisfaction = goodIndicators().filter((i) => i.level1 !== '满意度指标')
    const fires = (project: Parameters<typeof projectInput>[0]) => run(satisfaction, projectInput({ indicators: noSatisfaction, ...project }))
    expect(fires({ usage: '为困难群众发放生活补助。' })[0]!.severity).toBe('warning')
    expect(fires({ name: '司法救助经费', usage: '对符合条件的申请人发放司法救助费' })).toHaveLength(1)
    // A 补助 that pays the department's own contract staff, and patrol wages whose goal mentions 群众: no service to ask about.
    expect(fires({ name: '人事代理专项补助', usage: '用于支付人事代理人员工资和保险' })).toEqual([])
    expect(fires({ name: '铁路护路联防工作经费', usage: '保障日常工作运转和支付聘用人员劳务费', goal: '保障铁路沿线人民群众生命安全。' })).toEqual([])
    expect(fires({ name: '办公楼维修', usage: '维修屋顶。', goal: '完成维修。' })).toEqual([])
  })
})

describe('quantification', () => {
  const value = (row: number, change: Parameters<typeof withIndicator>[1]) => run(quantification, projectInput({ indicators: withIndicator(row, change) }))

  it('fires for a 数量指标 without a number', () => {
    expect(value(0, { value: '开展宣传情况' })[0]!.message).toContain('数量指标应写明数量')
  })

  it('fires for placeholders where a target belongs: the document would be returned (error)', () => {
    for (const placeholder of ['是/否', '≥**%', 'XX', '★']) expect(value(1, { value: placeholder })[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('占位') })
  })

  it('fires for a value copied from the indicator’s own name or description', () => {
    expect(value(0, { value: '全年组织培训的场次' })[0]!.message).toContain('照抄')
    expect(value(0, { value: '≥4次' })).toEqual([])
  })

  it('notes qualitative values under 数量/质量 (尽量定量表述)', () => {
    expect(value(1, { level3: '培训质量', value: '优良' })[0]).toMatchObject({ severity: 'info' })
  })

  it('warns for a rate written as a sentence, proposing the form', () => {
    const [finding] = value(1, { value: '开展教育转化回头看工作' })
    expect(finding).toMatchObject({ severity: 'warning' })
    expect(finding!.message).toContain('不是比率：应填写如“≥90%”')
  })

  it('wants a count with its unit, proposing it from the name', () => {
    expect(value(0, { value: '4' })[0]!.message).toContain('没有计量单位：应填写如“≥4场次”')
    expect(value(0, { level3: '救助对象', value: '1' })[0]!.message).toContain('应填写如“≥1次”“1人”')
    for (const counted of ['≥4次', '1人', '≥4场次']) expect(value(0, { value: counted }), counted).toEqual([])
  })

  it('fires for effects that cannot be measured, not for a checkable effect in words', () => {
    for (const vague of ['进一步保障', '进一步推动工作落实', '有所提升', '显著提升']) expect(value(4, { value: vague })[0], vague).toMatchObject({ severity: 'warning', message: expect.stringContaining('无法衡量') })
    for (const checkable of ['全年无精神障碍患者肇事肇祸事件', '≥80%']) expect(value(4, { value: checkable }), checkable).toEqual([])
  })

  it('fires for a rate without its % sign, and for odd percentages', () => {
    expect(value(1, { value: '≥90' })[0]!.message).toContain('≥90%')
    expect(value(1, { value: '≥100%' })[0]!.message).toContain('=100%')
    expect(value(1, { value: '120%' })[0]!.severity).toBe('warning')
    expect(value(0, { value: '≥90' })[0]!.message).not.toContain('%') // 培训场次 is a count, not a rate
  })
})

describe('misfiled', () => {
  it('fires for a timeliness or rate indicator under 成本指标', () => {
    const [finding] = run(misfiled, projectInput({ indicators: withIndicator(3, { level3: '培训完成及时率', description: '按时完成的培训比例' }) }))
    expect(finding!.message).toContain('成本指标')
    expect(run(misfiled, projectInput({ indicators: withIndicator(3, { level3: '预算控制率' }) }))).toEqual([])
  })

  it('fires for a rate under 数量指标 and a date under 质量指标', () => {
    expect(run(misfiled, projectInput({ indicators: withIndicator(0, { level3: '培训覆盖率', value: '≥90%' }) }))[0]!.message).toContain('比率')
    expect(run(misfiled, projectInput({ indicators: withIndicator(1, { value: '2023年6月底前' }) }))[0]!.message).toContain('时效指标')
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
      [2, 'level3', 'warning'],
      [2, 'basis', 'warning'],
      [2, 'description', 'info'],
    ])
  })

  it('notes descriptions copied from names once per table', () => {
    const indicators = goodIndicators().map((i) => ({ ...i, description: i.level3 }))
    const notes = run(hygiene, projectInput({ indicators }))
    expect(notes).toHaveLength(1)
    expect(notes[0]!.message).toContain('第 1、2、3、4、5、6 行')
  })

  it('names the rows without a 依据 once per table; a form from another region without that column is left alone', () => {
    const indicators = goodIndicators().map((i, n) => (n < 3 ? { ...i, basis: '' } : i))
    const [finding, ...rest] = run(hygiene, projectInput({ indicators }))
    expect(rest).toEqual([])
    expect(finding).toMatchObject({ severity: 'warning', indicator: 1, field: 'basis' })
    expect(finding!.message).toContain('第 1、2、3 行未填写指标值确定依据')
    const details = { department: '某局', implementer: '', manager: '', period: '', periodGoal: '' }
    expect(run(hygiene, projectInput({ details, indicators: goodIndicators().map((i) => ({ ...i, basis: '' })) }))).toEqual([])
    expect(run(hygiene, projectInput({ indicators: goodIndicators().map((i) => ({ ...i, basis: '' })) }))).toHaveLength(1)
  })
})

describe('budget-process measures (misfiled.process-measure)', () => {
  it('fire for 资金到位率, 资金支付及时率, 预算执行率 and 资金使用效益 under 产出 or 效益, once per heading', () => {
    const indicators = [
      ...withIndicator(1, { level3: '资金到位率', description: '资金到位率', value: '≥90%' }).slice(0, 2),
      { ...goodIndicators()[2]!, level3: '资金支付及时率', description: '资金支付及时率', value: '100%' },
      ...goodIndicators().slice(3, 4),
      { ...goodIndicators()[4]!, level3: '资金使用效益', description: '资金支出情况', value: '按要求支出' },
      ...goodIndicators().slice(5),
    ]
    const findings = run(processMeasures, projectInput({ indicators }))
    expect(findings.map((f) => [f.indicator, f.message.split('：')[0]])).toEqual([
      [2, '“资金到位率”“资金支付及时率”（第 2、3 行）是预算执行过程指标，不是产出'],
      [5, '“资金使用效益”是预算执行过程指标，不是效益'],
    ])
  })

  it('do not fire for results or for a cost control written in words', () => {
    expect(run(processMeasures, projectInput())).toEqual([])
    expect(run(processMeasures, projectInput({ indicators: withIndicator(3, { value: '按要求支出' }) }))).toEqual([])
  })
})

describe('cost', () => {
  const costValue = (value: string, change: Parameters<typeof withIndicator>[1] = {}) => run(cost, projectInput({ indicators: withIndicator(3, { value, ...change }) }))

  it('fires for a cost target that is not an amount (warning) and one above the 预算数 (error)', () => {
    for (const words of ['按要求支出', '控制在预算内', '≤100%']) expect(costValue(words)[0], words).toMatchObject({ severity: 'warning', message: expect.stringContaining('不是金额') })
    expect(costValue('≤15万元')[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('超过了项目预算数 12.50 万元') })
    expect(costValue('≤130000元')[0]!.severity).toBe('error')
  })

  it('does not fire for an amount within the budget, a per-unit cost, or a template leftover (quantification’s)', () => {
    for (const ok of ['≤10万元', '≤125000元', '1600元/亩', '是/否', '12万']) expect(costValue(ok), ok).toEqual([])
  })

  it('reads both layouts: 成本 under 产出, and 成本指标 as its own 一级 (财预〔2021〕101号)', () => {
    expect(costValue('≤20万元', { level1: '成本指标', level2: '经济成本指标' })[0]!.severity).toBe('error')
    expect(costValue('≤8万元', { level1: '成本指标', level2: '社会成本指标' })).toEqual([])
  })
})

describe('dates', () => {
  it('fires for a deadline after the budget year, and a spending plan out of order or outside the year', () => {
    expect(run(dates, projectInput({ indicators: withIndicator(2, { value: '2024年12月底前' }) }))[0]).toMatchObject({ severity: 'error', indicator: 3 })
    const backwards = [{ label: '6月底', percent: '50%' }, { label: '3月底', percent: '75%' }, { label: '12月底', percent: '100%' }]
    expect(run(dates, projectInput({ spendingPlan: backwards }))[0]!.message).toContain('先后')
    expect(run(dates, projectInput({ spendingPlan: [{ label: '2024年3月底', percent: '100%' }] }))[0]!.message).toContain('不在预算年度')
    expect(run(dates, projectInput({ spendingPlan: [{ label: '13月底', percent: '100%' }] }))[0]!.message).toContain('月份')
  })

  it('does not fire for deadlines and plans within the year, or when the year is unknown', () => {
    expect(run(dates, projectInput())).toEqual([])
    expect(run(dates, projectInput({ indicators: withIndicator(2, { value: '2024年12月底前' }) }, 1, null))).toEqual([])
    expect(run(dates, projectInput({ spendingPlan: [{ label: '2023年6月', percent: '50%' }, { label: '2023年12月', percent: '100%' }] }))).toEqual([])
  })

  it('fires for a 时效 deadline wholly in an earlier year, proposing one in the year', () => {
    const [finding] = run(dates, projectInput({ indicators: withIndicator(2, { value: '2022年12月底前' }) }))
    expect(finding).toMatchObject({ severity: 'error', indicator: 3, field: 'value' })
    expect(finding!.message).toContain('早于预算年度 2023 年：应填写如“2023年12月底前”')
  })

  it('leaves a period starting earlier and a comparison year outside 时效 alone', () => {
    expect(run(dates, projectInput({ indicators: withIndicator(2, { value: '2022.07-2023.06' }) }))).toEqual([])
    expect(run(dates, projectInput({ indicators: withIndicator(4, { value: '较2022年提高5%' }) }))).toEqual([])
  })

  it('respects a declared 实施期 that crosses the year, and no further', () => {
    const details = { department: '', implementer: '', manager: '', period: '2023.07-2024.01', periodGoal: '' }
    expect(run(dates, projectInput({ details, indicators: withIndicator(2, { value: '2023.07-2024.01' }) }))).toEqual([])
    const [beyond] = run(dates, projectInput({ details, indicators: withIndicator(2, { value: '2025年6月底前' }) }))
    expect(beyond!.message).toContain('晚于实施期（2023.07-2024.01）结束的 2024 年')
  })

  it('fires for a 实施期 that ended before the year (last year’s form carried into next year’s draft), not for one running into it', () => {
    const period = (text: string) => ({ department: '', implementer: '', manager: '', period: text, periodGoal: '' })
    const [ended] = run(dates, projectInput({ details: period('2022年1月-2022年12月') }))
    expect(ended).toMatchObject({ severity: 'error', indicator: null })
    expect(ended!.message).toBe('实施期“2022年1月-2022年12月”在预算年度 2023 年之前已经结束：应填写本年度的实施期，如“2023年1月-2023年12月”')
    expect(run(dates, projectInput({ details: period('2022.07-2023.06') }))).toEqual([])
    expect(run(dates, projectInput({ details: period('2023年1月-2023年12月') }))).toEqual([])
  })
})

describe('relevance', () => {
  const insurance = { name: '车辆保险费', usage: '为政法业务顺利开展提供车辆保证。', goal: '为政法业务顺利开展提供车辆保证。', budgetTotal: '0.40', budgetFiscal: '0.40', budgetOther: '' }

  it('fires for indicators of work on a project that buys a thing, naming what the money is for', () => {
    const indicators = withIndicator(0, { level3: '监督检查次数', description: '监督检查次数', value: '≥4次' })
    const [finding] = run(unrelated, projectInput({ ...insurance, indicators }))
    expect(finding).toMatchObject({ severity: 'warning', indicator: 1 })
    expect(finding!.message).toContain('车辆保险费')
  })

  it('does not fire for what the money buys, or on projects of work', () => {
    expect(run(unrelated, projectInput({ ...insurance, indicators: withIndicator(0, { level3: '投保车辆数', description: '参保的公务车辆', value: '2辆' }) }))).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ indicator: 1 })]),
    )
    expect(run(unrelated, projectInput())).toEqual([])
  })

  it('fires when the 绩效目标 only repeats the 资金用途', () => {
    expect(run(goalIsUsage, projectInput(insurance))).toHaveLength(1)
    expect(run(goalIsUsage, projectInput())).toEqual([])
  })

  it('reports a row copied into three or more tables once, naming the tables', () => {
    const doc = (tables: number) => ({ ...modelFromText({ title: '', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects: Array.from({ length: tables }, () => goodProject()) }) })
    const findings = copiedRows.check(doc(3))
    // Not the deadline (row 3) and the 满意度 (row 6): every project may share those.
    expect(findings.map((f) => f.indicator)).toEqual([1, 2, 4, 5])
    expect(findings[0]!.message).toContain('项目 1、2、3')
    expect(copiedRows.check(doc(2))).toEqual([])
  })

  it('does not report again rows each table’s own rules report (是/否, process measures)', () => {
    const inThree = (indicators: ReturnType<typeof goodIndicators>) =>
      modelFromText({ title: '', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects: [1, 2, 3].map(() => goodProject({ indicators })) })
    expect(copiedRows.check(inThree(withIndicator(3, { value: '是/否' }))).map((f) => f.indicator)).toEqual([1, 2, 5])
    expect(copiedRows.check(inThree(withIndicator(1, { level3: '资金支付及时率', description: '资金支付及时率', value: '100%' }))).map((f) => f.indicator)).toEqual([1, 4, 5])
  })
})

describe('Part 1 served by the projects', () => {
  const doc = (subGoals: string[]) => ({
    ...modelFromText({ title: '某部门', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: ['一是。'], subGoals: subGoals.map((title) => ({ title, duty: '职责', target: '目标' })), safeguards: ['措施'], projects: [goodProject()] }),
  })

  it('notes a 分项 no project serves', () => {
    const [finding] = partOneCoverage.check(doc(['（一）基层干部培训', '（二）档案数字化工作']))
    expect(finding).toMatchObject({ severity: 'info', project: null, message: expect.stringContaining('（二）档案数字化工作') })
  })

  it('does not fire when every 分项 has a project', () => {
    expect(partOneCoverage.check(doc(['（一）基层干部培训工作']))).toEqual([])
  })
})

describe('values people write', () => {
  it('reads —, -, /, 无 and 0 in 其他资金 as none, and a plan written as fractions as percentages', () => {
    for (const none of ['—', '-', '/', '无', '0', '0.00']) expect(run(budgetSum, projectInput({ budgetTotal: '10.00', budgetOther: none })), none).toEqual([])
    const fractions = [{ label: '3月底', percent: '0.25' }, { label: '6月底', percent: '0.5' }, { label: '10月底', percent: '0.75' }, { label: '12月底', percent: '1' }]
    expect(run(spendingPlan, projectInput({ spendingPlan: fractions }))).toEqual([])
    expect(projectInput({ spendingPlan: fractions }).model.spendingPlan.map((e) => e.percent)).toEqual([25, 50, 75, 100])
  })
})

describe('a single project’s form from another region', () => {
  const details = { department: '湘潭市城市管理和综合执法局', implementer: '', manager: '', period: '2023.07-2024.01', periodGoal: '' }
  const form = projectInput({ details, unitCode: '', unitName: '', code: '', usage: '', spendingPlan: [] })

  it('is judged against the fields its layout has: no 预算单位, 项目编码, 资金用途 or 资金支出计划 to miss', () => {
    expect(form.model.layout).toBe('project-form')
    expect(run(projectCompleteness, form)).toEqual([])
    expect(run(projectCompleteness, projectInput({ details, name: '', budgetTotal: '' })).map((f) => f.field)).toEqual(['name', 'budgetTotal'])
  })

  it('has no 第一部分 to miss when the document is only such forms; the department’s table still needs them', () => {
    const doc = { kind: 'targets', title: '湘潭市环境卫生管理处', year: 2023, preparedBy: '', reviewedBy: '', overall: { goals: [], subGoals: [], safeguards: [] }, projects: [form.model] } as BudgetDocument
    expect(overallCompleteness.check(doc)).toEqual([])
    expect(overallCompleteness.check({ ...doc, year: null })).toHaveLength(1)
    expect(overallCompleteness.check({ ...doc, projects: [form.model, projectInput().model] }).map((f) => f.message)).toContain('第一部分缺少总体绩效目标')
    expect(run(projectCompleteness, projectInput({ code: '', usage: '' })).map((f) => f.field)).toEqual(['code', 'usage'])
  })
})
