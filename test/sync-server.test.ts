/**
 * The sync server with stock y-websocket clients over real sockets and a
 * real SQLite file.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import WebSocket from 'ws'
import { modelOf, readContent } from '@shared/model/y-document'
import { CLOSE } from '@shared/protocol/close-code'
import { issueToken } from '../server/auth/access-token'
import { tokenSubject } from '../server/storage/account-store'
import { runCli } from '../server/cli/run-cli'
import { encodeAwarenessUpdate } from '@shared/protocol/awareness-update'
import { encodeAwareness } from '@shared/protocol/message'
import { logLines, startTestServer, synced, until, DOC_ID, type TestServer } from '../support/test-server'
import { textAt } from '../support/document-place'
import { beforeTheStore } from './support/before-the-store'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** The XmlText of the n-th goal item (creating it if the item is empty). */
function goalText(ydoc: Y.Doc, n = 0): Y.XmlText {
  return textAt(ydoc, { goal: n })
}

/** The XmlText of project p's 预算数 cell. */
function budgetText(ydoc: Y.Doc, p = 0): Y.XmlText {
  return textAt(ydoc, { project: p, field: 'budgetTotal' })
}

const stored = () => t.server.data.service.model(DOC_ID)

describe('sync server', () => {
  it('three clients converge on concurrent edits, and the server stores them', async () => {
    t = await startTestServer()
    const clients = await Promise.all(['a', 'b', 'c'].map((u) => t.client(u, 'editor')))
    await Promise.all(clients.map(synced))
    clients.forEach((p, i) => {
      goalText(p.doc).insert(0, `[${i}]`)
      budgetText(p.doc).insert(budgetText(p.doc).length, String(i))
    })
    const same = () => clients.every((p) => JSON.stringify(readContent(p.doc)) === JSON.stringify(readContent(clients[0]!.doc)))
    await until(() => same() && goalText(clients[0]!.doc).toString().split('[').length === 4, 'convergence')
    const goal = goalText(clients[0]!.doc).toString()
    for (const i of [0, 1, 2]) expect(goal).toContain(`[${i}]`)
    expect((await stored()).overall.goals[0]).toBe(goal)
    expect((await stored()).projects[0]!.budget.total).toBe(modelOf(clients[1]!.doc).projects[0]!.budget.total)
  })

  it('a client that was offline merges its edits on reconnect', async () => {
    t = await startTestServer()
    const [a, b] = [await t.client('a', 'editor'), await t.client('b', 'editor')]
    await Promise.all([synced(a), synced(b)])
    a.disconnect()
    goalText(a.doc).insert(0, '离线修改。')
    goalText(b.doc, 1).insert(0, '在线修改。')
    await until(async () => goalText((await t.server.data.service.load(DOC_ID)), 1).toString().startsWith('在线修改。'), 'b stored')
    a.connect()
    await until(() => goalText(b.doc).toString().startsWith('离线修改。') && goalText(a.doc, 1).toString().startsWith('在线修改。'), 'merge')
    expect((await stored()).overall.goals.slice(0, 2).map((g) => g.slice(0, 5))).toEqual(['离线修改。', '在线修改。'])
  })

  it("refuses a viewer's updates: not applied, stored or relayed; its awareness still goes through", async () => {
    t = await startTestServer()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [editor, viewer] = [await t.client('ed', 'editor'), await t.client('vi', 'viewer')]
    await Promise.all([synced(editor), synced(viewer)])
    const before = await stored()
    goalText(viewer.doc).insert(0, '偷改')
    viewer.awareness.setLocalStateField('cursor', { at: 1 })
    await until(() => warn.mock.calls.some((c) => String(c[0]).includes('Permission denied')), 'permission denied message')
    await until(() => [...editor.awareness.getStates().values()].some((s) => (s as { cursor?: unknown }).cursor), 'viewer awareness')
    goalText(editor.doc, 2).insert(0, '编辑')
    await until(() => goalText(viewer.doc, 2).toString().startsWith('编辑'), 'editor update reaches viewer')
    expect(goalText(editor.doc).toString()).not.toContain('偷改')
    expect((await stored()).overall.goals[0]).toBe(before.overall.goals[0])
    expect(t.server.metrics.refused.get('viewer')).toBeGreaterThan(0)
    warn.mockRestore()
  })

  it("enforces the reviewer rule: a reviewer's plain edit is refused, a marked suggestion is relayed and stored", async () => {
    t = await startTestServer()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const [editor, reviewer] = [await t.client('ed', 'editor'), await t.client('rev', 'reviewer')]
    await Promise.all([synced(editor), synced(reviewer)])
    budgetText(reviewer.doc).insert(0, '9') // no suggestion mark
    await until(() => warn.mock.calls.some((c) => String(c[0]).includes('修改建议')), 'refusal')
    // A refused client's later updates build on what the server never took: it starts again from the server's state.
    reviewer.destroy()
    const fresh = await t.client('rev', 'reviewer')
    await synced(fresh)
    const suggestion = { id: 'b1c6f5a2-0000-4000-8000-000000000001', author: 'rev', time: Date.now() }
    budgetText(fresh.doc, 1).insert(0, '7', { insertion: suggestion })
    await until(() => budgetText(editor.doc, 1).length === 5, 'suggestion relayed')
    expect(budgetText(editor.doc).toString()).toBe('10.00')
    expect(budgetText(editor.doc, 1).toDelta()[0]).toEqual({ insert: '7', attributes: { insertion: suggestion } })
    // The model reads pending suggestions as undecided.
    expect((await stored()).projects[1]!.budget.total).toBe(3)
    expect(JSON.stringify(readContent((await t.server.data.service.load(DOC_ID))))).toContain(suggestion.id)
    warn.mockRestore()
  })

  beforeTheStore('binds awareness to the authenticated user: nobody can claim another name', async () => {
    t = await startTestServer()
    const [a, b] = [await t.client('alice', 'editor'), await t.client('bob', 'editor')]
    await Promise.all([synced(a), synced(b)])
    a.awareness.setLocalStateField('user', { name: 'bob', color: '#ff0000' })
    await until(() => b.awareness.getStates().get(a.awareness.clientID) !== undefined, 'awareness relayed')
    expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({ user: { id: 'alice', name: 'alice', color: '#ff0000' } })
  })

  beforeTheStore('stock clients echoing each other’s awareness raise no warning; claiming another connection’s client does', async () => {
    t = await startTestServer()
    const clients = await Promise.all(['a', 'b', 'c'].map((u) => t.client(u, 'editor')))
    await Promise.all(clients.map(synced))
    const warnings = () => logLines.filter((l) => l.includes('awareness-of-another-connection')).length
    const before = warnings()
    for (let i = 0; i < 5; i++) {
      for (const c of clients) c.awareness.setLocalStateField('cursor', { at: i })
      await until(() => clients.every((c) => clients.every((o) => (c.awareness.getStates().get(o.awareness.clientID) as { cursor?: { at: number } })?.cursor?.at === i)), 'cursors relayed')
    }
    expect(warnings()).toBe(before)
    // The stock provider re-sent every change it heard; a newer state for b's client from a is an impersonation.
    const bState = clients[1]!.awareness.getStates().get(clients[1]!.awareness.clientID)!
    const forged = encodeAwarenessUpdate([{ clientID: clients[1]!.awareness.clientID, clock: 1000, state: { ...bState, cursor: { at: -1 } } }])
    clients[0]!.ws!.send(encodeAwareness(forged) as Uint8Array<ArrayBuffer>)
    await until(() => warnings() === before + 1, 'impersonation warned')
    expect((clients[2]!.awareness.getStates().get(clients[1]!.awareness.clientID) as { cursor: { at: number } }).cursor.at).toBe(4)
  })

  beforeTheStore('a tab back on a new socket while the server still holds its old one takes its client id along: its caret leaves with it', async () => {
    t = await startTestServer()
    const [old, colleague] = [await t.client('lina', 'editor'), await t.client('zhang', 'editor')]
    await Promise.all([synced(old), synced(colleague)])
    const id = old.awareness.clientID
    old.awareness.setLocalStateField('cursor', { at: 1 })
    await until(() => (colleague.awareness.getStates().get(id) as { cursor?: { at: number } } | undefined)?.cursor?.at === 1, 'old caret seen')
    // The network drops the old socket without a close: the server still holds it, and nothing sent on it arrives.
    ;(old.ws as unknown as { send: (data: unknown) => void }).send = () => {}
    // The same tab (its client id) on a new socket.
    const tab = new Y.Doc()
    tab.clientID = id
    const back = await t.client('lina', 'editor', { ydoc: tab })
    await synced(back)
    for (let i = 0; i < 3; i++) back.awareness.setLocalStateField('cursor', { at: 2 })
    back.awareness.setLocalStateField('cursor', { at: 5 })
    await until(() => (colleague.awareness.getStates().get(id) as { cursor?: { at: number } } | undefined)?.cursor?.at === 5, 'the tab’s new caret seen')
    // The tab reloads (a new page, its socket closed): its caret goes at once, not when the old socket times out.
    back.destroy()
    await until(() => !colleague.awareness.getStates().has(id), 'caret gone with the tab')
  })

  it('revoking a role closes that user’s connection for good', async () => {
    t = await startTestServer()
    const viewer = await t.client('vi', 'viewer')
    await synced(viewer)
    const closed = new Promise<{ code: number }>((resolve) => viewer.once('closed', (e) => resolve(e)))
    const user = (await t.server.data.accounts.userByName('vi'))!
    t.server.data.accounts.setRole(DOC_ID, user.id, null)
    t.server.relay.setRole(DOC_ID, user.id, null)
    expect((await closed).code).toBe(4403)
  })

  it('survives every client connecting at once (a restart with no reconnect jitter)', async () => {
    t = await startTestServer()
    for (let u = 0; u < 5; u++) await t.grant(`u${u}`, 'editor')
    // 5 users × 20 connections (the per-user limit), all opened in the same tick.
    const clients = await Promise.all(Array.from({ length: 100 }, (_, i) => t.client(`u${i % 5}`, 'editor')))
    await until(() => clients.every((c) => c.synced), 'all synced', 20_000)
    goalText(clients[0]!.doc).insert(0, '全体')
    await until(() => clients.every((c) => goalText(c.doc).toString().startsWith('全体')), 'all received', 20_000)
    expect(t.server.metrics.connections).toBe(100)
  }, 30_000)

  it('deleting a user from the command line closes their open connection', async () => {
    t = await startTestServer({ roleCheckMs: 50 })
    const editor = await t.client('leaver', 'editor')
    await synced(editor)
    const closed = new Promise<{ code: number }>((resolve) => editor.once('closed', (e) => resolve(e)))
    const io = { stdout: () => {}, stderr: () => {} }
    expect(await runCli(['user', 'remove', 'leaver', ...t.storageArgs], io)).toBe(0)
    expect((await closed).code).toBe(CLOSE.forbidden)
  })

  it('refuses bad tokens, missing documents and documents without a role with permanent close codes', async () => {
    t = await startTestServer()
    const token = await t.grant('x', 'editor')
    await t.server.data.service.create(await t.server.data.service.text(DOC_ID), { id: 'd2', title: 'd2', ownerId: null })
    const secret = t.server.data.secret
    const subject = (await tokenSubject(t.server.data.accounts, 'x'))!
    const tokenFor = (doc: string) => issueToken(secret, { ...subject, doc, exp: Date.now() + 60_000 })
    const expired = issueToken(secret, { ...subject, doc: DOC_ID, exp: Date.now() - 1 })
    expect(await closeCode(`${t.wsBase}/${DOC_ID}?token=bogus`)).toBe(CLOSE.unauthenticated)
    expect(await closeCode(`${t.wsBase}/${DOC_ID}`)).toBe(CLOSE.unauthenticated)
    expect(await closeCode(`${t.wsBase}/${DOC_ID}?token=${expired}`)).toBe(CLOSE.unauthenticated)
    expect(await closeCode(`${t.wsBase}/d2?token=${token}`)).toBe(CLOSE.unauthenticated) // a token is for one document
    expect(await closeCode(`${t.wsBase}/d2?token=${tokenFor('d2')}`)).toBe(CLOSE.forbidden)
    expect(await closeCode(`${t.wsBase}/gone?token=${tokenFor('gone')}`)).toBe(CLOSE.documentNotFound)
  })
})

function closeCode(url: string): Promise<number> {
  return new Promise((resolve) => new WebSocket(url).on('close', (code) => resolve(code)))
}
