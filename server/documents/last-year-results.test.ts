import { afterEach, describe, expect, it } from 'vitest'
import { META_KEY, metaOf } from '@shared/model/y-document'
import { documentText, indicator, part1, project } from '../../support/document-builder'
import { contractFinding } from '@shared/checks/finding'
import { cliStorageArgs, useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { EXIT, runCli } from '../cli/run-cli'
import { documentChecks } from './document-reads'
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

/** A reviewed department in a fresh world: its documents made by 张伟, approved by the bureau's 王芳. */
async function theDepartment() {
  w = await useCaseWorld()
  const { zhang, wang, department } = await w.reviewedDepartment()
  const made = async (text: typeof targets, title: string, predecessor?: string) => {
    const id = await w.data.service.create(text, { title, ownerId: zhang.id, ...(predecessor ? { predecessor } : {}) })
    await w.data.orgs.setDocumentOrg(id, department.id)
    return id
  }
  const approve = async (id: string) => {
    await takeStep(w.ports, zhang, id, 'submit', '')
    await takeStep(w.ports, wang, id, 'start-review', '')
    await takeStep(w.ports, wang, id, 'approve', '其余检查项已逐项核实')
  }
  return { zhang, wang, made, approve }
}

describe('结果应用 and the bureau’s view of a 自评', () => {
  it('next year’s draft reads last year’s approved 自评 of its predecessor; the queue and dashboard show its kind, 执行率 and 总分/grade', async () => {
    const { zhang, wang, made, approve } = await theDepartment()
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
    expect(board.byYear.find((y) => y.year === '2026')).toEqual({ year: '2026', total: 100, documents: 1, approved: 1, projectsLeftOut: 0, leftOut: [] })
  })

  it('next year’s draft’s checks note a missed target carried unchanged and a weak project whose budget grows, once last year’s 自评 is approved', async () => {
    const { zhang, wang, made, approve } = await theDepartment()
    const last = await made(targets, '2026')
    await approve(last)
    // 50 × 5/10 + 30 × 81/90 + 10 + 10 × 80% = 70: 中, and 结案率 short of its target.
    const weak = { ...selfEvaluation, projects: selfEvaluation.projects.map((p) => ({ ...p, indicators: p.indicators.map((i, n) => ({ ...i, actual: ['5次', '81%', '95%'][n]! })) })) }
    const evaluation = await made(weak, '2026 自评')
    await w.relay.applyServerChange(evaluation, (ydoc) => metaOf(ydoc).set(META_KEY.basedOn, last))
    // Next year: 培训次数 lowered, 结案率 carried as it was, the budget up from 100 to 130.
    const nextText = { ...targets, subtitle: '2027年部门预算绩效文本', projects: targets.projects.map((p) => ({ ...p, budgetTotal: '130', indicators: p.indicators.map((i, n) => (n === 0 ? { ...i, value: '≥6次' } : i)) })) }
    const next = await made(nextText, '2027', last)
    const resultFindings = async () => (await documentChecks(w.ports, zhang, next)).filter((f) => f.rule === 'unmet-target-carried' || f.rule === 'weak-project-grows')
    expect(await resultFindings()).toEqual([])

    await approve(evaluation)
    const findings = await resultFindings()
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'weak-project-grows', severity: 'warning', project: 1, indicator: null }),
      expect.objectContaining({ rule: 'unmet-target-carried', severity: 'warning', project: 1, indicator: 2 }),
    ])
    expect(findings[0]!.message).toMatch(/社区矫正经费.*中.*70.*100.*130/)
    expect(findings[1]!.message).toMatch(/社区矫正经费.*结案率.*81%/)
    // The queue, the dashboard and `check ID` count and list the same findings as /checks (and the editor).
    const all = await documentChecks(w.ports, zhang, next)
    const count = (severity: string) => all.filter((f) => f.severity === severity).length
    const queued = (await reviewQueue(w.ports, wang, {})).queue.find((r) => r.id === next)!
    expect([queued.findings.error, queued.findings.warning, queued.findings.info]).toEqual([count('error'), count('warning'), count('info')])
    const board = (await dashboard(w.ports, wang)).rows.find((r) => r.id === next)!
    expect([board.errors, board.warnings]).toEqual([count('error'), count('warning')])
    const out: string[] = []
    expect(await runCli(['check', next, '--json', ...cliStorageArgs(w.config)], { stdout: (t) => out.push(t), stderr: () => {} })).toBe(EXIT.ok)
    expect(JSON.parse(out.join(''))).toEqual(all.map(contractFinding))
    // Last year's own checks are not touched.
    expect((await documentChecks(w.ports, zhang, last)).filter((f) => f.rule.startsWith('unmet') || f.rule.startsWith('weak'))).toEqual([])
  })
})
