import { afterEach, describe, expect, it } from 'vitest'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createBlank } from './document-lifecycle'
import { takeStep, workflowState } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('workflow steps, without HTTP', () => {
  it('报送 → 开始审核 → 退回修改: each step sets the status, is kept as a version, recorded, and tells the people it concerns', async () => {
    w = await useCaseWorld()
    const { zhang, wang, department } = await w.reviewedDepartment()
    const id = await createBlank(w.ports, zhang, { org: department.id })

    expect((await workflowState(w.ports, zhang, id)).actions).toEqual([{ action: 'submit', label: '报送' }])
    await expect(takeStep(w.ports, zhang, id, 'start-review', '')).rejects.toMatchObject({ kind: 'conflict' })
    expect(await takeStep(w.ports, zhang, id, 'submit', '')).toMatchObject({ value: '已报送', by: 'zhang' })
    expect((await w.data.notifications.list(wang.id)).map((n) => n.text)).toEqual([expect.stringContaining('张伟对“')])
    await takeStep(w.ports, wang, id, 'start-review', '')
    await expect(takeStep(w.ports, wang, id, 'return', '')).rejects.toMatchObject({ kind: 'unprocessable', code: 'workflow-note-required' })
    await takeStep(w.ports, wang, id, 'return', '请细化成本指标')

    expect((await w.ports.service.status(id))).toMatchObject({ value: '退回修改', note: '请细化成本指标' })
    expect((await w.data.documents.versions(id)).map((v) => [v.name, v.note])).toEqual([
      ['报送（张伟）', ''],
      ['开始审核（王芳）', ''],
      ['退回修改（王芳）', '请细化成本指标'],
    ])
    expect((await w.ports.service.activity(id)).filter((a) => a.kind === 'workflow')).toHaveLength(3)
  })

  it('报送 is refused while nobody could review the document: it would sit in no queue', async () => {
    w = await useCaseWorld()
    const [liu, wang] = [await w.person('liu', '刘洋'), await w.person('wang', '王芳')]
    const department = await w.org('文旅局', 'department', [[liu, 'staff']])
    const bureau = await w.org('财政局', 'finance', [[wang, 'reviewer']])
    const id = await createBlank(w.ports, liu, { org: department.id })
    await expect(takeStep(w.ports, liu, id, 'submit', '')).rejects.toMatchObject({ kind: 'conflict', code: 'workflow-no-reviewer' })
    expect((await w.ports.service.status(id)).value).toBe('编制中')

    // Once the bureau assigns a reviewer to the department, it goes.
    await w.data.orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: wang.id }, true)
    expect(await takeStep(w.ports, liu, id, 'submit', '')).toMatchObject({ value: '已报送' })
  })
})
