/**
 * Nothing a user writes is lost, and no update slips past the rules: the
 * reconnect after a workflow step, and each attack on the rules as a raw
 * update sent over a real socket, against a real server. After each, the
 * server's document holds no pending state and every role can still work.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { metaOf, threadsOf } from '@shared/model/y-document'
import { createThread } from '@shared/review/threads'
import { mayEditDirectly, STATUS, STATUS_KEY, statusOf, type Status } from '@shared/review/workflow'
import { rawClient as rawClientOf } from './support/raw-client'
import { deleteOnlyUpdate, replicaOf, updateOf } from './support/raw-update'
import { startTestServer, synced, until, DOC_ID, type TestServer } from '../support/test-server'
import { textAt } from '../support/document-place'
import { beforeTheStore } from './support/before-the-store'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const goalText = (ydoc: Y.Doc, n = 0) => textAt(ydoc, { goal: n })
const budgetText = (ydoc: Y.Doc, p = 0) => textAt(ydoc, { project: p, field: 'budgetTotal' })

const plain = (text: Y.XmlText) => text.toDelta().map((op: { insert: string }) => op.insert).join('')

const serverDoc = () => t.server.relay.loadedDocument(DOC_ID)!
const expectNoPending = () => {
  const doc = serverDoc()
  expect(doc.store.pendingStructs).toBeNull()
  expect(doc.store.pendingDs).toBeNull()
}
const setStatus = (value: Status) => t.server.relay.applyServerChange(DOC_ID, (doc) => metaOf(doc).set(STATUS_KEY, { value, by: 'server', at: Date.now() }))

const rawClient = (user: string, role: 'editor' | 'reviewer' | 'viewer') => rawClientOf(t, user, role)

/** A replica of the server's document as a client would hold it. */
const replicaOfServer = () => replicaOf(serverDoc())
/** Time for a refusal of the last edit to reach its client, were there one: a message that never comes cannot be waited for. */
const settle = () => new Promise((r) => setTimeout(r, 100))

/** Every role can still work on the document: an editor edits (when allowed), a reviewer suggests and comments. */
async function everyRoleWorks() {
  const [editor, reviewer] = [await t.client('ed2', 'editor'), await t.client('rev2', 'reviewer')]
  await Promise.all([synced(editor), synced(reviewer)])
  const status = statusOf(serverDoc())
  if (mayEditDirectly(status)) {
    goalText(editor.doc, 1).insert(0, '编辑可改')
    await until(() => goalText(reviewer.doc, 1).toString().startsWith('编辑可改'), 'editor edit relayed')
  }
  if (status !== STATUS.approved) {
    const mark = { id: crypto.randomUUID(), author: 'rev2', time: Date.now() }
    budgetText(reviewer.doc, 2).insert(0, '5', { insertion: mark })
    const anchor = Y.createRelativePositionFromTypeIndex(goalText(reviewer.doc, 1), 0)
    createThread(reviewer.doc, { id: 't-check', start: anchor, end: anchor, quote: '', author: 'rev2', text: '请核实', now: 1, commentId: 'c1' })
    await until(() => plain(budgetText(editor.doc, 2)).startsWith('5') && threadsOf(editor.doc).has('t-check'), 'reviewer suggestion and comment relayed')
  }
  expectNoPending()
}

describe('reopening after a workflow step', { timeout: 30_000 }, () => {
  for (const status of [STATUS.submitted, STATUS.reviewing, STATUS.returned, STATUS.approved, STATUS.drafting]) {
    it(`after “${status}” an editor’s reconnect is accepted and converges`, async () => {
      t = await startTestServer()
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      // A first step, so every replica's delete set holds a server deletion in meta.
      setStatus(STATUS.submitted)
      const [a, b] = [await t.client('a', 'editor'), await t.client('b', 'editor')]
      await Promise.all([synced(a), synced(b)])
      a.disconnect()
      setStatus(STATUS.reviewing)
      setStatus(status)
      a.connect()
      await synced(a)
      await until(() => statusOf(a.doc) === status, 'status reaches the reconnected client')
      if (mayEditDirectly(status)) {
        goalText(a.doc).insert(0, '重连后修改')
        await until(() => goalText(b.doc).toString().startsWith('重连后修改'), 'edit after reconnect')
      }
      await settle()
      expect(warn.mock.calls.filter((c) => String(c[0]).includes('Permission denied'))).toEqual([])
      expect(t.server.metrics.refused.size).toBe(0)
      expectNoPending()
      warn.mockRestore()
    })
  }

  it('offline edits made while the document was 退回修改 are taken on reconnect', async () => {
    t = await startTestServer()
    setStatus(STATUS.returned)
    const [a, b] = [await t.client('a', 'editor'), await t.client('b', 'editor')]
    await Promise.all([synced(a), synced(b)])
    a.disconnect()
    goalText(a.doc).insert(0, '离线草稿')
    setStatus(STATUS.submitted)
    setStatus(STATUS.reviewing)
    setStatus(STATUS.returned)
    a.connect()
    await until(() => goalText(b.doc).toString().startsWith('离线草稿'), 'offline draft merged')
    expect((await t.server.data.service.model(DOC_ID)).overall.goals[0]).toContain('离线草稿')
    expectNoPending()
  })
})

