import { describe, expect, it } from 'vitest'
import { documentText, indicator, project } from '../../support/document-builder'
import { runSelfEvaluationChecks } from '../checks/run-self-evaluation-checks'
import { derivedCells } from '../formats/kind-forms/derived-cells'
import { gradeText, pointsPastFullMarks, scoreLeavesOut, ungradedNote } from './full-marks'
import { selfEvaluationModel } from './self-evaluation-model'

const funds = { initial: '100', budget: '100', executed: '100', rate: '', points: '', earned: '' }

/** One project, every target met, its 产出 row weighed `score` (50 by default), the 执行率's 10 on top. */
const form = (score = '') => ({
  ...documentText(
    project({ name: '甲', funds },
      indicator({ level1: '产出指标', value: '≥10次', actual: '12次', score }),
      indicator({ level1: '效益指标', value: '≥90%', actual: '95%' }),
      indicator({ level1: '满意度指标', value: '≥90%', actual: '95%' })),
  ),
  kind: 'self-evaluation' as const,
})

describe('full marks', () => {
  it('a project whose 分值 pass 100 keeps its 总分 and has no grade; the excess-points error says so, for the same projects', () => {
    const [past] = selfEvaluationModel(form('70')).projects
    expect(past).toMatchObject({ earned: 120, grade: null, ungraded: 120 })
    expect(runSelfEvaluationChecks(form('70')).filter((f) => f.rule === 'self-evaluation.excess-points')).toHaveLength(1)
    // At 100 exactly, and under it (its shortfall is a warning, the grade out of 100 as the rules give): graded.
    for (const score of ['', '50', '40']) {
      const [graded] = selfEvaluationModel(form(score)).projects
      expect(graded!.ungraded).toBeNull()
      expect(graded!.grade).not.toBeNull()
      expect(runSelfEvaluationChecks(form(score)).filter((f) => f.rule === 'self-evaluation.excess-points')).toEqual([])
    }
    expect(selfEvaluationModel(form('50')).projects[0]).toMatchObject({ earned: 100, grade: '优' })
  })

  it('adds the 分值 with the 执行率’s, and reads past them only beyond 100', () => {
    expect(pointsPastFullMarks({ indicators: [{ points: 70 }, { points: 20 }, { points: 10 }], funds: { points: 10 } })).toEqual({ indicators: 100, total: 110 })
    expect(pointsPastFullMarks({ indicators: [{ points: 25 }, { points: 25 }, { points: 30 }, { points: 10 }], funds: { points: 10 } })).toBeNull()
  })

  it('words the missing grade once, for the editor, the dashboard and the exports alike', () => {
    expect(ungradedNote(110)).toBe('分值合计 110，应为 100，不评等级')
    expect(gradeText('优', null)).toBe('优')
    expect(gradeText(null, 110)).toBe('分值合计 110，应为 100，不评等级')
    expect(gradeText(null, null)).toBe('')
    expect(scoreLeavesOut(2)).toBe('（未计入 2 个项目：分值合计超过 100，不评等级）')
    // An export's 总分 row: the figure as computed, and why there is no grade where the grade would be.
    expect(derivedCells(form('70'))[0]).toMatchObject({ pointsTotal: '120', total: '120', grade: '分值合计 120，应为 100，不评等级' })
    expect(derivedCells(form('50'))[0]).toMatchObject({ pointsTotal: '100', total: '100', grade: '优' })
  })
})
