import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { buildDocument } from '../model/build-document'
import { createYDocument, threadsOf } from '../model/y-document'
import { checkReviewerUpdate, judgeUpdate } from './reviewer-rule'
import { trialOf } from '../../test/support/trial'
import { createThread, deleteComment, editComment, listThreads, reply, setStatus, threadsRule } from './threads'
import { textAt } from '../../support/document-place'

function setup() {
  const server = createYDocument(buildDocument(parsePublishedText(sampleText())))
  const a = new Y.Doc()
  Y.applyUpdate(a, Y.encodeStateAsUpdate(server))
  return { server, a }
}
const updateOf = (doc: Y.Doc, edit: (doc: Y.Doc) => void) => {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}
/** Project 1's first indicator value (`开展扫黑除恶宣传情况`). */
const text = (doc: Y.Doc) => textAt(doc, { project: 0, indicator: 0, field: 'value' })

function open(doc: Y.Doc, author = 'wangfang', id = 't1') {
  createThread(doc, {
    id,
    start: Y.createRelativePositionFromTypeIndex(text(doc), 2),
    end: Y.createRelativePositionFromTypeIndex(text(doc), 6),
    quote: '扫黑除恶',
    author,
    text: '请写明开展次数',
    now: 1,
    commentId: 'c1',
  })
}

describe('threads', () => {
  it('live in the threads map: create, reply, resolve, reopen, edit and delete one’s own comment', () => {
    const { a } = setup()
    open(a)
    reply(a, 't1', { id: 'c2', author: 'zhangwei', text: '已补充为“≥4次”', now: 2 })
    setStatus(a, 't1', 'resolved', 'zhangwei', 3)
    editComment(a, 't1', 'c1', '请写明开展次数和范围', 4)
    deleteComment(a, 't1', 'c2', 5)
    const [thread] = listThreads(a)
    expect(thread).toMatchObject({ id: 't1', quote: '扫黑除恶', status: 'resolved', resolvedBy: 'zhangwei', createdBy: 'wangfang' })
    expect(thread!.comments.map((c) => [c.author, c.text, c.deleted])).toEqual([['wangfang', '请写明开展次数和范围', false], ['zhangwei', '', true]])
    setStatus(a, 't1', 'open', 'wangfang', 6)
    expect(listThreads(a)[0]).toMatchObject({ status: 'open', resolvedBy: null })
  })

  it('anchors follow their text through concurrent edits', () => {
    const { a } = setup()
    open(a)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    text(b).insert(0, '前面插入')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    const [thread] = listThreads(a)
    const start = Y.createAbsolutePositionFromRelativePosition(thread!.start!, a)!
    const end = Y.createAbsolutePositionFromRelativePosition(thread!.end!, a)!
    expect(text(a).toString().slice(start.index, end.index)).toBe('扫黑除恶')
  })

  it('concurrent replies both survive', () => {
    const { a } = setup()
    open(a)
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    reply(a, 't1', { id: 'ra', author: 'x', text: '甲', now: 2 })
    reply(b, 't1', { id: 'rb', author: 'y', text: '乙', now: 2 })
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(listThreads(a)[0]!.comments.map((c) => c.text).sort()).toEqual(['乙', '甲', '请写明开展次数'])
  })
})

describe('threads rule (server)', () => {
  const rule = (server: Y.Doc, update: Uint8Array, user: string) => judgeUpdate(trialOf(server), update, { threads: (events) => threadsRule(events, user) })
  /** A replica of what the server has now (a client's updates must follow on from what the server took). */
  const replica = (server: Y.Doc) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
    return doc
  }
  /** Decides, and on acceptance applies to the server, as the relay does. */
  const send = (server: Y.Doc, update: Uint8Array, user: string) => {
    const decision = rule(server, update, user)
    if (decision.allowed) Y.applyUpdate(server, update)
    return decision
  }

  it('lets anyone start a thread and reply in their own name, and resolve any thread', () => {
    const { server, a } = setup()
    const opened = updateOf(a, (d) => open(d))
    expect(checkReviewerUpdate(trialOf(server), opened, 'wangfang')).toEqual({ allowed: true })
    expect(send(server, opened, 'wangfang')).toEqual({ allowed: true })
    expect(send(server, updateOf(a, (d) => reply(d, 't1', { id: 'c2', author: 'zhangwei', text: '好', now: 2 })), 'zhangwei')).toEqual({ allowed: true })
    expect(send(server, updateOf(a, (d) => setStatus(d, 't1', 'resolved', 'zhangwei', 3)), 'zhangwei')).toEqual({ allowed: true })
    expect(listThreads(server)[0]).toMatchObject({ status: 'resolved', comments: [{ author: 'wangfang' }, { author: 'zhangwei' }] })
  })

  it('refuses forged authors, editing others’ comments, moving anchors and removing threads', () => {
    const { server } = setup()
    expect(rule(server, updateOf(replica(server), (d) => open(d, 'zhangwei')), 'wangfang').allowed).toBe(false)
    expect(send(server, updateOf(replica(server), (d) => open(d)), 'wangfang')).toEqual({ allowed: true })
    const refused = (user: string, edit: (d: Y.Doc) => void) => rule(server, updateOf(replica(server), edit), user).allowed
    expect(refused('wangfang', (d) => reply(d, 't1', { id: 'x', author: 'someone', text: '冒名', now: 2 }))).toBe(false)
    expect(refused('zhangwei', (d) => editComment(d, 't1', 'c1', '改了你的话', 3))).toBe(false)
    expect(refused('wangfang', (d) => editComment(d, 't1', 'c1', '我改自己的', 3))).toBe(true)
    expect(refused('wangfang', (d) => (threadsOf(d).get('t1') as Y.Map<unknown>).set('quote', '别的'))).toBe(false)
    expect(refused('wangfang', (d) => setStatus(d, 't1', 'resolved', 'other', 3))).toBe(false)
    expect(refused('wangfang', (d) => threadsOf(d).delete('t1'))).toBe(false)
  })
})
