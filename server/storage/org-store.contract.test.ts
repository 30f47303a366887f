/**
 * The OrgStore contract, run against every adapter: memory, SQLite and
 * PostgreSQL (the permissions built on it are tested in
 * `auth/document-permissions.test.ts`).
 */
import { afterEach, describe, expect, it } from 'vitest'
import { STORAGE_ADAPTERS, type OpenedStorage } from '../../test/support/storage-adapters'
import { OrgExistsError, type OrgStore } from './org-store'

describe.each(STORAGE_ADAPTERS)('OrgStore contract: $name', (adapter) => {
  let opened: OpenedStorage | null = null
  let orgs: OrgStore
  const open = async () => {
    opened = await adapter.open()
    orgs = opened.storage.orgs
    for (const id of ['z1', 'z2', 'w1']) await opened.storage.documents.create({ id, title: id, ownerId: null, createdAt: 0 }, new Uint8Array([0, 0]))
    const user = (name: string) => opened!.storage.accounts.addUser(name, name.toUpperCase(), 'hash')
    return { zhang: await user('zhang'), li: await user('li'), wang: await user('wang'), zhao: await user('zhao') }
  }
  afterEach(async () => {
    await opened?.discard()
    opened = null
  })

  it('keeps organisations, members, assignments and documents’ departments', async () => {
    const { zhang, wang } = await open()
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' })
    const czj = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await expect(orgs.addOrg({ name: '政法委', kind: 'department', code: '' })).rejects.toBeInstanceOf(OrgExistsError)
    expect(await orgs.orgs()).toEqual([zfw, czj])
    expect(await orgs.orgByName('财政局')).toEqual(czj)
    expect(await orgs.orgById(zfw.id)).toEqual(zfw)

    await orgs.setMember(zfw.id, zhang.id, 'staff')
    await orgs.setMember(zfw.id, zhang.id, 'admin')
    await orgs.setMember(czj.id, wang.id, 'reviewer')
    expect(await orgs.members(zfw.id)).toEqual([{ userId: zhang.id, name: 'zhang', displayName: 'ZHANG', role: 'admin' }])
    expect(await orgs.membershipsOf(wang.id)).toEqual([{ orgId: czj.id, role: 'reviewer' }])

    const assignment = { financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang.id }
    await orgs.setAssignment(assignment, true)
    await orgs.setAssignment(assignment, true)
    expect(await orgs.assignments({ financeOrgId: czj.id })).toEqual([assignment])
    expect(await orgs.assignments({ userId: wang.id })).toEqual([assignment])
    expect(await orgs.assignments({ departmentOrgId: zfw.id })).toEqual([assignment])
    await orgs.setAssignment(assignment, false)
    expect(await orgs.assignments({ userId: wang.id })).toEqual([])

    await orgs.setDocumentOrg('z1', zfw.id)
    await orgs.setDocumentOrg('z2', zfw.id)
    expect(await orgs.documentOrg('z1')).toBe(zfw.id)
    expect(await orgs.documentsOf(zfw.id)).toEqual(['z1', 'z2'])
    await orgs.setDocumentOrg('z2', null)
    expect(await orgs.documentOrg('z2')).toBeUndefined()
    await orgs.setMember(zfw.id, zhang.id, null)
    expect(await orgs.members(zfw.id)).toEqual([])
  })

  it('keeps invitations until the invitee answers: accepting makes them a member in the same step, declining does not', async () => {
    const { zhang, li, wang } = await open()
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const wlj = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const first = await orgs.invite({ orgId: zfw.id, userId: li.id, role: 'staff', invitedBy: zhang.id, at: 2_000 })
    // Inviting again replaces the invitation.
    const again = await orgs.invite({ orgId: zfw.id, userId: li.id, role: 'admin', invitedBy: zhang.id, at: 3_000 })
    const other = await orgs.invite({ orgId: wlj.id, userId: li.id, role: 'staff', invitedBy: null, at: 1_000 })
    expect(again).toEqual({ id: again.id, orgId: zfw.id, userId: li.id, role: 'admin', invitedBy: zhang.id, at: 3_000 })
    expect(await orgs.invitationsOf(li.id)).toEqual([other, again])
    expect(await orgs.invitationsOf(wang.id)).toEqual([])
    expect(await orgs.membershipsOf(li.id)).toEqual([])

    // Only the invitee answers, once.
    expect(await orgs.answerInvitation(again.id, wang.id, true)).toBeUndefined()
    expect(await orgs.answerInvitation(again.id, li.id, true)).toEqual(again)
    expect(await orgs.answerInvitation(again.id, li.id, true)).toBeUndefined()
    expect(await orgs.membershipsOf(li.id)).toEqual([{ orgId: zfw.id, role: 'admin' }])
    expect(await orgs.answerInvitation(other.id, li.id, false)).toEqual(other)
    expect(await orgs.membershipsOf(li.id)).toEqual([{ orgId: zfw.id, role: 'admin' }])
    expect(await orgs.invitationsOf(li.id)).toEqual([])
    expect(first.id).toBeGreaterThan(0)
  })

  it('lists an organisation’s open invitations, and withdraws one only through its own organisation', async () => {
    const { zhang, li, wang } = await open()
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const wlj = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const wrong = await orgs.invite({ orgId: zfw.id, userId: li.id, role: 'admin', invitedBy: zhang.id, at: 2_000 })
    const earlier = await orgs.invite({ orgId: zfw.id, userId: wang.id, role: 'staff', invitedBy: zhang.id, at: 1_000 })
    const elsewhere = await orgs.invite({ orgId: wlj.id, userId: li.id, role: 'staff', invitedBy: null, at: 500 })
    expect(await orgs.invitationsTo(zfw.id)).toEqual([earlier, wrong])
    expect(await orgs.invitationsTo(wlj.id)).toEqual([elsewhere])

    // Not through another organisation; then once, and the invitee can no longer answer it.
    expect(await orgs.withdrawInvitation(wrong.id, wlj.id)).toBeUndefined()
    expect(await orgs.withdrawInvitation(wrong.id, zfw.id)).toEqual(wrong)
    expect(await orgs.withdrawInvitation(wrong.id, zfw.id)).toBeUndefined()
    expect(await orgs.answerInvitation(wrong.id, li.id, true)).toBeUndefined()
    expect(await orgs.membershipsOf(li.id)).toEqual([])
    expect(await orgs.invitationsTo(zfw.id)).toEqual([earlier])
    expect(await orgs.invitationsOf(li.id)).toEqual([elsewhere])
  })
})
