import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createImported, deleteDocument, documentMembers, listDocuments, setDocumentMember } from './document-lifecycle'
import { importedText } from './imported-file'
import { createLinkedDocument } from './linked-document'
import { dashboard, reviewQueue } from './review-queue'
import { takeStep } from './workflow-steps'
import { metaOf } from '@shared/model/y-document'
import { STATUS, STATUS_KEY } from '@shared/review/workflow'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

/** The sample, imported into 政法委 by 张伟, shared with 李娜 to read, and taken through review to 审核通过 by 王芳. */
async function approvedTargets(approve = true) {
  const { zhang, wang, department } = await w.reviewedDepartment()
  const li = await w.person('li', '李娜')
  const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), { title: '2022年政法委绩效文本', org: department.id })
  await setDocumentMember(w.ports, zhang, id, 'li', 'viewer')
  await takeStep(w.ports, zhang, id, 'submit', '')
  await takeStep(w.ports, wang, id, 'start-review', '')
  if (approve) await takeStep(w.ports, wang, id, 'approve', '经审核，同意通过。')
  return { zhang, wang, li, department, id }
}

describe('a document the bureau holds, or a 监控 is made from, is not deleted, nor its approval revoked', () => {
  it('refuses its owner while it is 已报送, 审核中 or 审核通过, and the reviewer 撤销审核通过 while a 监控 is made from it', async () => {
    w = await useCaseWorld()
    const { zhang, wang, id } = await approvedTargets(false)
    await expect(deleteDocument(w.ports, zhang, id)).rejects.toMatchObject({ code: 'document-held', message: expect.stringContaining('审核中') })
    await takeStep(w.ports, wang, id, 'approve', '经审核，同意通过。')
    // A tryout deleted the approved targets through the API: the year's total then counted a draft instead, unsaid.
    await expect(deleteDocument(w.ports, zhang, id)).rejects.toMatchObject({ code: 'document-held', message: expect.stringContaining('请财政局撤销审核通过') })
    const monitoring = await createLinkedDocument(w.ports, zhang, id, { kind: 'monitoring', asOf: '6月' })
    await expect(deleteDocument(w.ports, zhang, id)).rejects.toMatchObject({ code: 'document-held', message: expect.stringContaining(`已据此新建了“${monitoring.title}”，须先删除这些文档`) })
    // Reopened, the targets could change under the 监控 that reports on them.
    await expect(takeStep(w.ports, wang, id, 'revoke-approval', '')).rejects.toMatchObject({ code: 'workflow-has-follow-ups', message: expect.stringContaining(monitoring.title) })
    expect((await w.ports.service.status(id)).value).toBe('审核通过')
    await deleteDocument(w.ports, zhang, monitoring.id)
    await takeStep(w.ports, wang, id, 'revoke-approval', '')
    await takeStep(w.ports, wang, id, 'return', '撤销后退回，请作废')
    await deleteDocument(w.ports, zhang, id)
    expect(await w.data.documents.get(id)).toBeUndefined()
  })

  it('refuses to delete targets a 监控 was made from, where an earlier release let the approval be revoked under it', async () => {
    w = await useCaseWorld()
    const { zhang, id } = await approvedTargets()
    const monitoring = await createLinkedDocument(w.ports, zhang, id, { kind: 'monitoring', asOf: '6月' })
    await w.ports.live.applyServerChange(id, (ydoc) => metaOf(ydoc).set(STATUS_KEY, { value: STATUS.returned, by: 'wang', at: Date.now() }), { step: true })
    await expect(deleteDocument(w.ports, zhang, id)).rejects.toMatchObject({ code: 'document-has-follow-ups', message: expect.stringContaining(monitoring.title) })
  })
})

