import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createImported } from './document-lifecycle'
import { importedText } from './imported-file'
import { dashboard, reviewQueue } from './review-queue'
import { takeStep } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('the review queue and the dashboard, without HTTP', () => {
  it('the assigned reviewer sees the department’s documents with money, findings and who submitted; the bureau’s dashboard adds up per year', async () => {
    w = await useCaseWorld()
    const [zhang, wang, zhao] = [await w.person('zhang', '张伟'), await w.person('wang', '王芳'), await w.person('zhao', '赵敏')]
    const zfw = await w.org('政法委', 'department', [[zhang, 'staff']])
    const czj = await w.org('财政局', 'finance', [[wang, 'reviewer'], [zhao, 'reviewer']])
    await w.data.orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }, true)
    const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), { title: '政法委 2022' })
    await w.data.orgs.setDocumentOrg(id, zfw.id)
    await takeStep(w.ports, zhang, id, 'submit', '')

    const { queue, people } = await reviewQueue(w.ports, wang, {})
    expect(queue).toEqual([expect.objectContaining({ id, departmentOrg: '政法委', year: 2022, total: 116.4, leftOut: 0, submitted: expect.objectContaining({ by: 'zhang' }), daysWaiting: 0 })])
    expect(people).toEqual({ zhang: '张伟' })
    expect((await reviewQueue(w.ports, wang, { status: '审核通过' })).queue).toEqual([])
    expect((await reviewQueue(w.ports, zhao, {})).queue).toEqual([])

    const board = await dashboard(w.ports, zhao)
    expect(board.byYear).toEqual([{ year: '2022', total: 116.4, documents: 1, approved: 0, projectsLeftOut: 0, leftOut: [] }])
    await expect(dashboard(w.ports, zhang)).rejects.toMatchObject({ kind: 'forbidden', code: 'not-overseer' })
  })

  it('a total that leaves a project out (预算数 not a number) says how many, beside the figure', async () => {
    w = await useCaseWorld()
    const { zhang, wang, department } = await w.reviewedDepartment()
    const text = await importedText(w.ports, sampleBytes())
    const unbudgeted = { ...text, projects: text.projects.map((p, i) => (i === 1 ? { ...p, budgetTotal: '待定' } : p)) }
    const id = await createImported(w.ports, zhang, unbudgeted, { title: '政法委 2022' })
    await w.data.orgs.setDocumentOrg(id, department.id)
    await takeStep(w.ports, zhang, id, 'submit', '')
    const [row] = (await reviewQueue(w.ports, wang, {})).queue
    expect(row!.leftOut).toBe(1)
    expect(row!.total).toBeLessThan(116.4)
  })

  it('a withdrawn submission names no submitter: 报送人 stays empty while the department holds the document again', async () => {
    w = await useCaseWorld()
    const { zhang, wang, department } = await w.reviewedDepartment()
    const id = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), { title: '政法委 2022' })
    await w.data.orgs.setDocumentOrg(id, department.id)
    await takeStep(w.ports, zhang, id, 'submit', '')
    await takeStep(w.ports, zhang, id, 'withdraw', '')

    expect(await reviewQueue(w.ports, wang, {})).toEqual({ queue: [expect.objectContaining({ id, status: expect.objectContaining({ value: '编制中' }), submitted: null, daysWaiting: null })], people: {} })
    await takeStep(w.ports, zhang, id, 'submit', '')
    expect((await reviewQueue(w.ports, wang, {})).queue).toEqual([expect.objectContaining({ id, submitted: expect.objectContaining({ by: 'zhang' }), daysWaiting: 0 })])
  })
})
