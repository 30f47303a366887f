/**
 * Reviewing and writing are kept apart. The attack (demo data): 文旅局's
 * 管理员 adds the bureau's reviewer 王芳 as 编制人员; she accepts, changes
 * figures without track changes and submits the document into her own
 * queue, where nobody can review it. Here the invitation is refused, an
 * acceptance made possible before the rule or by a race is refused, the
 * bureau cannot assign a department's member, sharing 编辑 with the
 * department's reviewer is refused — and where data stored earlier makes
 * someone both, they review. Real server, real sessions, a real socket.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../auth/access-token'
import { tokenSubject } from '../storage/account-store'
import { loginAt } from '../../test/support/http-session'
import { textAt } from '../../support/document-place'
import { DOC_ID, startTestServer, until, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const SEPARATION = { code: 'review-separation', message: expect.any(String) }

/**
 * 文旅局 (赵敏 zhaomin, 管理员) holding the test document; 政法委 (张伟
 * zhangwei, 管理员); 财政局 (陈刚 chengang, 管理员; 王芳 wangfang and 李华
 * lihua, 审核人员 — 王芳 assigned to 文旅局); 刘洋 liuyang of no organisation.
 */
async function demo() {
  t = await startTestServer()
  const { orgs, logins } = t.server.data
  const names = [['zhaomin', '赵敏'], ['zhangwei', '张伟'], ['chengang', '陈刚'], ['wangfang', '王芳'], ['lihua', '李华'], ['liuyang', '刘洋']] as const
  // One after another: the ids (and so the order members are listed in) follow this order, not which insert wins a race.
  const users = []
  for (const [name, shown] of names) users.push(await logins.addUser(name, `pw-${name}`, shown))
  const [zhaomin, zhangwei, chengang, wangfang, lihua, liuyang] = users
  const [wlj, zfw, czj] = [
    await orgs.addOrg({ name: '文旅局', kind: 'department', code: '217001' }),
    await orgs.addOrg({ name: '政法委', kind: 'department', code: '216001' }),
    await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' }),
  ]
  await orgs.setDocumentOrg(DOC_ID, wlj.id)
  await orgs.setMember(wlj.id, zhaomin!.id, 'admin')
  await orgs.setMember(zfw.id, zhangwei!.id, 'admin')
  await orgs.setMember(czj.id, chengang!.id, 'admin')
  await orgs.setMember(czj.id, wangfang!.id, 'reviewer')
  await orgs.setMember(czj.id, lihua!.id, 'reviewer')
  await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: wlj.id, userId: wangfang!.id }, true)
  const as = async (name: string) => (await loginAt(t.server.url, name)).json
  return { wlj, zfw, czj, ids: { zhaomin: zhaomin!.id, wangfang: wangfang!.id, lihua: lihua!.id, liuyang: liuyang!.id }, as }
}

