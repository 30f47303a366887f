import { describe, expect, it } from 'vitest'
import type { DocumentText } from '../model/document-text'
import { modelFromText } from '../model/derive-model'
import { documentText, indicator, project } from '../../support/document-builder'
import { selfEvaluationModel } from '../self-evaluation/self-evaluation-model'
import { lastYearResultsOf, resultsApplication, UNMET_TARGET_CARRIED, WEAK_PROJECT_GROWS } from './results-application'

const funds = (budget: string, executed: string) => ({ initial: budget, budget, executed, rate: '', points: '', earned: '' })

/** Last year's targets for one project and its 自评 with these actuals and funds. */
function lastYear(actuals: [string, string, string], executed = '100', code = 'P1') {
  const targets = documentText(project({ code, name: '社区矫正经费', budgetTotal: '100' },
    indicator({ level1: '产出指标', level3: '培训次数', value: '≥10次' }),
    indicator({ level1: '效益指标', level3: '结案率', value: '≥90%' }),
    indicator({ level1: '满意度指标', level3: '满意度', value: '≥90%' })))
  const text: DocumentText = {
    ...targets,
    kind: 'self-evaluation',
    projects: targets.projects.map((p) => ({
      ...p, funds: funds('100', executed), achieved: '完成',
      indicators: p.indicators.map((i, n) => ({ ...i, actual: actuals[n]!, earned: '', deviation: '' })),
    })),
  }
  return lastYearResultsOf(selfEvaluationModel(text))
}

/** Next year's draft of the same project. */
const draft = (fields: { code?: string; name?: string; budgetTotal?: string; 结案率?: string; 培训次数?: string } = {}) =>
  modelFromText(documentText(project({ code: fields.code ?? 'P1', name: fields.name ?? '社区矫正经费', budgetTotal: fields.budgetTotal ?? '100' },
    indicator({ level1: '产出指标', level3: '培训次数', value: fields.培训次数 ?? '≥10次' }),
    indicator({ level1: '效益指标', level3: '结案率', value: fields.结案率 ?? '≥90%' }),
    indicator({ level1: '满意度指标', level3: '满意度', value: '≥90%' }))))

describe('结果应用 checks of next year’s draft', () => {
  it('notes an indicator that missed its target last year and is carried unchanged, naming the project, the indicator and the actual', () => {
    const findings = resultsApplication(draft(), lastYear(['12次', '81%', '95%']))
    expect(findings).toEqual([expect.objectContaining({ rule: UNMET_TARGET_CARRIED, severity: 'warning', project: 1, indicator: 2, field: 'value' })])
    expect(findings[0]!.message).toContain('社区矫正经费')
    expect(findings[0]!.message).toContain('结案率')
    expect(findings[0]!.message).toContain('81%')
  })

  it('says nothing where the target was met, or where the draft changed the missed target', () => {
    expect(resultsApplication(draft(), lastYear(['12次', '92%', '95%']))).toEqual([])
    expect(resultsApplication(draft({ 结案率: '≥85%' }), lastYear(['12次', '81%', '95%']))).toEqual([])
  })

  it('a 得分 written below its 分值 where the 实际完成值 met the target is no missed target (the sentence contradicted its figures)', () => {
    const met = lastYear(['12次', '95%', '95%'])
    met[0]!.indicators[1] = { ...met[0]!.indicators[1]!, earned: 20 }
    expect(resultsApplication(draft(), met)).toEqual([])
    const missed = lastYear(['12次', '81%', '95%'])
    missed[0]!.indicators[1] = { ...missed[0]!.indicators[1]!, earned: 20 }
    expect(resultsApplication(draft(), missed)).toHaveLength(1)
  })

  it('matches by 项目名称 when the 项目编码 changed, and not a project that is new', () => {
    expect(resultsApplication(draft({ code: 'P9' }), lastYear(['12次', '81%', '95%']))).toHaveLength(1)
    expect(resultsApplication(draft({ code: 'P9', name: '新项目' }), lastYear(['12次', '81%', '95%']))).toEqual([])
  })

  it('notes a project graded 中 or 差 whose 预算数 grows, naming the grade, the 总分 and both budgets', () => {
    // 50 × 5/10 + 30 × 45/90 + 10 + 10 × 60% = 56: 差
    const results = lastYear(['5次', '45%', '95%'], '60')
    expect(results[0]).toEqual(expect.objectContaining({ grade: '差', earned: 56, budget: 100 }))
    const findings = resultsApplication(draft({ budgetTotal: '120', 培训次数: '≥8次', 结案率: '≥80%' }), results)
    expect(findings).toEqual([expect.objectContaining({ rule: WEAK_PROJECT_GROWS, severity: 'warning', project: 1, indicator: null, field: 'budgetTotal' })])
    for (const part of ['社区矫正经费', '差', '56', '100', '120']) expect(findings[0]!.message).toContain(part)
  })

  it('says nothing of a weak project whose budget does not grow, nor of a growing project graded 优 or 良', () => {
    const weak = lastYear(['5次', '45%', '95%'], '60')
    expect(resultsApplication(draft({ budgetTotal: '100', 培训次数: '≥8次', 结案率: '≥80%' }), weak)).toEqual([])
    // 50 + 30 × 81/90 + 10 + 10 = 97: 优
    const good = lastYear(['12次', '81%', '95%'])
    expect(good[0]!.grade).toBe('优')
    expect(resultsApplication(draft({ budgetTotal: '150', 结案率: '≥85%' }), good)).toEqual([])
  })

  it('reads last year’s budget of a 自评 form kept in 元 in 万元, as the draft’s 预算数 it is set beside', () => {
    const inYuan = (budget: string, executed: string): DocumentText => {
      const targets = documentText(project({ code: 'P1', name: '社区矫正经费', moneyUnit: '元', budgetTotal: budget }, indicator({ level1: '产出指标', level3: '培训次数', value: '≥10次' })))
      return { ...targets, kind: 'self-evaluation', projects: targets.projects.map((p) => ({ ...p, funds: funds(budget, executed), achieved: '', indicators: p.indicators.map((i) => ({ ...i, actual: '', earned: '', deviation: '' })) })) }
    }
    // 1,000,000 元 is 100 万元, not 1,000,000 万元 beside which no draft would ever grow.
    expect(lastYearResultsOf(selfEvaluationModel(inYuan('1000000', '600000')))[0]!.budget).toBe(100)
  })

  it('says nothing without last year’s 自评', () => {
    expect(resultsApplication(draft({ budgetTotal: '150' }), [])).toEqual([])
  })
})
