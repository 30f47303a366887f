import { describe, expect, it } from 'vitest'
import { documentText, indicator, project } from '../../support/document-builder'
import { kindSummary } from './kind-summary'

const funds = (budget: string, executed: string) => ({ initial: budget, budget, executed, rate: '', points: '', earned: '' })

describe('kindSummary', () => {
  it('gives a 自评 its projects’ 执行率, 总分 and grade, and the 执行率 of all its money', () => {
    const text = {
      ...documentText(
        project({ code: 'P1', name: '甲', funds: funds('100', '95') },
          indicator({ level1: '产出指标', value: '≥10次', actual: '12次' }),
          indicator({ level1: '效益指标', value: '≥90%', actual: '90%' }),
          indicator({ level1: '满意度指标', value: '≥90%', actual: '95%' })),
        project({ code: 'P2', name: '乙', funds: funds('50', '') }, indicator({ level1: '产出指标', value: '≥10次', actual: '' })),
      ),
      kind: 'self-evaluation' as const,
    }
    const summary = kindSummary(text)
    expect(summary.kind).toBe('self-evaluation')
    // 50 + 30 + 10 + 10 × 95%
    expect(summary.projects[0]).toEqual({ code: 'P1', name: '甲', rate: 95, earned: 99.5, grade: '优' })
    expect(summary.projects[1]).toEqual({ code: 'P2', name: '乙', rate: null, earned: null, grade: null })
    // 乙 has no 执行数 yet: the document's 执行率 is not 甲's alone.
    expect(summary.rate).toBeNull()
    expect(summary).toMatchObject({ missing: 1, earned: null, grade: null, unscored: 1 })
    const filled = { ...text, projects: text.projects.map((p, i) => (i === 1 ? { ...p, funds: funds('50', '40') } : p)) }
    // (95 + 40) ÷ (100 + 50)
    expect(kindSummary(filled).rate).toBe(90)
    // 乙 scored too (50 + 10 × 80%): the department's 总分 weighs 甲 twice, by its budget: (99.5 × 100 + 58 × 50) ÷ 150.
    const scored = { ...filled, projects: filled.projects.map((p, i) => (i === 1 ? { ...p, indicators: p.indicators.map((r) => ({ ...r, actual: '12次' })) } : p)) }
    expect(kindSummary(scored)).toMatchObject({ rate: 90, missing: 0, earned: 85.67, grade: '良', unscored: 0 })
  })

  it('gives a 监控 its 执行率 and no score, a targets document nothing', () => {
    const parts = [project({ code: 'P1', name: '甲', funds: funds('80', '20') }, indicator({ value: '≥10次', actual: '4次' }))]
    expect(kindSummary({ ...documentText(...parts), kind: 'monitoring' })).toEqual({
      kind: 'monitoring', rate: 25, missing: 0, earned: null, grade: null, unscored: 0, projects: [{ code: 'P1', name: '甲', rate: 25, earned: null, grade: null }],
    })
    expect(kindSummary(documentText(project({ budgetTotal: '10' })))).toEqual({ kind: 'targets', rate: null, missing: 0, earned: null, grade: null, unscored: 0, projects: [] })
  })
})
