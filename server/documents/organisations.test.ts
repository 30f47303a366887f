import { afterEach, describe, expect, it } from 'vitest'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { addOrgUser, allOrgs, answerInvitation, assignReviewer, bureauAssignments, createOrg, myInvitations, myOrgs, operatorAssignReviewer, operatorSetDeadline, operatorSetMember, orgMembers, resetPassword, RoleNotForKind, setDeadline, setOrgMember } from './organisations'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('organisations, without HTTP', () => {
  it('a 管理员 manages members, accounts, deadlines and assignments; others may not; roles fit the kind', async () => {
    w = await useCaseWorld()
    const [admin, zhang, wang, zhao] = [await w.person('admin'), await w.person('zhang'), await w.person('wang'), await w.person('zhao')]
    const zfw = await w.org('政法委', 'department', [[admin, 'admin'], [zhang, 'staff']])
    const czj = await w.org('财政局', 'finance', [[admin, 'admin'], [wang, 'reviewer']])
    await w.org('教育局', 'department', [[admin, 'admin'], [zhao, 'staff']])

    expect((await myOrgs(w.ports, zhang)).map((o) => [o.name, o.role])).toEqual([['政法委', 'staff']])
    await expect(orgMembers(w.ports, wang, zfw.id)).rejects.toMatchObject({ code: 'org-not-found' })
    await expect(setOrgMember(w.ports, zhang, zfw.id, 'wang', 'staff')).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(setOrgMember(w.ports, admin, zfw.id, 'wang', 'reviewer')).rejects.toMatchObject({ message: '部门的成员角色是管理员或编制人员' })
    await expect(setOrgMember(w.ports, admin, zfw.id, 'admin', 'staff')).rejects.toMatchObject({ kind: 'invalid' })

    expect(await addOrgUser(w.ports, admin, zfw.id, { name: 'li', displayName: '李娜', password: 'long-enough', role: 'staff' })).toEqual({ name: 'li', displayName: '李娜', role: 'staff' })
    await expect(addOrgUser(w.ports, admin, zfw.id, { name: 'li', displayName: '李娜', password: 'long-enough', role: 'staff' })).rejects.toMatchObject({ code: 'user-exists' })
    expect((await orgMembers(w.ports, zhang, zfw.id)).members.map((m) => m.name)).toContain('li')

    // The bureau's reviewer joins no department: reviewing and writing are kept apart.
    await expect(setOrgMember(w.ports, admin, zfw.id, 'wang', 'staff')).rejects.toMatchObject({ kind: 'conflict', code: 'review-separation' })
    expect(await myInvitations(w.ports, wang)).toEqual([])

    // zhao also belongs to 教育局, which zfw's admin manages too: allowed; after zhao joins a third org, not.
    // Not a member yet: only invited, and not the admin's to reset until zhao accepts.
    expect(await setOrgMember(w.ports, admin, zfw.id, 'zhao', 'staff')).toEqual({ change: 'invited' })
    await expect(resetPassword(w.ports, admin, zfw.id, 'zhao', 'new-password')).rejects.toMatchObject({ kind: 'not-found' })
    const [invitation] = await myInvitations(w.ports, zhao)
    expect(invitation).toMatchObject({ org: { id: zfw.id, name: '政法委' }, role: 'staff' })
    await answerInvitation(w.ports, zhao, invitation!.id, true)
    // A member already: the role changes, and the answer says what it was.
    expect(await setOrgMember(w.ports, admin, zfw.id, 'zhao', 'admin')).toEqual({ change: 'changed', was: 'staff' })
    await resetPassword(w.ports, admin, zfw.id, 'zhao', 'new-password')
    const third = await w.org('文旅局', 'department', [[zhao, 'staff']])
    await expect(resetPassword(w.ports, admin, zfw.id, 'zhao', 'new-password')).rejects.toMatchObject({ code: 'other-org-member' })
    expect(third.kind).toBe('department')

    await expect(setDeadline(w.ports, admin, zfw.id, 2024, '2024-03-31')).rejects.toMatchObject({ kind: 'forbidden' })
    await setDeadline(w.ports, admin, czj.id, 2024, '2024-03-31')
    // A day that does not exist was stored as another (2026-02-30 → 2026-03-02); a year the page never offers, taken.
    await expect(setDeadline(w.ports, admin, czj.id, 2026, '2026-02-30')).rejects.toMatchObject({ kind: 'invalid', message: '没有 2026-02-30 这一天，请检查月份和日期' })
    await expect(setDeadline(w.ports, admin, czj.id, 1900, '2026-02-28')).rejects.toMatchObject({ kind: 'invalid', message: '年度应在 2000 至 2100 之间' })
    expect(await w.data.orgs.deadlines(czj.id)).toEqual([{ year: 2024, dueAt: Date.parse('2024-03-31T23:59:59+08:00') }])
    await expect(assignReviewer(w.ports, admin, czj.id, { department: '政法委', reviewer: 'zhang', assigned: true })).rejects.toMatchObject({ message: '审核人员必须是本财政局的成员' })
    await assignReviewer(w.ports, admin, czj.id, { department: '政法委', reviewer: 'wang', assigned: true })
    expect((await orgMembers(w.ports, admin, czj.id)).assignments).toEqual([{ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }])
  })

  it('the bureau’s 管理员 reads its assignments by name, with the departments and its 审核人员 to choose from; takes off one who left', async () => {
    w = await useCaseWorld()
    const [chen, wang, sun, zhang] = [await w.person('chen'), await w.person('wang'), await w.person('sun'), await w.person('zhang')]
    const zfw = await w.org('政法委', 'department', [[zhang, 'staff']])
    await w.org('文旅局', 'department', [])
    const czj = await w.org('财政局', 'finance', [[chen, 'admin'], [wang, 'reviewer'], [sun, 'reviewer']])
    const read = () => bureauAssignments(w.ports, chen, czj.id)
    expect(await read()).toEqual({ assignments: [], departments: ['政法委', '文旅局'], reviewers: [{ name: 'wang', displayName: 'wang' }, { name: 'sun', displayName: 'sun' }] })
    await assignReviewer(w.ports, chen, czj.id, { department: '文旅局', reviewer: 'sun', assigned: true })
    await assignReviewer(w.ports, chen, czj.id, { department: '政法委', reviewer: 'wang', assigned: true })
    expect((await read()).assignments).toEqual([
      { department: '政法委', reviewer: 'wang', reviewerName: 'wang' },
      { department: '文旅局', reviewer: 'sun', reviewerName: 'sun' },
    ])
    // Only the bureau's 管理员 reads them: not its reviewers, not a department's people, not for a department.
    await expect(bureauAssignments(w.ports, wang, czj.id)).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(bureauAssignments(w.ports, zhang, czj.id)).rejects.toMatchObject({ code: 'org-not-found' })
    await expect(bureauAssignments(w.ports, zhang, zfw.id)).rejects.toMatchObject({ kind: 'forbidden' })
    // One who left the bureau is still listed (by their account) and can be taken off, though no longer assigned anew.
    await w.data.orgs.setMember(czj.id, sun.id, null)
    expect((await read()).reviewers.map((r) => r.name)).toEqual(['wang'])
    expect((await read()).assignments).toContainEqual({ department: '文旅局', reviewer: 'sun', reviewerName: 'sun' })
    await expect(assignReviewer(w.ports, chen, czj.id, { department: '政法委', reviewer: 'sun', assigned: true })).rejects.toMatchObject({ message: '审核人员必须是本财政局的成员' })
    await assignReviewer(w.ports, chen, czj.id, { department: '文旅局', reviewer: 'sun', assigned: false })
    expect((await read()).assignments).toEqual([{ department: '政法委', reviewer: 'wang', reviewerName: 'wang' }])
    await expect(assignReviewer(w.ports, chen, czj.id, { department: '财政局', reviewer: 'wang', assigned: true })).rejects.toMatchObject({ message: '请指定部门名称' })
  })

  it('the operator makes organisations and sets members, assignments and deadlines by name, at once and without belonging; each mistake is refused in order', async () => {
    w = await useCaseWorld()
    const [zhang, wang] = [await w.person('zhang'), await w.person('wang')]
    const zfw = await createOrg(w.ports, { name: '政法委', kind: 'department', code: '216001' })
    const czj = await createOrg(w.ports, { name: '财政局', kind: 'finance', code: '' })
    await expect(createOrg(w.ports, { name: '政法委', kind: 'finance', code: '' })).rejects.toMatchObject({ kind: 'conflict', code: 'org-exists', message: '组织已存在：政法委' })

    // A member at once, not an invitation as a 管理员's change would be.
    expect(await operatorSetMember(w.ports, { org: '政法委', user: 'zhang', role: 'staff' })).toMatchObject({ org: { id: zfw.id }, member: { id: zhang.id } })
    expect(await myInvitations(w.ports, zhang)).toEqual([])
    await operatorSetMember(w.ports, { org: '财政局', user: 'wang', role: 'reviewer' })
    const wrongKind = operatorSetMember(w.ports, { org: '财政局', user: 'nobody', role: 'staff' })
    await expect(wrongKind).rejects.toBeInstanceOf(RoleNotForKind)
    await expect(wrongKind).rejects.toMatchObject({ orgKind: 'finance', kind: 'invalid' })
    await expect(operatorSetMember(w.ports, { org: '文旅局', user: 'nobody', role: 'staff' })).rejects.toMatchObject({ code: 'org-not-found', message: '没有这个组织：文旅局' })
    await expect(operatorSetMember(w.ports, { org: '政法委', user: 'nobody', role: 'staff' })).rejects.toMatchObject({ code: 'user-not-found', message: '没有这个用户：nobody' })

    const assign = (bureau: string, department: string, reviewer: string, assigned = true) => operatorAssignReviewer(w.ports, { bureau, department, reviewer, assigned })
    await expect(assign('政法委', '财政局', 'nobody')).rejects.toMatchObject({ code: 'org-not-found', message: '没有这个财政局：政法委' })
    await expect(assign('财政局', '财政局', 'nobody')).rejects.toMatchObject({ code: 'org-not-found', message: '没有这个部门：财政局' })
    await expect(assign('财政局', '政法委', 'nobody')).rejects.toMatchObject({ code: 'user-not-found', message: '没有这个用户：nobody' })
    await expect(assign('财政局', '政法委', 'zhang')).rejects.toMatchObject({ code: 'not-a-member', message: 'zhang 不是 财政局 的成员' })
    expect(await assign('财政局', '政法委', 'wang')).toMatchObject({ department: { id: zfw.id }, reviewer: { id: wang.id } })
    expect(await w.data.orgs.assignments({ financeOrgId: czj.id })).toEqual([{ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }])

    expect((await allOrgs(w.ports)).map((o) => [o.name, o.code, o.members.map((m) => [m.name, m.role])])).toEqual([
      ['政法委', '216001', [['zhang', 'staff']]],
      ['财政局', '', [['wang', 'reviewer']]],
    ])
    await operatorSetMember(w.ports, { org: '政法委', user: 'zhang', role: null })
    await assign('财政局', '政法委', 'wang', false)
    expect(await w.data.orgs.assignments({ financeOrgId: czj.id })).toEqual([])
    expect((await allOrgs(w.ports))[0]!.members).toEqual([])

    await operatorSetDeadline(w.ports, '财政局', 2026, '2026-03-31')
    expect(await w.data.orgs.deadlines(czj.id)).toEqual([{ year: 2026, dueAt: Date.parse('2026-03-31T23:59:59+08:00') }])
    await expect(operatorSetDeadline(w.ports, '财政局', 2026, '3月底')).rejects.toMatchObject({ kind: 'invalid', message: '日期格式应为 YYYY-MM-DD' })
    await expect(operatorSetDeadline(w.ports, '政法委', 2026, null)).rejects.toMatchObject({ code: 'org-not-found', message: '没有这个财政局：政法委' })
    await operatorSetDeadline(w.ports, '财政局', 2026, null)
    expect(await w.data.orgs.deadlines(czj.id)).toEqual([])
  })
})
