/**
 * The review steps and the reviewer role belong to the finance bureau. The
 * attack: a department's 管理员 opens an account named 王芳, removes it from
 * the department, shares the department's document with it as 审核, and
 * that account takes 开始审核 → 审核通过. Here it is refused at the share,
 * and a 审核 grant stored before (or by another department's staff) does
 * not count — on the API and on the socket.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import { DEFAULT_TOKEN_LIFETIME_MS, issueToken } from '../auth/access-token'
import { tokenSubject } from '../storage/account-store'
import { loginAt } from '../../test/support/http-session'
import { startTestServer, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** 政法委 (管理员 zhang) with a document zhang made; 文旅局 (编制人员 zhao); 财政局 with 王芳 (wangfang) assigned to 政法委. */
async function departmentsAndBureau() {
  t = await startTestServer()
  const { orgs, logins } = t.server.data
  const [zhang, zhao, wangfang] = await Promise.all([logins.addUser('zhang', 'pw-zhang', '张伟'), logins.addUser('zhao', 'pw-zhao', '赵敏'), logins.addUser('wangfang', 'pw-wangfang', '王芳')])
  const [zfw, wlj, czj] = [await orgs.addOrg({ name: '政法委', kind: 'department', code: '' }), await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' }), await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })]
  await orgs.setMember(zfw.id, zhang.id, 'admin')
  await orgs.setMember(wlj.id, zhao.id, 'staff')
  await orgs.setMember(czj.id, wangfang.id, 'reviewer')
  await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: zfw.id, userId: wangfang.id }, true)
  const admin = (await loginAt(t.server.url, 'zhang')).json
  const created = await admin('/api/docs', 'POST', { title: '政法委绩效文本', year: 2024, org: zfw.id })
  expect(created.status).toBe(201)
  return { admin, zfw, docId: created.body.id as string }
}

/** How a stock y-websocket client with a token for `user` fares: 'synced', or the close code it got. */
async function socketOutcome(user: string, docId: string): Promise<number | 'synced'> {
  const subject = (await tokenSubject(t.server.data.accounts, user))!
  const provider = new WebsocketProvider(t.wsBase, docId, new Y.Doc(), {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: issueToken(t.server.data.secret, { ...subject, doc: docId, exp: Date.now() + DEFAULT_TOKEN_LIFETIME_MS }) },
  })
  try {
    return await new Promise((resolve) => {
      provider.on('sync', (synced: boolean) => synced && resolve('synced'))
      provider.on('connection-close', (event: { code: number } | null) => event && resolve(event.code))
    })
  } finally {
    provider.destroy()
  }
}

describe('only the bureau reviews', () => {
  it('a department cannot make its own account the reviewer and approve its own document', { timeout: 30_000 }, async () => {
    const { admin, zfw, docId } = await departmentsAndBureau()
    expect((await admin(`/api/orgs/${zfw.id}/users`, 'POST', { name: 'wangfang2', displayName: '王芳二', password: 'pw-wangfang2', role: 'staff' })).status).toBe(201)
    expect((await admin(`/api/orgs/${zfw.id}/members/wangfang2`, 'PUT', { role: null })).status).toBe(200)

    const share = await admin(`/api/docs/${docId}/members/wangfang2`, 'PUT', { role: 'reviewer' })
    expect(share.status).toBe(422)
    expect(share.body.error).toEqual({ code: 'reviewer-not-shared', message: expect.stringContaining('审核权限由财政局分配') })
    expect((await admin(`/api/docs/${docId}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)

    // Even a 审核 grant stored before this rule (or by the CLI's older versions) does not make it a reviewer.
    const fake = (await t.server.data.accounts.userByName('wangfang2'))!
    await t.server.data.accounts.setRole(docId, fake.id, 'reviewer')
    const asFake = (await loginAt(t.server.url, 'wangfang2')).json
    expect((await asFake(`/api/docs/${docId}/workflow`, 'POST', { action: 'start-review' })).status).toBe(404)
    expect((await asFake('/api/docs')).body.documents).toEqual([])
    expect(await socketOutcome('wangfang2', docId)).toBe(4403)
    expect((await t.server.data.service.status(docId)).value).toBe('已报送')

    // The bureau's own reviewer still reviews.
    const asWangfang = (await loginAt(t.server.url, 'wangfang')).json
    expect((await asWangfang(`/api/docs/${docId}/workflow`, 'POST', { action: 'start-review' })).status).toBe(200)
    expect((await asWangfang(`/api/docs/${docId}/workflow`, 'POST', { action: 'approve', note: '检查项已与部门逐项核对，同意' })).body).toEqual({ status: expect.objectContaining({ value: '审核通过' }) })
    expect(await socketOutcome('wangfang', docId)).toBe('synced')
  })

  it('two departments’ staff cannot make each other reviewers', { timeout: 30_000 }, async () => {
    const { admin, docId } = await departmentsAndBureau()
    expect((await admin(`/api/docs/${docId}/members/zhao`, 'PUT', { role: 'reviewer' })).status).toBe(422)
    const zhao = (await t.server.data.accounts.userByName('zhao'))!
    await t.server.data.accounts.setRole(docId, zhao.id, 'reviewer')
    const asZhao = (await loginAt(t.server.url, 'zhao')).json
    expect((await admin(`/api/docs/${docId}/workflow`, 'POST', { action: 'submit' })).status).toBe(200)
    expect((await asZhao(`/api/docs/${docId}/workflow`, 'POST', { action: 'start-review' })).status).toBe(404)
    // Sharing 只读 with them still works: per-document sharing grants 编辑/只读.
    expect((await admin(`/api/docs/${docId}/members/zhao`, 'PUT', { role: 'viewer' })).status).toBe(200)
    expect((await asZhao(`/api/docs/${docId}/workflow`)).body.actions).toEqual([])
  })

  it('sharing with an unknown login name answers as sharing with a known one', { timeout: 30_000 }, async () => {
    const { admin, docId } = await departmentsAndBureau()
    const known = await admin(`/api/docs/${docId}/members/zhao`, 'PUT', { role: 'viewer' })
    const unknown = await admin(`/api/docs/${docId}/members/nobody-here`, 'PUT', { role: 'viewer' })
    expect([unknown.status, unknown.body]).toEqual([known.status, known.body])
    const knownRefused = await admin(`/api/docs/${docId}/members/zhao`, 'PUT', { role: 'reviewer' })
    const unknownRefused = await admin(`/api/docs/${docId}/members/nobody-here`, 'PUT', { role: 'reviewer' })
    expect([unknownRefused.status, unknownRefused.body]).toEqual([knownRefused.status, knownRefused.body])
  })
})