describe('crafted updates', { timeout: 30_000 }, () => {
  it('a forged status whose origin is the server’s next clock is never integrated, not even after the next step', async () => {
    t = await startTestServer()
    const mallory = await rawClient('mallory', 'editor')
    // Predict the server's next step: its item will be (server client, next clock).
    const predicted = replicaOfServer()
    predicted.clientID = serverDoc().clientID
    Y.applyUpdate(predicted, Y.encodeStateAsUpdate(serverDoc()))
    metaOf(predicted).set(STATUS_KEY, { value: STATUS.submitted, by: 'x', at: 1 })
    const forger = new Y.Doc()
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(predicted))
    const forged = updateOf(forger, (d) => metaOf(d).set(STATUS_KEY, { value: STATUS.approved, by: 'mallory', at: 2 }))
    mallory.send(forged)

    await until(() => mallory.stateRequests === 1, 'the server asks for the full state instead')
    expectNoPending()
    await setStatus(STATUS.submitted)
    expect(statusOf(serverDoc())).toBe(STATUS.submitted)
    expectNoPending()
    // Sent again once its origin exists, it is judged: meta is the server's.
    mallory.send(forged)
    await until(() => mallory.refusals.length === 1, 'refusal')
    expect(mallory.refusals[0]).toContain('只能由服务器修改')
    expect(statusOf(serverDoc())).toBe(STATUS.submitted)
    t = await t.restart()
    expect((await t.server.data.service.status(DOC_ID)).value).toBe(STATUS.submitted)
    await everyRoleWorks()
  })

  it('a pending deletion of the next status item, and a content insert with a clock gap, never integrate', async () => {
    t = await startTestServer()
    const mallory = await rawClient('mallory', 'editor')
    const doc = serverDoc()
    const next = Y.getState(doc.store, doc.clientID)
    mallory.send(deleteOnlyUpdate(doc.clientID, next, 1))
    // Content typed by a client whose first update the server never got.
    const writer = replicaOfServer()
    updateOf(writer, (d) => goalText(d).insert(0, '第一'))
    mallory.send(updateOf(writer, (d) => goalText(d).insert(0, '跳过的')))
    await until(() => mallory.stateRequests === 1, 'asked for the full state (once)')
    await setStatus(STATUS.submitted)
    await setStatus(STATUS.reviewing)
    expect(statusOf(serverDoc())).toBe(STATUS.reviewing)
    expect(goalText(serverDoc()).toString()).not.toContain('跳过的')
    expectNoPending()
    await everyRoleWorks()
  })

  it('the second of two inserts alone does not lock reviewers or comments out', async () => {
    t = await startTestServer()
    const mallory = await rawClient('mallory', 'editor')
    const writer = replicaOfServer()
    updateOf(writer, (d) => goalText(d).insert(0, 'A'))
    const second = updateOf(writer, (d) => goalText(d).insert(0, 'B'))
    expect(second.length).toBeLessThan(40)
    mallory.send(second)
    await until(() => mallory.stateRequests === 1, 'asked for the full state')
    expectNoPending()
    await everyRoleWorks()
  })

  beforeTheStore('new roots, oversized thread items and attributes on text by a reviewer are refused', async () => {
    t = await startTestServer()
    const editor = await rawClient('mallory', 'editor')
    const reviewer = await rawClient('eve', 'reviewer')
    editor.send(updateOf(replicaOfServer(), (d) => d.getMap('junk').set('blob', 'x'.repeat(200 * 1024))))
    await until(() => editor.refusals.length === 1, 'new root refused')
    expect(editor.refusals[0]).toContain('不能新增文档部分')
    reviewer.send(updateOf(replicaOfServer(), (d) => threadsOf(d).set('big', 'x'.repeat(100 * 1024))))
    await until(() => reviewer.refusals.length === 1, 'oversized thread refused')
    reviewer.send(updateOf(replicaOfServer(), (d) => budgetText(d).setAttribute('smuggled', 'x'.repeat(1000))))
    await until(() => reviewer.refusals.length === 2, 'attribute on a text node refused')
    expect(reviewer.refusals[1]).toContain('属性')
    expect(serverDoc().share.has('junk')).toBe(false)
    expect(t.server.metrics.refused.get('reviewer')).toBe(2)
    await everyRoleWorks()
  })
})
