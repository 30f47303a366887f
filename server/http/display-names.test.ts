/**
 * Nobody writes under another organisation's 姓名. The attack: a
 * department's 管理员 opened an account named 王芳 (the bureau's reviewer)
 * and the versions read "审核通过（王芳）". Now a 姓名 a member of another
 * organisation uses is refused — also spelt with spaces or invisible
 * characters — and where two accounts do share one (an account the CLI
 * made), versions, activity, cards' names, notifications and the name
 * beside a caret show each with its organisation. Real server, real
 * sessions, stock y-websocket clients.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { loginAt } from '../../test/support/http-session'
import { startTestServer, until, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

describe('display names', () => {
  it('a 姓名 of another organisation’s member is refused; shared ones are shown with the organisation everywhere', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { orgs, logins, notifications } = t.server.data
    const [zhang, li, wangfang] = await Promise.all([logins.addUser('zhang', 'pw-zhang', '张伟'), logins.addUser('li', 'pw-li', '李娜'), logins.addUser('wangfang', 'pw-wangfang', '王芳')])
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const czj = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setMember(zfw.id, zhang.id, 'admin')
    await orgs.setMember(zfw.id, li.id, 'staff')
    await orgs.setMember(czj.id, wangfang.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wangfang.id }, true)
    const asZhang = (await loginAt(t.server.url, 'zhang')).json

    // Dressed with a unit's name, brackets or dots, it is still the bureau's 王芳 to a reader.
    for (const displayName of ['王芳', '王 芳', '王芳\u200b', '王芳 ', '王芳（财政局）', '王芳 · 财政局', '财政局王芳', '王芳（政法委）']) {
      const refused = await asZhang(`/api/orgs/${zfw.id}/users`, 'POST', { name: 'fake', displayName, password: 'pw-fake-123', role: 'staff' })
      expect([refused.status, refused.body.error?.code]).toEqual([409, 'name-impersonates'])
    }
    expect((await (await loginAt(t.server.url, 'li')).json('/api/me', 'PATCH', { displayName: '王芳' })).status).toBe(409)
    expect((await (await loginAt(t.server.url, 'li')).json('/api/me', 'PATCH', { displayName: '财政局王芳' })).status).toBe(409)
    // A namesake of her own is told how to be told apart.
    const namesake = await asZhang(`/api/orgs/${zfw.id}/users`, 'POST', { name: 'wangfang3', displayName: '王芳2', password: 'pw-fake-123', role: 'staff' })
    expect(namesake.status).toBe(201)
    // Her own name stays hers to set.
    expect((await (await loginAt(t.server.url, 'wangfang')).json('/api/me', 'PATCH', { displayName: '王芳' })).status).toBe(200)

    // An account the operator made with the same 姓名, in no organisation, edits the department's document.
    await logins.addUser('wangfang2', 'pw-wangfang2', '王芳')
    const created = await asZhang('/api/docs', 'POST', { title: '政法委绩效文本', year: 2024, org: zfw.id })
    const docId = created.body.id as string
    expect((await asZhang(`/api/docs/${docId}/members/wangfang2`, 'PUT', { role: 'editor' })).status).toBe(200)
    const asFake = (await loginAt(t.server.url, 'wangfang2')).json
    expect((await asFake(`/api/docs/${docId}/versions`, 'POST', { name: '定稿' })).status).toBe(201)
    expect((await asZhang(`/api/docs/${docId}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    const asWangfang = (await loginAt(t.server.url, 'wangfang')).json
    expect((await asWangfang(`/api/docs/${docId}/workflow`, 'POST', { action: 'start-review' })).status).toBe(200)
    expect((await asWangfang(`/api/docs/${docId}/workflow`, 'POST', { action: 'return', note: '请细化成本指标' })).status).toBe(200)

    const versions = ((await asZhang(`/api/docs/${docId}/versions`)).body.versions as { name: string }[]).map((v) => v.name)
    expect(versions).toEqual(expect.arrayContaining(['定稿（王芳 · wangfang2）', '开始审核（王芳 · 财政局）', '退回修改（王芳 · 财政局）']))
    const activity = (await asZhang(`/api/docs/${docId}/activity`)).body
    expect(activity.people).toMatchObject({ wangfang: '王芳 · 财政局', wangfang2: '王芳 · wangfang2', zhang: '张伟' })
    expect((await asZhang(`/api/docs/${docId}/people`)).body.people).toMatchObject({ wangfang: '王芳 · 财政局', wangfang2: '王芳 · wangfang2' })
    expect((await notifications.list(zhang.id)).map((n) => n.text)).toContain('王芳 · 财政局对“政法委绩效文本”退回修改：请细化成本指标')

    // On the socket too: the name beside their caret is the server's, with the organisation.
    const [fake, watcher] = [await t.client('wangfang2', 'editor', { doc: docId }), await t.client('zhang', 'editor', { doc: docId })]
    fake.awareness.setLocalStateField('user', { name: '王芳' })
    const seen = () => [...watcher.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name)
    await until(() => seen().includes('王芳 · wangfang2'), 'the caret’s name with its organisation')
  })

  it('the people of a document include the one asking: a reviewer reaching it by assignment reads her own 姓名 on her suggestions', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { orgs, logins } = t.server.data
    const [zhang, wangfang] = await Promise.all([logins.addUser('zhang', 'pw-zhang', '张伟'), logins.addUser('wangfang', 'pw-wangfang', '王芳')])
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const czj = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setMember(zfw.id, zhang.id, 'admin')
    await orgs.setMember(czj.id, wangfang.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wangfang.id }, true)
    const asZhang = (await loginAt(t.server.url, 'zhang')).json
    const docId = (await asZhang('/api/docs', 'POST', { title: '政法委绩效文本', year: 2024, org: zfw.id })).body.id as string
    expect((await asZhang(`/api/docs/${docId}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    // She is no member and has done nothing yet: her card would read "wangfang" from a map without her.
    const asWangfang = (await loginAt(t.server.url, 'wangfang')).json
    expect((await asWangfang(`/api/docs/${docId}/people`)).body.people).toMatchObject({ wangfang: '王芳' })
  })
})