describe('the bureau’s people and a department’s are kept apart', () => {
  it('a department’s 管理员 cannot invite the bureau’s people, nor the bureau’s 管理员 a department’s; others are invited as before', { timeout: 30_000 }, async () => {
    const { wlj, czj, as } = await demo()
    const [asZhao, asChen] = [await as('zhaomin'), await as('chengang')]

    expect(await asZhao(`/api/orgs/${wlj.id}/members/wangfang`, 'PUT', { role: 'staff' })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: 'wangfang 是财政局的成员，不能同时加入文旅局：财政局审核各部门的文档，审核文档的人不能同时编制文档' } },
    })
    // The whole bureau: its 管理员 may assign any of its people to any department at any time.
    expect(await asZhao(`/api/orgs/${wlj.id}/members/chengang`, 'PUT', { role: 'admin' })).toEqual({ status: 409, body: { error: SEPARATION } })
    expect((await (await as('wangfang'))('/api/invitations')).body.invitations).toEqual([])
    expect((await t.server.data.orgs.members(wlj.id)).map((m) => m.name)).toEqual(['zhaomin'])

    expect(await asChen(`/api/orgs/${czj.id}/members/zhaomin`, 'PUT', { role: 'reviewer' })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: 'zhaomin 是文旅局的成员，不能同时加入财政局：编制文档的人不能同时审核文档，须先退出文旅局' } },
    })
    expect((await (await as('zhaomin'))('/api/invitations')).body.invitations).toEqual([])

    // Someone of neither side, and an unknown name, are invited as before.
    expect(await asZhao(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })).toEqual({ status: 200, body: { ok: true, invited: true } })
    expect(await asZhao(`/api/orgs/${wlj.id}/members/nobody-here`, 'PUT', { role: 'staff' })).toEqual({ status: 200, body: { ok: true, invited: true } })
  })

  it('an acceptance that would put someone on both sides is refused — an invitation from before the rule, or two raced — and the invitation kept to decline', { timeout: 30_000 }, async () => {
    const { wlj, czj, ids, as } = await demo()
    const [asZhao, asChen, asWang, asLiu] = [await as('zhaomin'), await as('chengang'), await as('wangfang'), await as('liuyang')]

    // Made before the rule: 赵敏 invited 王芳.
    await t.server.data.orgs.invite({ orgId: wlj.id, userId: ids.wangfang, role: 'staff', invitedBy: ids.zhaomin, at: Date.now() })
    const [stale] = (await asWang('/api/invitations')).body.invitations
    expect(await asWang(`/api/invitations/${stale.id}`, 'POST', { accept: true })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: '你是财政局的成员，不能同时加入文旅局：财政局审核各部门的文档，审核文档的人不能同时编制文档' } },
    })
    expect((await t.server.data.orgs.members(wlj.id)).map((m) => m.name)).toEqual(['zhaomin'])
    expect((await asWang('/api/invitations')).body.invitations).toEqual([expect.objectContaining({ id: stale.id })])
    expect(await asWang(`/api/invitations/${stale.id}`, 'POST', { accept: false })).toEqual({ status: 200, body: { ok: true } })

    // Raced: both sides invite 刘洋 while he is of neither; the first he accepts wins, the second is refused — either order.
    expect((await asZhao(`/api/orgs/${wlj.id}/members/liuyang`, 'PUT', { role: 'staff' })).body).toEqual({ ok: true, invited: true })
    expect((await asChen(`/api/orgs/${czj.id}/members/liuyang`, 'PUT', { role: 'reviewer' })).body).toEqual({ ok: true, invited: true })
    const invitations = (await asLiu('/api/invitations')).body.invitations as { id: number; org: { name: string } }[]
    const to = (name: string) => invitations.find((i) => i.org.name === name)!.id
    expect(await asLiu(`/api/invitations/${to('财政局')}`, 'POST', { accept: true })).toEqual({ status: 200, body: { ok: true } })
    expect(await asLiu(`/api/invitations/${to('文旅局')}`, 'POST', { accept: true })).toEqual({ status: 409, body: { error: SEPARATION } })
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([expect.objectContaining({ name: '财政局', role: 'reviewer' })])

    // The other order: out of the bureau, 刘洋 joins 文旅局 first; the bureau's invitation is then refused.
    expect(await asChen(`/api/orgs/${czj.id}/members/liuyang`, 'PUT', { role: null })).toEqual({ status: 200, body: { ok: true, was: 'reviewer' } })
    expect(await asLiu(`/api/invitations/${to('文旅局')}`, 'POST', { accept: true })).toEqual({ status: 200, body: { ok: true } })
    await t.server.data.orgs.invite({ orgId: czj.id, userId: ids.liuyang, role: 'reviewer', invitedBy: null, at: Date.now() })
    const [toBureau] = (await asLiu('/api/invitations')).body.invitations
    expect(await asLiu(`/api/invitations/${toBureau.id}`, 'POST', { accept: true })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: '你是文旅局的成员，不能同时加入财政局：编制文档的人不能同时审核文档，须先退出文旅局' } },
    })
    expect((await asLiu('/api/orgs')).body.orgs).toEqual([expect.objectContaining({ name: '文旅局', role: 'staff' })])
  })

  it('the bureau cannot assign a department’s member, or someone who edits its document by name, as its reviewer; nor be shared 编辑 by the department', { timeout: 30_000 }, async () => {
    const { wlj, czj, ids, as } = await demo()
    const [asZhao, asChen] = [await as('zhaomin'), await as('chengang')]
    const reviewers = async () => (await t.server.data.orgs.assignments({ departmentOrgId: wlj.id })).map((a) => a.userId).sort((x, y) => x - y)

    // 李华 made a member of 文旅局 before the rule.
    await t.server.data.orgs.setMember(wlj.id, ids.lihua, 'staff')
    expect(await asChen(`/api/orgs/${czj.id}/assignments`, 'PUT', { department: '文旅局', reviewer: 'lihua' })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: 'lihua 是文旅局的成员，不能审核文旅局的文档：审核文档的人不能同时编制文档，须先由文旅局的管理员将其移出' } },
    })
    expect(await reviewers()).toEqual([ids.wangfang])

    // Out of 文旅局 but sharing its document as 编辑 (given before the rule): refused too, until the share goes.
    await t.server.data.orgs.setMember(wlj.id, ids.lihua, null)
    await t.server.data.accounts.setRole(DOC_ID, ids.lihua, 'editor')
    expect(await asChen(`/api/orgs/${czj.id}/assignments`, 'PUT', { department: '文旅局', reviewer: 'lihua' })).toEqual({ status: 409, body: { error: SEPARATION } })
    await t.server.data.accounts.setRole(DOC_ID, ids.lihua, 'viewer')
    expect(await asChen(`/api/orgs/${czj.id}/assignments`, 'PUT', { department: '文旅局', reviewer: 'lihua' })).toEqual({ status: 200, body: { ok: true } })
    expect(await reviewers()).toEqual([ids.wangfang, ids.lihua].sort((x, y) => x - y))

    // The other order: the department's document shared by name with its reviewer — 只读 yes, 编辑 no.
    const made = await asZhao('/api/docs', 'POST', { title: '文旅局 2025', year: 2025, org: wlj.id })
    expect(made.status).toBe(201)
    expect(await asZhao(`/api/docs/${made.body.id}/members/wangfang`, 'PUT', { role: 'editor' })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: 'wangfang 负责审核文旅局的文档，只能共享为只读：审核文档的人不能同时编制文档' } },
    })
    expect((await asZhao(`/api/docs/${made.body.id}/members/wangfang`, 'PUT', { role: 'viewer' })).status).toBe(200)
    // Nor 编辑 for anyone of the bureau: its 管理员, who reviews no department, could then 报送 and 撤回 it.
    expect(await asZhao(`/api/docs/${made.body.id}/members/chengang`, 'PUT', { role: 'editor' })).toEqual({
      status: 409,
      body: { error: { code: 'review-separation', message: 'chengang 是财政局的成员，只能共享为只读：财政局审核各部门的文档，审核文档的人不能同时编制文档' } },
    })
    expect((await (await as('wangfang'))('/api/docs')).body.documents).toContainEqual(expect.objectContaining({ id: made.body.id, role: 'reviewer' }))
  })

  it('the last reviewer of a department with a document 已报送 is not taken off until another is assigned: it would sit in nobody’s queue', { timeout: 30_000 }, async () => {
    const { czj, as } = await demo()
    const [asZhao, asChen] = [await as('zhaomin'), await as('chengang')]
    expect((await asZhao(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    const off = (reviewer: string) => asChen(`/api/orgs/${czj.id}/assignments`, 'PUT', { department: '文旅局', reviewer, assigned: false })
    expect(await off('wangfang')).toEqual({
      status: 409,
      body: { error: { code: 'assignment-strands-documents', message: '王芳是文旅局唯一的审核人员，文旅局有 1 份文档已报送或审核中：取消后这些文档将无人审核。请先为文旅局分配另一位审核人员' } },
    })
    expect((await (await as('wangfang'))('/api/queue')).body.queue).toEqual([expect.objectContaining({ id: DOC_ID })])
    // Nor is she taken out of the bureau, which ends her assignments with it.
    expect((await asChen(`/api/orgs/${czj.id}/members/wangfang`, 'PUT', { role: null })).body.error).toMatchObject({ code: 'assignment-strands-documents' })
    expect((await (await as('wangfang'))('/api/queue')).body.queue).toEqual([expect.objectContaining({ id: DOC_ID })])
    // Another assigned first, 王芳 is taken off, and the document is in 李华's queue.
    expect((await asChen(`/api/orgs/${czj.id}/assignments`, 'PUT', { department: '文旅局', reviewer: 'lihua' })).status).toBe(200)
    expect((await off('wangfang')).status).toBe(200)
    expect((await (await as('lihua'))('/api/queue')).body.queue).toEqual([expect.objectContaining({ id: DOC_ID })])
  })

  it('taken out of the bureau, a reviewer reviews no more: their assignments go, and one left behind counts for nothing', { timeout: 30_000 }, async () => {
    const { wlj, czj, ids, as } = await demo()
    const asChen = await as('chengang')
    expect(await asChen(`/api/orgs/${czj.id}/members/wangfang`, 'PUT', { role: null })).toEqual({ status: 200, body: { ok: true, was: 'reviewer' } })
    expect(await t.server.data.orgs.assignments({ departmentOrgId: wlj.id })).toEqual([])
    // One left behind (stored before, or by an older command line) opens nothing and leaves 文旅局 with nobody to review.
    await t.server.data.orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: wlj.id, userId: ids.wangfang }, true)
    const asWang = await as('wangfang')
    expect((await asWang('/api/docs')).body.documents).toEqual([])
    expect((await asWang('/api/queue')).body.queue).toEqual([])
    expect((await (await as('zhaomin'))(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'submit' })).body.error).toMatchObject({ code: 'workflow-no-reviewer' })
  })
})

