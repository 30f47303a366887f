/**
 * Whoever sends an update speaks for themselves (issue 26): suggestions
 * and comments in someone else's name, structs under a colleague's Yjs
 * client id, awareness for other connections' clients. Each attack as a
 * raw update over a real socket against a real server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { CLOSE } from '@shared/protocol/close-code'
import { encodeAwareness } from '@shared/protocol/message'
import { threadsOf } from '@shared/model/y-document'
import { createThread } from '@shared/review/threads'
import { rawClient } from './support/raw-client'
import { gcUpdate, replicaOf, updateOf } from './support/raw-update'
import { startTestServer, synced, until, DOC_ID, type TestServer } from '../support/test-server'
import { at, textAt } from '../support/document-place'
import { beforeTheStore } from './support/before-the-store'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const goalItem = (ydoc: Y.Doc, n = 0) => at(ydoc, { goal: n })
const goalText = (ydoc: Y.Doc, n = 0) => textAt(ydoc, { goal: n })
const plain = (text: Y.XmlText) => text.toDelta().map((op: { insert: string }) => op.insert).join('')
const serverDoc = () => t.server.relay.loadedDocument(DOC_ID)!
const replicaOfServer = () => replicaOf(serverDoc())
const mark = (author: string) => ({ id: crypto.randomUUID(), author, time: Date.now() })

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
        const list = at(d, { list: 'goals' })
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

  it('an editor cannot lengthen a reviewer’s pending suggestion by reusing its id; once it is rejected its text may come back', async () => {
    t = await startTestServer()
    const lina = await rawClient(t, 'lina', 'editor')
    const wang = await rawClient(t, 'wangfang', 'reviewer')
    const theirs = mark('wangfang')
    wang.send(updateOf(replicaOfServer(), (d) => goalText(d).insert(0, '审核建议', { insertion: theirs })))
    await until(() => plain(goalText(serverDoc())).startsWith('审核建议'), 'the reviewer’s suggestion taken')
    // More text under the reviewer's id, right after it and in another field: 王芳 would be proposing 李娜's words.
    lina.send(updateOf(replicaOfServer(), (d) => goalText(d).insert(4, '以及李娜的话', { insertion: theirs })))
    await until(() => lina.refusals.length === 1, 'lengthening refused')
    expect(lina.refusals[0]).toContain('他人的修订建议')
    lina.send(updateOf(replicaOfServer(), (d) => goalText(d, 1).insert(0, '别处', { insertion: theirs })))
    await until(() => lina.refusals.length === 2, 'the same id elsewhere refused')
    await lina.roundTrip()
    expect(plain(goalText(serverDoc()))).not.toContain('李娜的话')
    expect(plain(goalText(serverDoc(), 1))).not.toContain('别处')
    // Rejected (its text deleted), the suggestion is no longer held: bringing it back, as undo does, is taken.
    const replica = replicaOfServer()
    lina.send(updateOf(replica, (d) => goalText(d).delete(0, 4)))
    await until(() => !plain(goalText(serverDoc())).startsWith('审核建议'), 'rejected')
    lina.send(updateOf(replica, (d) => goalText(d).insert(0, '审核建议', { insertion: theirs })))
    await until(() => plain(goalText(serverDoc())).startsWith('审核建议') || lina.refusals.length > 2, 'brought back')
    expect(lina.refusals).toHaveLength(2)
  })

  it('a suggestion typed right after, or inside, a colleague’s pending insertion is taken (Yjs gives the rest its mark back); marking other text with it is not', async () => {
    t = await startTestServer()
    const wang = await rawClient(t, 'wangfang', 'reviewer')
    const qian = await rawClient(t, 'qian', 'reviewer')
    const theirs = mark('wangfang')
    wang.send(updateOf(replicaOfServer(), (d) => goalText(d).insert(0, '审核建议', { insertion: theirs })))
    await until(() => plain(goalText(serverDoc())).startsWith('审核建议'), 'the first reviewer’s suggestion taken')
    // The update Yjs makes for text with marks of one's own at the edge of another's carries the other's mark after it.
    const atEdge = updateOf(replicaOfServer(), (d) => goalText(d).insert(4, '（另议）', { insertion: mark('qian') }))
    expect(Y.decodeUpdate(atEdge).structs.some((s) => s instanceof Y.Item && s.content instanceof Y.ContentFormat && (s.content.value as { author?: string })?.author === 'wangfang')).toBe(true)
    qian.send(atEdge)
    await until(() => plain(goalText(serverDoc())).startsWith('审核建议（另议）') || qian.refusals.length > 0, 'typed at the edge')
    expect(qian.refusals).toEqual([])
    qian.send(updateOf(replicaOfServer(), (d) => goalText(d).insert(2, '意见', { insertion: mark('qian') })))
    await until(() => plain(goalText(serverDoc())).startsWith('审核意见建议') || qian.refusals.length > 0, 'typed inside')
    expect(qian.refusals).toEqual([])
    const authors = goalText(serverDoc()).toDelta().slice(0, 4).map((op: { insert: string; attributes?: { insertion?: { author: string } } }) => [op.insert, op.attributes?.insertion?.author])
    expect(authors).toEqual([['审核', 'wangfang'], ['意见', 'qian'], ['建议', 'wangfang'], ['（另议）', 'qian']])
    // Giving the mark to text that was not under it — the rest of the field — is putting words in her mouth.
    const length = plain(goalText(serverDoc())).length
    qian.send(updateOf(replicaOfServer(), (d) => goalText(d).format(12, length - 12, { insertion: theirs })))
    await until(() => qian.refusals.length === 1, 'marking other text refused')
    expect(qian.refusals[0]).toContain('他人的修订建议')
    expect(wang.refusals).toEqual([])
  })

  beforeTheStore('a comment or a thread in another’s name is refused, for editors too', async () => {
    t = await startTestServer()
    const lina = await rawClient(t, 'lina', 'editor')
    const anchor = (d: Y.Doc) => Y.createRelativePositionFromTypeIndex(goalText(d), 0)
    lina.send(updateOf(replicaOfServer(), (d) => createThread(d, { id: 't1', start: anchor(d), end: anchor(d), quote: '', author: 'wangfang', text: '同意', now: 1, commentId: 'c1' })))
    await until(() => lina.refusals.length === 1, 'thread in another’s name refused')
    await lina.roundTrip()
    expect(threadsOf(serverDoc()).has('t1')).toBe(false)
  })
})

describe('a Yjs client id belongs to the account that first used it', { timeout: 30_000 }, () => {
  const expectNoPending = () => {
    expect(serverDoc().store.pendingStructs).toBeNull()
    expect(serverDoc().store.pendingDs).toBeNull()
  }

  it('a colleague’s or a reviewer’s 13-byte claim on the range of someone’s offline edits is refused; the edits arrive', async () => {
    t = await startTestServer()
    const zhang = await t.client('zhang', 'editor')
    const li = await t.client('li', 'editor')
    await Promise.all([synced(zhang), synced(li)])
    goalText(zhang.doc).insert(0, '在线。')
    await until(() => plain(goalText(serverDoc())).startsWith('在线。'), 'online edit stored')
    zhang.disconnect()
    goalText(zhang.doc).insert(0, '离线修改。')
    const id = zhang.doc.clientID
    const next = Y.getState(serverDoc().store, id)
    const squat = gcUpdate(id, next, 40)
    expect(squat.length).toBeLessThanOrEqual(13)
    const [lina, eve] = [await rawClient(t, 'lina', 'editor'), await rawClient(t, 'eve', 'reviewer')]
    lina.send(squat)
    eve.send(squat)
    await until(() => lina.refusals.length === 1 && eve.refusals.length === 1, 'both claims refused')
    expect(lina.refusals[0]).toContain('属于另一位用户')
    expect(Y.getState(serverDoc().store, id)).toBe(next)
    zhang.connect()
    await until(() => plain(goalText(li.doc)).startsWith('离线修改。在线。'), 'the offline edit reaches a colleague')
    expect((await t.server.data.service.model(DOC_ID)).overall.goals[0]).toContain('离线修改。')
    expectNoPending()
  })

  it('a client id only announced (never written) is bound too, and the binding outlives a restart', async () => {
    t = await startTestServer()
    const ydoc = new Y.Doc()
    const zhang = await t.client('zhang', 'editor', { ydoc })
    await synced(zhang)
    // What the editor does on opening: a name and a colour (awareness ignores a first state of clock 0).
    zhang.awareness.setLocalStateField('user', { color: '#336699' })
    await until(async () => (await t.server.data.documents.load(DOC_ID)).clients.some((c) => c.client === ydoc.clientID), 'the announced id stored')
    zhang.disconnect()
    goalText(ydoc).insert(0, '第一次在离线时写。')
    t = await t.restart()
    const lina = await rawClient(t, 'lina', 'editor')
    lina.send(gcUpdate(ydoc.clientID, 0, 100))
    await until(() => lina.refusals.length === 1, 'claim refused after the restart')
    // Nor may another account announce it as its own.
    const impostor = new Y.Doc()
    impostor.clientID = ydoc.clientID
    const claimed = new Awareness(impostor)
    claimed.setLocalStateField('cursor', { at: 1 })
    lina.ws.send(encodeAwareness(encodeAwarenessUpdate(claimed, [ydoc.clientID])))
    claimed.destroy()
    const li = await t.client('li', 'editor')
    await synced(li)
    await t.client('zhang', 'editor', { ydoc })
    await until(() => plain(goalText(li.doc)).startsWith('第一次在离线时写。'), 'the offline edit arrives')
    expect([...li.awareness.getStates().values()].some((state) => (state.user as { id?: string } | undefined)?.id === 'lina')).toBe(false)
    expectNoPending()
  })

  it('a client’s own collected structs (a row added and deleted offline) are taken', async () => {
    t = await startTestServer()
    const zhang = await t.client('zhang', 'editor')
    await synced(zhang)
    zhang.disconnect()
    const list = at(zhang.doc, { list: 'goals' })
    const row = new Y.XmlElement(goalItem(zhang.doc).nodeName)
    const text = new Y.XmlText()
    row.insert(0, [text])
    text.insert(0, '临时')
    list.insert(0, [row])
    list.delete(0, 1)
    goalText(zhang.doc).insert(0, '保留。')
    const li = await t.client('li', 'editor')
    await synced(li)
    zhang.connect()
    await until(() => plain(goalText(li.doc)).startsWith('保留。'), 'the offline edit arrives')
    expect(t.server.metrics.refused.size).toBe(0)
    expectNoPending()
  })
})

describe('awareness speaks for the connection’s own client', { timeout: 30_000 }, () => {
  /** One awareness message naming `count` invented client ids from `first` on, each with a cursor. */
  const invented = (first: number, count: number) => {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, count)
    for (let id = first; id < first + count; id++) {
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, '{"cursor":1}')
    }
    return encodeAwareness(encoding.toUint8Array(encoder))
  }

  it('a viewer naming thousands of invented client ids is closed; the room keeps none of them and a newcomer joins', async () => {
    t = await startTestServer()
    const mallory = await rawClient(t, 'mallory', 'viewer')
    let sent = 0
    for (let i = 0; i < 400 && mallory.ws.readyState === mallory.ws.OPEN; i++) {
      mallory.ws.send(invented(1000 + i * 500, 500))
      sent += 500
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5))
    }
    expect(await mallory.closed).toBe(CLOSE.refusedRepeatedly)
    expect(sent).toBeLessThan(400 * 500)
    const room = (t.server.relay as unknown as { rooms: Map<string, { awareness: Awareness }> }).rooms.get(DOC_ID)!
    expect(room.awareness.getStates().size).toBeLessThanOrEqual(2)
    // Two for the connection, one the server's own (an awareness starts with a local state).
    expect(room.awareness.meta.size).toBeLessThanOrEqual(3)
    expect((await t.server.data.documents.load(DOC_ID)).clients.length).toBeLessThanOrEqual(2)
    const li = await t.client('li', 'editor')
    await synced(li)
    li.awareness.setLocalStateField('cursor', { at: 2 })
    const zhang = await t.client('zhang', 'editor')
    await synced(zhang)
    await until(() => [...zhang.awareness.getStates().values()].some((s) => (s.user as { id?: string } | undefined)?.id === 'li'), 'a newcomer sees a colleague')
  })
})
