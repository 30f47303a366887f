import { afterEach, describe, expect, it } from 'vitest'
import { META_KEY, metaOf } from '@shared/model/y-document'
import { documentText, indicator, part1, project } from '../../support/document-builder'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { lastYearResults } from './last-year-results'
import { dashboard, reviewQueue } from './review-queue'
import { takeStep } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

const funds = (budget: string, executed: string) => ({ initial: budget, budget, executed, rate: '', points: '', earned: '' })
const targets = documentText(
  part1({ title: '政法委', subtitle: '2026年部门预算绩效文本' }),
  project({ code: 'P1', name: '社区矫正经费', budgetTotal: '100' },
    indicator({ level1: '产出指标', level3: '培训次数', value: '≥10次' }),
    indicator({ level1: '效益指标', level3: '结案率', value: '≥90%' }),
    indicator({ level1: '满意度指标', level3: '满意度', value: '≥90%' })),
)
const selfEvaluation = {
  ...targets,
  kind: 'self-evaluation' as const,
  projects: targets.projects.map((p) => ({
    ...p,
    funds: funds('100', '80'),
    achieved: '基本完成',
    indicators: p.indicators.map((i, n) => ({ ...i, actual: ['12次', '81%', '95%'][n]!, earned: '', deviation: '' })),
  })),
}

describe('结果应用 and the bureau’s view of a 自评', () => {
  it('next year’s draft reads last year’s approved 自评 of its predecessor; the queue and dashboard show its kind, 执行率 and 总分/grade', async () => {
    w = await useCaseWorld()
    const { zhang, wang, department } = await w.reviewedDepartment()
    const { service, orgs } = w.data
    const made = async (text: typeof targets, title: string, predecessor?: string) => {
      const id = await service.create(text, { title, ownerId: zhang.id, ...(predecessor ? { predecessor } : {}) })
      await orgs.setDocumentOrg(id, department.id)
      return id
    }
    const approve = async (id: string) => {
      await takeStep(w.ports, zhang, id, 'submit', '')
      await takeStep(w.ports, wang, id, 'start-review', '')
      await takeStep(w.ports, wang, id, 'approve', '其余检查项已逐项核实')
    }
    const last = await made(targets, '2026')
    await approve(last)
    const evaluation = await made(selfEvaluation, '2026 自评')
    await w.relay.applyServerChange(evaluation, (ydoc) => metaOf(ydoc).set(META_KEY.basedOn, last))
    const next = await made({ ...targets, subtitle: '2027年部门预算绩效文本' }, '2027', last)
    // Not yet approved: nothing to carry.
    expect(await lastYearResults(w.ports, zhang, next)).toEqual([])

    // 50 + 30 × 81/90 + 10 + 10 × 80%
    const expected = { code: 'P1', name: '社区矫正经费', earned: 95, grade: '优' }
    await takeStep(w.ports, zhang, evaluation, 'submit', '')
    const queued = (await reviewQueue(w.ports, wang, {})).queue.find((r) => r.id === evaluation)!
    expect(queued.kind).toBe('self-evaluation')
    await takeStep(w.ports, wang, evaluation, 'start-review', '')
    await takeStep(w.ports, wang, evaluation, 'approve', '其余检查项已逐项核实')

    const results = await lastYearResults(w.ports, zhang, next)
    expect(results).toEqual([expect.objectContaining(expected)])
    expect(results[0]!.indicators.map((i) => [i.level3, i.actual, i.earned, i.points])).toEqual([['培训次数', '12次', 50, 50], ['结案率', '81%', 27, 30], ['满意度', '95%', 10, 10]])
    // A draft of no predecessor has none.
    expect(await lastYearResults(w.ports, zhang, last)).toEqual([])

    const board = await dashboard(w.ports, wang)
    expect(board.rows.find((r) => r.id === evaluation)).toEqual(expect.objectContaining({ kind: 'self-evaluation', rate: 80 }))
    expect(board.projects).toEqual([expect.objectContaining({ id: evaluation, kind: 'self-evaluation', rate: 80, ...expected })])
    // The year's money is the targets' alone (the 自评 carries the same 预算数).
    expect(board.byYear.find((y) => y.year === '2026')).toEqual({ year: '2026', total: 100, documents: 1, approved: 1 })
  })
})