describe('where data stored before the rule makes someone both, they review', () => {
  it('王芳, 文旅局’s reviewer and (before the rule) its 编制人员: a reviewer on the socket and the API, no 报送, and the document is reviewed', { timeout: 30_000 }, async () => {
    const { wlj, ids, as } = await demo()
    await t.server.data.orgs.setMember(wlj.id, ids.wangfang, 'staff')
    const [asZhao, asWang] = [await as('zhaomin'), await as('wangfang')]

    expect((await asWang('/api/docs')).body.documents).toEqual([expect.objectContaining({ id: DOC_ID, role: 'reviewer' })])
    expect((await asZhao(`/api/orgs/${wlj.id}/members`)).body.members).toEqual([
      expect.objectContaining({ name: 'zhaomin', role: 'admin' }),
      expect.objectContaining({ name: 'wangfang', role: 'staff', reviewsHere: true }),
    ])
    expect((await asZhao(`/api/orgs/${wlj.id}/members`)).body.members[0].reviewsHere).toBeUndefined()

    // Her figure typed without a suggestion is refused on the socket: not applied, not stored.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const subject = (await tokenSubject(t.server.data.accounts, 'wangfang'))!
    const provider = new WebsocketProvider(t.wsBase, DOC_ID, new Y.Doc(), {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token: issueToken(t.server.data.secret, { ...subject, doc: DOC_ID, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS }) },
    })
    try {
      await until(() => provider.synced, 'sync')
      const budget = textAt(provider.doc, { project: 0, field: 'budgetTotal' })
      budget.delete(0, budget.length)
      budget.insert(0, '99.00')
      await until(() => warn.mock.calls.some((c) => String(c[0]).includes('修改建议')), 'refusal')
    } finally {
      provider.destroy()
      warn.mockRestore()
    }
    expect((await t.server.data.service.model(DOC_ID)).projects[0]!.budget.total).toBe(10)

    // She cannot submit; the department submits, and she reviews.
    expect(await asWang(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'submit' })).toEqual({ status: 409, body: { error: { code: 'workflow-role', message: '“报送”只能由部门填报人操作' } } })
    expect((await asZhao(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    expect((await asWang('/api/queue')).body.queue).toEqual([expect.objectContaining({ id: DOC_ID, submitted: expect.objectContaining({ by: 'zhaomin' }) })])
    expect((await asWang(`/api/docs/${DOC_ID}/workflow`)).body.actions).toEqual([{ action: 'start-review', label: '开始审核' }])
    expect((await asWang(`/api/docs/${DOC_ID}/workflow`, 'POST', { action: 'start-review' })).status).toBe(200)
  })
})
