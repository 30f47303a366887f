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
    expect(summary.projects[0]).toEqual({ code: 'P1', name: '甲', rate: 95, earned: 99.5, grade: '优', ungraded: null, unreadable: false })
    expect(summary.projects[1]).toEqual({ code: 'P2', name: '乙', rate: null, earned: null, grade: null, ungraded: null, unreadable: false })
    // 乙 has no 执行数 yet: the document's 执行率 is not 甲's alone.
    expect(summary.rate).toBeNull()
    expect(summary).toMatchObject({ missing: 1, unbudgeted: 0, unreadable: 0, earned: null, grade: null, unscored: 1 })
    const filled = { ...text, projects: text.projects.map((p, i) => (i === 1 ? { ...p, funds: funds('50', '40') } : p)) }
    // (95 + 40) ÷ (100 + 50)
    expect(kindSummary(filled).rate).toBe(90)
    // 乙 scored too (50 + 10 × 80%): the department's 总分 weighs 甲 twice, by its budget: (99.5 × 100 + 58 × 50) ÷ 150.
    const scored = { ...filled, projects: filled.projects.map((p, i) => (i === 1 ? { ...p, indicators: p.indicators.map((r) => ({ ...r, actual: '12次' })) } : p)) }
    expect(kindSummary(scored)).toMatchObject({ rate: 90, missing: 0, earned: 85.67, grade: '良', unscored: 0, ungraded: 0 })
  })

  it('a project whose 分值 pass 100 has its 总分 and no grade, and the department’s score leaves it out and counts it', () => {
    const scored = (score: string) => ({
      ...documentText(
        project({ code: 'P1', name: '甲', funds: funds('100', '95') },
          indicator({ level1: '产出指标', value: '≥10次', actual: '12次', score }),
          indicator({ level1: '效益指标', value: '≥90%', actual: '90%' }),
          indicator({ level1: '满意度指标', value: '≥90%', actual: '95%' })),
        project({ code: 'P2', name: '乙', funds: funds('50', '40') }, indicator({ level1: '产出指标', value: '≥10次', actual: '12次' })),
      ),
      kind: 'self-evaluation' as const,
    })
    // 甲's 产出 set at 60: 60 + 30 + 10 + 10 in 分值, 109.5 earned. 乙 alone makes the department's score: 50 + 10 × 80%.
    const summary = kindSummary(scored('60'))
    expect(summary.projects[0]).toEqual({ code: 'P1', name: '甲', rate: 95, earned: 109.5, grade: null, ungraded: 110, unreadable: false })
    expect(summary).toMatchObject({ earned: 58, grade: '差', unscored: 0, ungraded: 1 })
    // Put right (50): graded, and weighed in again by its budget, (99.5 × 100 + 58 × 50) ÷ 150.
    expect(kindSummary(scored('50'))).toMatchObject({ earned: 85.67, grade: '良', unscored: 0, ungraded: 0 })
  })

  it('gives a 监控 its 执行率 and no score, a targets document nothing', () => {
    const parts = [project({ code: 'P1', name: '甲', funds: funds('80', '20') }, indicator({ value: '≥10次', actual: '4次' }))]
    expect(kindSummary({ ...documentText(...parts), kind: 'monitoring' })).toEqual({
      kind: 'monitoring', rate: 25, missing: 0, unbudgeted: 0, unreadable: 0, earned: null, grade: null, unscored: 0, ungraded: 0, projects: [{ code: 'P1', name: '甲', rate: 25, earned: null, grade: null, ungraded: null, unreadable: false }],
    })
    expect(kindSummary(documentText(project({ budgetTotal: '10' })))).toEqual({ kind: 'targets', rate: null, missing: 0, unbudgeted: 0, unreadable: 0, earned: null, grade: null, unscored: 0, ungraded: 0, projects: [] })
  })

  // A tester's 自评 of 12 projects: only the first has its 全年执行数, and the last's budget was typed “3000元” on the targets.
  const twelve = (last: string, executed: (i: number) => string = (i) => (i === 0 ? '95' : '')) => ({
    ...documentText(...Array.from({ length: 12 }, (_, i) => project({ code: `P${i + 1}`, name: `项目${i + 1}`, funds: funds(i === 11 ? last : '100', executed(i)) }, indicator({ level1: '产出指标', value: '≥10次', actual: '' })))),
    kind: 'self-evaluation' as const,
  })

  it('counts every project with no 执行数, the one whose budget names its unit (“3000元”) among them', () => {
    expect(kindSummary(twelve('3000元'))).toMatchObject({ rate: null, missing: 11, unbudgeted: 0, unreadable: 0, unscored: 12 })
    expect(kindSummary({ ...twelve('3000元'), kind: 'monitoring' })).toMatchObject({ rate: null, missing: 11, unbudgeted: 0, unreadable: 0 })
    // Filled in, 350元 of its 3000元 is 11.67% and adds 0.035 of 0.3 万元 to the document's money: (95 + 99 × 10 + 0.035) ÷ (1100 + 0.3).
    const filled = kindSummary({ ...twelve('3000元', (i) => (i === 11 ? '350元' : i === 0 ? '95' : '99')), kind: 'monitoring' })
    expect(filled).toMatchObject({ rate: 98.61, missing: 0, unbudgeted: 0, unreadable: 0 })
    expect(filled.projects[11]).toMatchObject({ rate: 11.67, unreadable: false })
  })

  it('a budget or 执行数 that is no number is counted where it is seen, never dropped from every count', () => {
    const summary = kindSummary(twelve('三千块'))
    // The twelfth has neither a 执行数 nor a budget that reads: counted as both, and the 执行率 is withheld.
    expect(summary).toMatchObject({ rate: null, missing: 11, unbudgeted: 0, unreadable: 1 })
    expect(summary.projects[11]).toMatchObject({ rate: null, unreadable: true })
    const executed = kindSummary(twelve('100', (i) => (i === 5 ? '0.950.95' : '95')))
    expect(executed).toMatchObject({ rate: null, missing: 0, unbudgeted: 0, unreadable: 1 })
    const emptied = kindSummary(twelve('', () => '95'))
    expect(emptied).toMatchObject({ rate: null, missing: 0, unbudgeted: 1, unreadable: 0 })
    // A 全年预算数 of 0 has nothing to spend: no 执行数 is owed.
    expect(kindSummary(twelve('0', (i) => (i === 11 ? '' : '95')))).toMatchObject({ rate: 95, missing: 0, unbudgeted: 0, unreadable: 0 })
  })

  it('adds forms kept in different units in 万元', () => {
    const text = {
      ...documentText(
        project({ code: 'P1', moneyUnit: '元', funds: funds('1000000', '500000') }),
        project({ code: 'P2', moneyUnit: '万元', funds: funds('100', '100') }),
      ),
      kind: 'monitoring' as const,
    }
    // (50 + 100) ÷ (100 + 100) 万元, not (500000 + 100) ÷ (1000000 + 100).
    expect(kindSummary(text).rate).toBe(75)
  })
})
