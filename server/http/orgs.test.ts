/**
 * Organisations decide access on every route and socket: a department's
 * staff edit its documents without per-document sharing, the finance
 * reviewer assigned to it reviews them and finds them in the review
 * queue, and nobody else sees them — until shared by name.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { issueToken, DEFAULT_TOKEN_LIFETIME_MS } from '../auth/access-token'
import { tokenSubject } from '../storage/account-store'
import { loginAt } from '../../test/support/http-session'
import { reviewedDepartment } from '../../test/support/reviewed-department'
import { DOC_ID, startTestServer, until, type TestServer } from '../../support/test-server'
import { createThread, reply } from '@shared/review/threads'
import { textAt } from '../../support/document-place'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const cookieOf = async (name: string) => (await loginAt(t.server.url, name)).cookie
const login = async (name: string, password?: string) => (await loginAt(t.server.url, name, password)).json

describe('organisations', () => {
  it('someone taken out of a department keeps nothing of the documents they made: their socket closes before the answer, the department’s 管理员 acts as owner', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { orgs, logins } = t.server.data
    const [zhang, li] = await Promise.all(['zhang', 'li'].map((n) => logins.addUser(n, `pw-${n}`, n.toUpperCase())))
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    await orgs.setMember(zfw.id, zhang!.id, 'admin')
    await orgs.setMember(zfw.id, li!.id, 'staff')
    const [asZhang, asLi] = [await login('zhang'), await login('li')]
    // 李娜 makes the department's document, and has it open.
    const made = await asLi('/api/docs', 'POST', { title: '政法委 2023 年绩效文本', org: zfw.id })
    expect(made.status).toBe(201)
    const id = made.body.id as string
    const ydoc = new Y.Doc()
    const provider = new WebsocketProvider(`${t.wsBase}`, id, ydoc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token: (await asLi(`/api/docs/${id}/token`)).body.token } })
    const closed = new Promise<number>((resolve) => provider.on('connection-close', (event: { code: number } | null) => event && resolve(event.code)))
    await until(() => provider.synced, 'synced')
    expect((await asZhang('/api/docs')).body.documents).toEqual([expect.objectContaining({ id, owner: true })])

    // 张伟 takes her out: by the time he has the answer her socket is closed, and she can do nothing with the document.
    const out = await asZhang(`/api/orgs/${zfw.id}/members/li`, 'PUT', { role: null })
    expect(out.status).toBe(200)
    ydoc.getXmlFragment('content').insert(0, [new Y.XmlText('离开后写入')])
    expect(await closed).toBe(4403)
    provider.disconnect()
    await t.server.relay.flush()
    expect((await t.server.data.service.text(id)).title).not.toContain('离开后写入')
    expect(JSON.stringify(t.server.relay.loadedDocument(id)?.getXmlFragment('content').toJSON() ?? '')).not.toContain('离开后写入')
    expect((await asLi('/api/docs')).body.documents).toEqual([])
    expect((await asLi(`/api/docs/${id}`, 'DELETE')).status).toBe(404)
    expect((await asLi(`/api/docs/${id}/members/zhang`, 'PUT', { role: null })).status).toBe(404)
    // The department's document stays the department's: 张伟 shares and deletes it as its owner would.
    expect((await asZhang(`/api/docs/${id}/members/li`, 'PUT', { role: 'viewer' })).status).toBe(200)
    expect((await asLi('/api/docs')).body.documents).toEqual([expect.objectContaining({ id, role: 'viewer' })])
    expect((await asZhang(`/api/docs/${id}`, 'DELETE')).status).toBe(200)
  })

  it('staff edit their department’s documents, the assigned reviewer reviews them from the queue, others see nothing', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { orgs, logins } = t.server.data
    const [zhang, li, wang, zhao] = await Promise.all(['zhang', 'li', 'wang', 'zhao'].map((n) => logins.addUser(n, `pw-${n}`, n.toUpperCase())))
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' })
    const wlj = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const czj = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setDocumentOrg(DOC_ID, zfw.id)
    await orgs.setMember(zfw.id, zhang!.id, 'staff')
    await orgs.setMember(wlj.id, li!.id, 'admin')
    await orgs.setMember(czj.id, wang!.id, 'reviewer')
    await orgs.setMember(czj.id, zhao!.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wang!.id }, true)

    const [asZhang, asLi, asWang, asZhao] = (await Promise.all(['zhang', 'li', 'wang', 'zhao'].map((n) => login(n)))) as [Awaited<ReturnType<typeof login>>, Awaited<ReturnType<typeof login>>, Awaited<ReturnType<typeof login>>, Awaited<ReturnType<typeof login>>]
    expect((await asZhang('/api/docs')).body.documents).toEqual([expect.objectContaining({ id: DOC_ID, role: 'editor' })])
    expect((await asWang('/api/docs')).body.documents).toEqual([expect.objectContaining({ id: DOC_ID, role: 'reviewer' })])
    expect((await asLi('/api/docs')).body.documents).toEqual([])
    expect((await asLi(`/api/docs/${DOC_ID}/checks`)).status).toBe(404)
    expect((await asZhao(`/api/docs/${DOC_ID}/checks`)).status).toBe(404)
    expect((await asZhang('/api/orgs')).body.orgs).toEqual([{ ...zfw, role: 'staff' }])

    // The queue: the assigned reviewer's departments' documents, with what a reviewer needs at a glance.
    const queue = (await asWang('/api/queue')).body
    expect(queue.queue).toEqual([
      expect.objectContaining({ id: DOC_ID, departmentOrg: '政法委', department: '政法委部门', year: 2022, total: 116.4, status: expect.objectContaining({ value: '编制中' }), submitted: null, daysWaiting: null }),
    ])
    expect(queue.queue[0].findings.error).toBeGreaterThan(0)
    expect((await asZhao('/api/queue')).body.queue).toEqual([])

    // The bureau's dashboard: every department; a department's 管理员 sees their own; staff are told it is not theirs.
    const board = (await asWang('/api/dashboard')).body
    expect(board.rows).toEqual([expect.objectContaining({ department: '政法委', id: DOC_ID, year: 2022, status: '编制中', total: 116.4, approvedAt: null })])
    expect(board.byYear).toEqual([{ year: '2022', total: 116.4, documents: 1, approved: 0, projectsLeftOut: 0, leftOut: [] }])
    expect((await asLi('/api/dashboard')).body.rows).toEqual([])
    const refused = await asZhang('/api/dashboard')
    expect([refused.status, refused.body.error.message]).toEqual([403, '汇总只对财政局的人员和部门的管理员开放：你不在财政局，也不是哪个部门的管理员'])
    const csv = await fetch(`${t.server.url}/api/dashboard.csv`, { headers: { Cookie: await cookieOf('wang') } })
    const bytes = new Uint8Array(await csv.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]) // the BOM Excel needs to read UTF-8
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('"部门","文档"')).toBe(true)
    expect(text).toContain('"政法委"')

    // Sockets follow the same rule: staff connect as editor, an outsider is refused.
    const connect = async (user: string) => {
      const subject = (await tokenSubject(t.server.data.accounts, user))!
      const provider = new WebsocketProvider(t.wsBase, DOC_ID, new Y.Doc(), {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: issueToken(t.server.data.secret, { ...subject, doc: DOC_ID, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS }) },
      })
      return provider
    }
    const staff = await connect('zhang')
    await until(() => staff.synced, 'staff synced')
    const outsider = await connect('li')
    const closed = await new Promise<number>((resolve) => outsider.once('connection-close', (event: { code: number } | null) => resolve(event?.code ?? 0)))
    expect(closed).toBe(4403)
    outsider.destroy()

    // Leaving the department ends access, on the open socket too.
    await orgs.setMember(zfw.id, zhang!.id, null)
    expect((await asZhang(`/api/docs/${DOC_ID}/checks`)).status).toBe(404)
    staff.destroy()
  })

  it('organisation 管理员 manage members and the bureau’s assignments over HTTP; others may not', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { orgs, logins } = t.server.data
    const [chief, clerk, reviewer, head] = await Promise.all(['chief', 'clerk', 'rev', 'head'].map((n) => logins.addUser(n, `pw-${n}`, n)))
    const dept = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setMember(dept.id, chief!.id, 'admin')
    await orgs.setMember(bureau.id, head!.id, 'admin')
    await orgs.setMember(bureau.id, reviewer!.id, 'reviewer')
    const put = async (who: string, path: string, body: unknown) =>
      (await fetch(`${t.server.url}${path}`, { method: 'PUT', headers: { Cookie: await cookieOf(who), 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status

    expect(await put('chief', `/api/orgs/${dept.id}/members/clerk`, { role: 'staff' })).toBe(200)
    // Someone not yet a member is invited, and joins by accepting.
    const asClerk = await login('clerk')
    const [invitation] = (await asClerk('/api/invitations')).body.invitations as { id: number }[]
    expect((await asClerk(`/api/invitations/${invitation!.id}`, 'POST', { accept: true })).status).toBe(200)
    expect(await put('chief', `/api/orgs/${dept.id}/members/clerk`, { role: 'reviewer' })).toBe(400)
    expect(await put('clerk', `/api/orgs/${dept.id}/members/rev`, { role: 'staff' })).toBe(403)
    expect(await put('rev', `/api/orgs/${dept.id}/members/rev`, { role: 'staff' })).toBe(404)
    expect(await put('chief', `/api/orgs/${dept.id}/members/chief`, { role: null })).toBe(400)
    expect((await orgs.members(dept.id)).map((m) => [m.name, m.role]).sort()).toEqual([['chief', 'admin'], ['clerk', 'staff']])

    expect(await put('rev', `/api/orgs/${bureau.id}/assignments`, { department: '文旅局', reviewer: 'rev' })).toBe(403)
    expect(await put('head', `/api/orgs/${bureau.id}/assignments`, { department: '文旅局', reviewer: 'clerk' })).toBe(400)
    expect(await put('head', `/api/orgs/${bureau.id}/assignments`, { department: '文旅局', reviewer: 'rev' })).toBe(200)
    expect(await orgs.assignments({ userId: reviewer!.id })).toEqual([{ financeOrgId: bureau.id, departmentOrgId: dept.id, userId: reviewer!.id }])

    // A document made in the department belongs to it: the reviewer sees it in the queue, the clerk edits it.
    const created = await fetch(`${t.server.url}/api/docs`, { method: 'POST', headers: { Cookie: await cookieOf('chief'), 'Content-Type': 'application/json' }, body: JSON.stringify({ title: '文旅局 2027', org: dept.id }) })
    expect(created.status).toBe(201)
    const { id } = (await created.json()) as { id: string }
    expect(await t.server.data.permissions.roleOf(id, clerk!.id)).toBe('editor')
    expect(((await (await login('rev'))('/api/queue')).body.queue as { id: string }[]).map((r) => r.id)).toEqual([id])
    const foreign = await fetch(`${t.server.url}/api/docs`, { method: 'POST', headers: { Cookie: await cookieOf('rev'), 'Content-Type': 'application/json' }, body: JSON.stringify({ org: dept.id }) })
    expect(foreign.status).toBe(403)

    // The bureau's 报送 deadline: the queue and the document show it, overdue while the department still holds the document.
    const year = new Date().getFullYear() + 1
    expect(await put('rev', `/api/orgs/${bureau.id}/deadlines`, { year, date: '2020-01-01' })).toBe(403)
    expect(await put('head', `/api/orgs/${bureau.id}/deadlines`, { year, date: '2020-13-45' })).toBe(400)
    expect(await put('head', `/api/orgs/${bureau.id}/deadlines`, { year, date: '2020-01-01' })).toBe(200)
    const row = ((await (await login('rev'))('/api/queue')).body.queue as { deadline: { dueAt: number; overdue: boolean } }[])[0]!
    expect(row.deadline).toEqual({ dueAt: Date.parse('2020-01-01T23:59:59+08:00'), overdue: true })
    expect((await (await login('clerk'))(`/api/docs/${id}/deadline`)).body.deadline.overdue).toBe(true)
    // Read back as its 管理员 set it (人员管理 lists them), by nobody else.
    expect((await (await login('head'))(`/api/orgs/${bureau.id}/deadlines`)).body).toEqual({ deadlines: [{ year, date: '2020-01-01' }] })
    expect((await (await login('rev'))(`/api/orgs/${bureau.id}/deadlines`)).status).toBe(403)
    expect((await (await login('clerk'))(`/api/orgs/${bureau.id}/deadlines`)).status).toBe(404)
  })

  it('an organisation’s 管理员 opens accounts for colleagues and resets their passwords — never for someone another organisation holds', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { orgs, logins } = t.server.data
    const [chief, outsider, shared] = await Promise.all(['chief', 'outsider', 'shared'].map((n) => logins.addUser(n, `pw-${n}`, n)))
    const dept = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const other = await orgs.addOrg({ name: '教育局', kind: 'department', code: '' })
    await orgs.setMember(dept.id, chief!.id, 'admin')
    await orgs.setMember(other.id, outsider!.id, 'admin')
    await orgs.setMember(dept.id, shared!.id, 'staff')
    await orgs.setMember(other.id, shared!.id, 'staff')
    const asChief = await login('chief')

    const created = await asChief(`/api/orgs/${dept.id}/users`, 'POST', { name: 'wangfang', displayName: '王芳', password: 'first-password', role: 'staff' })
    expect(created).toEqual({ status: 201, body: { user: { name: 'wangfang', displayName: '王芳', role: 'staff' } } })
    expect((await asChief(`/api/orgs/${dept.id}/members`)).body.members.map((m: { name: string; displayName: string; role: string }) => [m.name, m.displayName, m.role]))
      .toContainEqual(['wangfang', '王芳', 'staff'])
    expect((await loginAt(t.server.url, 'wangfang', 'first-password')).cookie).not.toBe('')

    // Refused, each with a reason: a taken name, a bad name, a short password, a role the organisation has not, a non-admin.
    const refused = async (who: typeof asChief, body: Record<string, unknown>) => (await who(`/api/orgs/${dept.id}/users`, 'POST', { name: 'newone', displayName: '新人', password: 'long-enough', role: 'staff', ...body })).status
    expect(await refused(asChief, { name: 'wangfang' })).toBe(409)
    expect(await refused(asChief, { name: 'Wang Fang' })).toBe(400)
    expect(await refused(asChief, { password: 'short' })).toBe(400)
    expect(await refused(asChief, { role: 'reviewer' })).toBe(400)
    expect(await refused(asChief, { displayName: '' })).toBe(400)
    expect(await refused(await login('wangfang', 'first-password'), {})).toBe(403)
    expect(await refused(await login('outsider'), {})).toBe(404)

    // A forgotten password: the 管理员 sets a new one; the old one and the old session stop working.
    const { cookie: oldSession } = await loginAt(t.server.url, 'wangfang', 'first-password')
    expect((await asChief(`/api/orgs/${dept.id}/members/wangfang/password`, 'POST', { password: 'second-password' })).status).toBe(200)
    expect((await fetch(`${t.server.url}/api/me`, { headers: { Cookie: oldSession } })).status).toBe(401)
    expect((await fetch(`${t.server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'wangfang', password: 'first-password' }) })).status).toBe(401)
    expect((await loginAt(t.server.url, 'wangfang', 'second-password')).cookie).not.toBe('')
    // Not for someone another organisation also holds, nor for a stranger.
    expect((await asChief(`/api/orgs/${dept.id}/members/shared/password`, 'POST', { password: 'taken-over!' })).status).toBe(403)
    expect((await asChief(`/api/orgs/${dept.id}/members/outsider/password`, 'POST', { password: 'taken-over!' })).status).toBe(404)
    expect(await logins.authenticate('shared', 'pw-shared')).toBeTruthy()
  })

  it('notifies: 报送 the assigned reviewer, 退回修改 the department’s staff, an @mention and a reply the people named; read when opened', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    const { notifications } = t.server.data
    const { zhang, wang } = await reviewedDepartment(t)
    const step = async (who: string, action: string, note?: string) =>
      (await fetch(`${t.server.url}/api/docs/${DOC_ID}/workflow`, { method: 'POST', headers: { Cookie: await cookieOf(who), 'Content-Type': 'application/json' }, body: JSON.stringify({ action, note }) })).status

    expect(await step('zhang', 'submit')).toBe(200)
    expect((await notifications.list(wang.id)).map((n) => n.text)).toEqual([expect.stringContaining('张伟对“测试文档”报送')])
    expect(await notifications.list(zhang.id)).toEqual([])
    expect(await step('wang', 'start-review')).toBe(200)
    expect(await step('wang', 'return', '请补充成本指标')).toBe(200)
    expect((await notifications.list(zhang.id))[0]!.text).toBe('王芳对“测试文档”退回修改：请补充成本指标')
    // Withdrawn, approved and the approval revoked: each side hears of what changes its work.
    expect(await step('zhang', 'submit')).toBe(200)
    expect(await step('zhang', 'withdraw')).toBe(200)
    expect((await notifications.list(wang.id))[0]!.text).toBe('张伟对“测试文档”撤回报送')
    expect(await step('zhang', 'submit')).toBe(200)
    expect(await step('wang', 'start-review')).toBe(200)
    expect(await step('wang', 'approve', '经核对可以通过')).toBe(200)
    expect(await step('wang', 'revoke-approval')).toBe(200)
    expect((await notifications.list(zhang.id))[0]!.text).toBe('王芳对“测试文档”撤销审核通过')

    // A comment naming 张伟, then his reply: each hears of the other's words.
    const reviewer = await t.client('wang', 'reviewer')
    await until(() => reviewer.synced, 'reviewer synced')
    const goal = textAt(reviewer.doc, { goal: 0 })
    createThread(reviewer.doc, { id: 'n1', start: Y.createRelativePositionFromTypeIndex(goal, 0), end: Y.createRelativePositionFromTypeIndex(goal, 2), quote: '一是', author: 'wang', text: '@张伟 请量化', now: Date.now(), commentId: 'c1' })
    await until(async () => (await notifications.list(zhang.id)).some((n) => n.kind === 'mention'), 'mention notified')
    const staff = await t.client('zhang', 'editor')
    await until(() => staff.synced, 'staff synced')
    reply(staff.doc, 'n1', { id: 'c2', author: 'zhang', text: '已量化为≥4次', now: Date.now() })
    await until(async () => (await notifications.list(wang.id)).some((n) => n.kind === 'reply'), 'reply notified')
    expect((await notifications.list(wang.id))[0]!.text).toContain('张伟回复了')

    // The bell: unread count (退回修改, 审核通过, 撤销审核通过, the mention), then read.
    const asZhang = await login('zhang')
    expect((await asZhang('/api/notifications')).body.unread).toBe(4)
    await fetch(`${t.server.url}/api/notifications/read`, { method: 'POST', headers: { Cookie: await cookieOf('zhang'), 'Content-Type': 'application/json' }, body: '{}' })
    expect((await asZhang('/api/notifications')).body.unread).toBe(0)
  })

  it('an organisation or invitation named by anything but its number is one that does not exist, on every store', async () => {
    t = await startTestServer()
    const chief = await t.server.data.logins.addUser('qin', 'pw-qin', '秦岚')
    const org = await t.server.data.orgs.addOrg({ name: '住建局', kind: 'department', code: '' })
    await t.server.data.orgs.setMember(org.id, chief.id, 'admin')
    const asQin = await login('qin')
    for (const id of ['abc', '1e3', '-1', '0', '99999999999999999999']) {
      expect(await asQin(`/api/orgs/${id}/members`)).toMatchObject({ status: 404, body: { error: { code: 'org-not-found' } } })
      expect(await asQin(`/api/orgs/${org.id}/invitations/${id}`, 'DELETE')).toMatchObject({ status: 404, body: { error: { code: 'invitation-not-found' } } })
      expect(await asQin(`/api/invitations/${id}`, 'POST', { accept: true })).toMatchObject({ status: 404, body: { error: { code: 'invitation-not-found' } } })
    }
  })
})

