/**
 * Whoever sends an update speaks for themselves (issue 26): suggestions
 * and comments in someone else's name, structs under a colleague's Yjs
 * client id, awareness for other connections' clients. Each attack as a
 * raw update over a real socket against a real server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { contentOf, threadsOf } from '@shared/model/y-document'
import { createThread } from '@shared/review/threads'
import { rawClient } from './support/raw-client'
import { startTestServer, until, DOC_ID, type TestServer } from './support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const goalItem = (ydoc: Y.Doc, n = 0) => ((contentOf(ydoc).get(1) as Y.XmlElement).get(0) as Y.XmlElement).get(n) as Y.XmlElement
const goalText = (ydoc: Y.Doc, n = 0) => goalItem(ydoc, n).get(0) as unknown as Y.XmlText
const plain = (text: Y.XmlText) => text.toDelta().map((op: { insert: string }) => op.insert).join('')
const serverDoc = () => t.server.relay.loadedDocument(DOC_ID)!
const replicaOfServer = () => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(serverDoc()))
  return doc
}
const updateOf = (doc: Y.Doc, edit: (doc: Y.Doc) => void) => {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}
const mark = (author: string) => ({ id: crypto.randomUUID(), author, time: Date.now() })
/** A round trip after the last frame, so everything sent so far has been handled. */
const settle = () => new Promise((r) => setTimeout(r, 150))

describe('suggestions and comments are in the sender’s name', { timeout: 30_000 }, () => {
  it('an editor cannot write a suggestion as the reviewer’s and accept it; the activity log names nobody', async () => {
    t = await startTestServer()
    const lina = await rawClient(t, 'lina', 'editor')
    const replica = replicaOfServer()
    const forged = updateOf(replica, (d) => goalText(d).insert(0, '王芳建议的', { insertion: mark('wangfang') }))
    lina.send(forged)
    await until(() => lina.refusals.length === 1, 'forged suggestion refused')
    expect(lina.refusals[0]).toContain('本人名义')
    // The accept builds on the refused insert: the server asks for the full state, where the mark is
    // gone (the client collected it). What is left is 李娜's own plain text, and no suggestion was decided.
    lina.send(updateOf(replica, (d) => goalText(d).format(0, 5, { insertion: null })))
    await until(() => lina.stateRequests === 1, 'asked for the full state')
    lina.send(Y.encodeStateAsUpdate(replica))
    await until(() => plain(goalText(serverDoc())).startsWith('王芳建议的'), 'the plain text taken')
    expect(goalText(serverDoc()).toDelta()[0].attributes?.insertion).toBeUndefined()
    await t.server.relay.flush()
    const activity = await t.server.data.service.activity(DOC_ID)
    expect(activity.filter((a) => a.kind === 'suggestions')).toEqual([])
    // A reviewer's forged deletion mark in another reviewer's name: refused the same way.
    const eve = await rawClient(t, 'eve', 'reviewer')
    eve.send(updateOf(replicaOfServer(), (d) => goalText(d).format(0, 2, { deletion: mark('wangfang') })))
    await until(() => eve.refusals.length === 1, 'reviewer’s forged deletion refused')
  })

  it('an editor’s own suggestion is taken, and so is moving a row that holds the reviewer’s pending insertion', async () => {
    t = await startTestServer()
    const lina = await rawClient(t, 'lina', 'editor')
    const wang = await rawClient(t, 'wangfang', 'reviewer')
    wang.send(updateOf(replicaOfServer(), (d) => goalText(d, 1).insert(0, '审核建议', { insertion: mark('wangfang') })))
    lina.send(updateOf(replicaOfServer(), (d) => goalText(d).insert(0, '李娜修订', { insertion: mark('lina') })))
    await until(() => plain(goalText(serverDoc())).includes('李娜修订') && plain(goalText(serverDoc(), 1)).includes('审核建议'), 'both suggestions taken')
    // Moving goal 2 above goal 1, as the editor's 上移 does: the row is deleted and inserted again, marks and all.
    lina.send(
      updateOf(replicaOfServer(), (d) => {
        const list = (contentOf(d).get(1) as Y.XmlElement).get(0) as Y.XmlElement
        const row = goalItem(d, 1)
        const copy = new Y.XmlElement(row.nodeName)
        for (const [key, value] of Object.entries(row.getAttributes())) copy.setAttribute(key, value as string)
        const text = new Y.XmlText()
        copy.insert(0, [text])
        text.applyDelta(goalText(d, 1).toDelta())
        list.delete(1, 1)
        list.insert(0, [copy])
      }),
    )
    await until(() => plain(goalText(serverDoc())).startsWith('审核建议') || lina.refusals.length > 0, 'the moved row taken')
    expect(lina.refusals).toEqual([])
    expect(wang.refusals).toEqual([])
  })

  it('a comment or a thread in another’s name is refused, for editors too', async () => {
    t = await startTestServer()
    const lina = await rawClient(t, 'lina', 'editor')
    const anchor = (d: Y.Doc) => Y.createRelativePositionFromTypeIndex(goalText(d), 0)
    lina.send(updateOf(replicaOfServer(), (d) => createThread(d, { id: 't1', start: anchor(d), end: anchor(d), quote: '', author: 'wangfang', text: '同意', now: 1, commentId: 'c1' })))
    await until(() => lina.refusals.length === 1, 'thread in another’s name refused')
    await settle()
    expect(threadsOf(serverDoc()).has('t1')).toBe(false)
  })
})
