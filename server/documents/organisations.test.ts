import { afterEach, describe, expect, it } from 'vitest'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { addOrgUser, answerInvitation, assignReviewer, myInvitations, myOrgs, orgMembers, resetPassword, setDeadline, setOrgMember } from './organisations'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('organisations, without HTTP', () => {
  it('a 管理员 manages members, accounts, deadlines and assignments; others may not; roles fit the kind', async () => {
    w = await useCaseWorld()
    const [admin, zhang, wang] = [await w.person('admin'), await w.person('zhang'), await w.person('wang')]
    const zfw = await w.org('政法委', 'department', [[admin, 'admin'], [zhang, 'staff']])
    const czj = await w.org('财政局', 'finance', [[admin, 'admin'], [wang, 'reviewer']])

    expect((await myOrgs(w.ports, zhang)).map((o) => [o.name, o.role])).toEqual([['政法委', 'staff']])
    await expect(orgMembers(w.ports, wang, zfw.id)).rejects.toMatchObject({ code: 'org-not-found' })
    await expect(setOrgMember(w.ports, zhang, zfw.id, 'wang', 'staff')).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(setOrgMember(w.ports, admin, zfw.id, 'wang', 'reviewer')).rejects.toMatchObject({ message: '部门的成员角色是管理员或编制人员' })
    await expect(setOrgMember(w.ports, admin, zfw.id, 'admin', 'staff')).rejects.toMatchObject({ kind: 'invalid' })

    expect(await addOrgUser(w.ports, admin, zfw.id, { name: 'li', displayName: '李娜', password: 'long-enough', role: 'staff' })).toEqual({ name: 'li', displayName: '李娜', role: 'staff' })
    await expect(addOrgUser(w.ports, admin, zfw.id, { name: 'li', displayName: '李娜', password: 'long-enough', role: 'staff' })).rejects.toMatchObject({ code: 'user-exists' })
    expect((await orgMembers(w.ports, zhang, zfw.id)).members.map((m) => m.name)).toContain('li')

    // wang also belongs to the bureau, which zfw's admin manages too: allowed; after wang joins a third org, not.
    // Not a member yet: only invited, and not the admin's to reset until wang accepts.
    expect(await setOrgMember(w.ports, admin, zfw.id, 'wang', 'staff')).toBe('invited')
    await expect(resetPassword(w.ports, admin, zfw.id, 'wang', 'new-password')).rejects.toMatchObject({ kind: 'not-found' })
    const [invitation] = await myInvitations(w.ports, wang)
    expect(invitation).toMatchObject({ org: { id: zfw.id, name: '政法委' }, role: 'staff' })
    await answerInvitation(w.ports, wang, invitation!.id, true)
    expect(await setOrgMember(w.ports, admin, zfw.id, 'wang', 'admin')).toBe('changed')
    await resetPassword(w.ports, admin, zfw.id, 'wang', 'new-password')
    const third = await w.org('文旅局', 'department', [[wang, 'staff']])
    await expect(resetPassword(w.ports, admin, zfw.id, 'wang', 'new-password')).rejects.toMatchObject({ code: 'other-org-member' })
    expect(third.kind).toBe('department')

    await expect(setDeadline(w.ports, admin, zfw.id, 2024, '2024-03-31')).rejects.toMatchObject({ kind: 'forbidden' })
    await setDeadline(w.ports, admin, czj.id, 2024, '2024-03-31')
    expect(await w.data.orgs.deadlines(czj.id)).toEqual([{ year: 2024, dueAt: Date.parse('2024-03-31T23:59:59+08:00') }])
    await expect(assignReviewer(w.ports, admin, czj.id, { department: '政法委', reviewer: 'zhang', assigned: true })).rejects.toMatchObject({ message: '审核人员必须是本财政局的成员' })
    await assignReviewer(w.ports, admin, czj.id, { department: '政法委', reviewer: 'wang', assigned: true })
    expect((await orgMembers(w.ports, admin, czj.id)).assignments).toEqual([{ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }])
  })
})
