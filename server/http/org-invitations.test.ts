/**
 * A department's 管理员 cannot take over an account whose home is not
 * their organisation. The attack: add an outside account (a viewer shared
 * by name) to the department, reset its password, remove it again — then
 * read another department's document as that person. Now adding is an
 * invitation the person accepts; until then the account is not the
 * 管理员's to manage. Real server, real sessions.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loginAt } from '../../test/support/http-session'
import { startTestServer, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

async function setUp() {
  t = await startTestServer()
  const { orgs, logins, accounts, service } = t.server.data
  const [chief, liu, other] = await Promise.all([logins.addUser('chief', 'pw-chief', '周主任'), logins.addUser('liuyang', 'pw-liuyang', '刘洋'), logins.addUser('other', 'pw-other', '吴敏')])
  const wlj = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
  const jyj = await orgs.addOrg({ name: '教育局', kind: 'department', code: '' })
  await orgs.setMember(wlj.id, chief.id, 'admin')
  await orgs.setMember(jyj.id, other.id, 'admin')
  // 教育局's document, shared with 刘洋 by name to read.
  const secret = await service.create(await service.text('doc'), { title: '教育局绩效文本', ownerId: other.id })
  await orgs.setDocumentOrg(secret, jyj.id)
  await accounts.setRole(secret, liu.id, 'viewer')
  return { wlj, jyj, secret, asChief: (await loginAt(t.server.url, 'chief')).json }
}

describe('organisation membership is accepted, not imposed', () => {
  it('a 管理员 adding an outside account only invites it: they cannot reset its password and read as it', { timeout: 30_000 }, async () => {
    const { wlj, secret, asChief } = await setUp()
    expect(await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })).toEqual({ status: 200, body: { ok: true, invited: true } })
    expect((await t.server.data.orgs.members(wlj.id)).map((m) => m.name)).toEqual(['chief'])
    expect((await asChief(`/api/orgs/${wlj.id}/members/liuyang/password`, 'POST', { password: 'taken-over!' })).status).toBe(404)
    const asTaken = await loginAt(t.server.url, 'liuyang', 'taken-over!')
    expect((await asTaken.json(`/api/docs/${secret}/export`)).status).toBe(401)
    expect(await t.server.data.logins.authenticate('liuyang', 'pw-liuyang')).toBeTruthy()
    // An unknown login name is answered as an invitation too: the answer tells nothing about which names exist.
    expect(await asChief(`/api/orgs/${wlj.id}/members/nobody-here`, 'PUT', { role: 'staff' })).toEqual({ status: 200, body: { ok: true, invited: true } })
  })

  it('the invitee sees the invitation and joins by accepting it, or declines', { timeout: 30_000 }, async () => {
    const { wlj, asChief } = await setUp()
    await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })
    const asLiu = (await loginAt(t.server.url, 'liuyang')).json
    const { invitations } = (await asLiu('/api/invitations')).body
    expect(invitations).toEqual([{ id: expect.any(Number), org: { id: wlj.id, name: '文旅局', kind: 'department' }, role: 'staff', invitedBy: '周主任', at: expect.any(Number) }])
    // Nobody else answers it.
    expect((await (await loginAt(t.server.url, 'other')).json(`/api/invitations/${invitations[0].id}`, 'POST', { accept: true })).status).toBe(404)
    // Invited again as 管理员 meanwhile (the invitation changes in place): accepting what was shown, 编制人员, is refused.
    await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'admin' })
    expect(await asLiu(`/api/invitations/${invitations[0].id}`, 'POST', { accept: true, role: 'staff' })).toEqual({
      status: 409,
      body: { error: { code: 'invitation-changed', message: '这份邀请已改为“管理员”：请刷新后再答复' } },
    })
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([])
    await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })
    expect(await asLiu(`/api/invitations/${invitations[0].id}`, 'POST', { accept: true, role: 'staff' })).toEqual({ status: 200, body: { ok: true } })
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([expect.objectContaining({ name: '文旅局', role: 'staff' })])
    expect((await asLiu('/api/invitations')).body.invitations).toEqual([])
    // Now a member, their role changes at once (the answer says what it was); taken out, bringing them back is an invitation again.
    expect(await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'admin' })).toEqual({ status: 200, body: { ok: true, was: 'staff' } })
    expect(await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: null })).toEqual({ status: 200, body: { ok: true, was: 'admin' } })
    expect((await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })).body).toEqual({ ok: true, invited: true })
    const again = (await asLiu('/api/invitations')).body.invitations[0]
    expect(await asLiu(`/api/invitations/${again.id}`, 'POST', { accept: false })).toEqual({ status: 200, body: { ok: true } })
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([])
  })
})

describe('a 管理员 sees the invitations not yet answered, and withdraws one', () => {
  it('invited as 管理员 by mistake: listed for the organisation, withdrawn by its 管理员 alone, then gone for the invitee', { timeout: 30_000 }, async () => {
    const { wlj, jyj, asChief } = await setUp()
    const { orgs, logins } = t.server.data
    await orgs.setMember(wlj.id, (await logins.addUser('zhoujie', 'pw-zhoujie', '周洁')).id, 'staff')
    const [asStaffer, asOther, asLiu] = [(await loginAt(t.server.url, 'zhoujie')).json, (await loginAt(t.server.url, 'other')).json, (await loginAt(t.server.url, 'liuyang')).json]
    await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'admin' })
    const listed = await asChief(`/api/orgs/${wlj.id}/invitations`)
    expect(listed).toEqual({ status: 200, body: { invitations: [{ id: expect.any(Number), name: 'liuyang', displayName: '刘洋', role: 'admin', invitedBy: '周主任', at: expect.any(Number) }] } })
    const path = `/api/orgs/${wlj.id}/invitations/${listed.body.invitations[0].id}`
    // Its members read them as they read the members; another organisation's 管理员 does not learn it exists.
    expect(await asStaffer(`/api/orgs/${wlj.id}/invitations`)).toEqual(listed)
    expect((await asOther(`/api/orgs/${wlj.id}/invitations`)).status).toBe(404)

    // Withdrawn neither by a plain member nor by another organisation's 管理员, through theirs or this one.
    expect(await asStaffer(path, 'DELETE')).toEqual({ status: 403, body: { error: { code: 'forbidden', message: '您没有权限进行此操作' } } })
    expect(await asOther(path, 'DELETE')).toEqual({ status: 404, body: { error: { code: 'org-not-found', message: '没有这个组织，或你不是它的成员' } } })
    const throughTheirs = await asOther(`/api/orgs/${jyj.id}/invitations/${listed.body.invitations[0].id}`, 'DELETE')
    expect(throughTheirs).toEqual({ status: 404, body: { error: { code: 'invitation-not-found', message: '没有这个邀请，或已被接受、拒绝或撤回' } } })
    expect((await asLiu('/api/invitations')).body.invitations).toHaveLength(1)

    expect(await asChief(path, 'DELETE')).toEqual({ status: 200, body: { ok: true } })
    expect((await asChief(`/api/orgs/${wlj.id}/invitations`)).body.invitations).toEqual([])
    expect((await asLiu('/api/invitations')).body.invitations).toEqual([])
    // Accepting it now is answered as for an invitation that does not exist; withdrawing it again too.
    expect(await asLiu(`/api/invitations/${listed.body.invitations[0].id}`, 'POST', { accept: true })).toEqual({ status: 404, body: { error: { code: 'invitation-not-found', message: '没有这个邀请，或已答复' } } })
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([])
    expect((await asChief(path, 'DELETE')).body.error.code).toBe('invitation-not-found')

    // Invited again with the right role; once accepted, it is no longer there to withdraw.
    await asChief(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })
    const [again] = (await asChief(`/api/orgs/${wlj.id}/invitations`)).body.invitations
    expect(again).toMatchObject({ name: 'liuyang', role: 'staff' })
    expect((await asLiu(`/api/invitations/${again.id}`, 'POST', { accept: true })).status).toBe(200)
    expect((await asChief(`/api/orgs/${wlj.id}/invitations/${again.id}`, 'DELETE')).status).toBe(404)
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([expect.objectContaining({ name: '文旅局', role: 'staff' })])
    expect((await asChief(`/api/orgs/${wlj.id}/invitations/not-a-number`, 'DELETE')).body.error.code).toBe('invitation-not-found')
  })
})