describe('新建运行监控 / 新建绩效自评 from approved targets, without HTTP', () => {
  it('carries the targets verbatim and the 预算数 into 资金, in the same department, with the same people, linked and recorded', async () => {
    w = await useCaseWorld()
    const { zhang, wang, li, department, id } = await approvedTargets()
    const made = await createLinkedDocument(w.ports, zhang, id, { kind: 'monitoring', asOf: '6月' })
    expect(made.title).toBe('2022年政法委绩效文本（绩效运行监控）')

    const source = await w.ports.service.text(id)
    const text = await w.ports.service.text(made.id)
    expect(text).toMatchObject({ kind: 'monitoring', asOf: '6月', title: source.title, preparedBy: source.preparedBy, reviewedBy: source.reviewedBy })
    // Headed as what it is, of the targets' year; the targets' Part 1 narrative is not what it reports on.
    expect(source.subtitle).toMatch(/^2022年/)
    expect(text.subtitle).toBe('2022年度绩效运行监控')
    expect([text.goals, text.subGoals, text.safeguards]).toEqual([[], [], []])
    expect(source.goals.length).toBeGreaterThan(0)
    expect(text.projects.map((p) => [p.code, p.name, p.budgetTotal, p.goal, p.spendingPlan])).toEqual(source.projects.map((p) => [p.code, p.name, p.budgetTotal, p.goal, p.spendingPlan]))
    expect(text.projects.map((p) => p.indicators.map(({ level1, level2, level3, value }) => ({ level1, level2, level3, value }))))
      .toEqual(source.projects.map((p) => p.indicators.map(({ level1, level2, level3, value }) => ({ level1, level2, level3, value }))))
    expect(text.projects[0]!.funds).toEqual({ initial: source.projects[0]!.budgetTotal, budget: source.projects[0]!.budgetTotal, executed: '', rate: '', points: '', earned: '' })
    expect(text.projects[0]!.indicators[0]).toMatchObject({ actual: '', forecast: '', likelihood: '', cause: '', measure: '' })

    expect(await w.data.orgs.documentOrg(made.id)).toBe(department.id)
    expect(await documentMembers(w.ports, zhang, made.id)).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'zhang', role: 'editor' }), expect.objectContaining({ name: 'li', role: 'viewer' }),
    ]))
    // The bureau's reviewer reviews it as the department's, by assignment.
    expect(await w.data.permissions.roleOf(made.id, wang.id)).toBe('reviewer')
    expect((await w.ports.service.activity(made.id)).map((a) => a.kind)).toEqual(['created'])
    const rows = await listDocuments(w.ports, li)
    expect(rows.find((r) => r.id === made.id)).toMatchObject({ kind: 'monitoring', basedOn: id, status: '编制中' })
    expect(rows.find((r) => r.id === id)).toMatchObject({ kind: 'targets', basedOn: null })

    const evaluation = await createLinkedDocument(w.ports, zhang, id, { kind: 'self-evaluation' })
    const evaluated = await w.ports.service.text(evaluation.id)
    expect(evaluated.kind).toBe('self-evaluation')
    expect(evaluated.subtitle).toBe('2022年度项目支出绩效自评')
    expect(evaluated.asOf).toBeUndefined()
    expect(evaluated.projects[0]!.indicators[0]).toMatchObject({ actual: '', earned: '', deviation: '' })
    // Judged by its own checks: a fresh 自评 says what it still lacks, not what the targets' review found.
    expect((await w.ports.service.findings(evaluation.id)).every((f) => f.rule.startsWith('self-evaluation.'))).toBe(true)
    expect((await w.ports.service.findings(evaluation.id)).length).toBeGreaterThan(0)

    // A 监控 made without a 截至月份 starts unset, not at the month it was made (December's 100%), and a check asks for one.
    const unset = await createLinkedDocument(w.ports, zhang, id, { kind: 'monitoring' })
    expect((await w.ports.service.text(unset.id)).asOf).toBe('')
    expect((await w.ports.service.findings(unset.id)).filter((f) => f.rule === 'monitoring.as-of')).toEqual([
      expect.objectContaining({ severity: 'warning', project: null, message: expect.stringMatching(/^未设定截至月份：请在表格上方选择截至月份/) }),
    ])
    expect((await w.ports.service.findings(made.id)).some((f) => f.rule === 'monitoring.as-of')).toBe(false)
  })

  it('refuses, as a conflict with a Chinese reason, a source not yet approved or not a targets document; only its editors make one', async () => {
    w = await useCaseWorld()
    const { zhang, wang, li, id } = await approvedTargets(false)
    await expect(createLinkedDocument(w.ports, zhang, id, { kind: 'self-evaluation' })).rejects.toMatchObject({
      kind: 'conflict', code: 'linked-source-not-approved', message: '“2022年政法委绩效文本”审核中，审核通过后才能新建绩效自评',
    })
    await takeStep(w.ports, wang, id, 'approve', '经审核，同意通过。')
    await expect(createLinkedDocument(w.ports, li, id, { kind: 'monitoring' })).rejects.toMatchObject({ kind: 'forbidden' })
    const made = await createLinkedDocument(w.ports, zhang, id, { kind: 'monitoring' })
    await expect(createLinkedDocument(w.ports, zhang, made.id, { kind: 'self-evaluation' })).rejects.toMatchObject({ kind: 'conflict', code: 'linked-source-not-approved' })
    expect((await w.data.documents.list()).length).toBe(2)
  })

  it('the queue and the dashboard rows say the kind', async () => {
    w = await useCaseWorld()
    const { zhang, wang, id } = await approvedTargets()
    const made = await createLinkedDocument(w.ports, zhang, id, { kind: 'self-evaluation' })
    const queue = await reviewQueue(w.ports, wang, {})
    expect(Object.fromEntries(queue.queue.map((r) => [r.id, r.kind]))).toEqual({ [id]: 'targets', [made.id]: 'self-evaluation' })
    const board = await dashboard(w.ports, wang)
    expect(Object.fromEntries(board.rows.map((r) => [r.id, r.kind]))).toEqual({ [id]: 'targets', [made.id]: 'self-evaluation' })
  })
})
