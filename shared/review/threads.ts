/**
 * Comment threads in the Y.Doc's `threads` map, keyed by thread id:
 *
 *   thread   := Y.Map { id, start, end, quote, status, createdBy, createdAt,
 *                       resolvedBy?, resolvedAt?, comments: Y.Array<comment> }
 *   comment  := Y.Map { id, author, time, text, editedAt?, deleted? }
 *
 * `start`/`end` are Yjs relative positions (base64), so an anchor follows
 * its text through everybody's edits; `quote` keeps the text it was about
 * for when that text is deleted (the thread is then shown detached).
 * Replies are appended to a Y.Array, so concurrent replies all survive.
 *
 * Editing here is plain Yjs; who may do what is `threadsRule` below, which
 * the server applies to every update that touches `threads`.
 */
import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import { threadsOf } from '../model/y-document'

export type ThreadStatus = 'open' | 'resolved'

export interface CommentView {
  id: string
  author: string
  time: number
  text: string
  editedAt: number | null
  deleted: boolean
}

export interface ThreadView {
  id: string
  start: Y.RelativePosition | null
  end: Y.RelativePosition | null
  quote: string
  status: ThreadStatus
  createdBy: string
  createdAt: number
  resolvedBy: string | null
  comments: CommentView[]
}

const encodePosition = (position: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(position))

function decodePosition(value: unknown): Y.RelativePosition | null {
  if (typeof value !== 'string') return null
  try {
    return Y.decodeRelativePosition(fromBase64(value))
  } catch {
    return null
  }
}

function commentMap(author: string, text: string, now: number, id: string): Y.Map<unknown> {
  const comment = new Y.Map<unknown>()
  for (const [key, value] of Object.entries({ id, author, time: now, text })) comment.set(key, value)
  return comment
}

export interface NewThread {
  id: string
  start: Y.RelativePosition
  end: Y.RelativePosition
  quote: string
  author: string
  text: string
  now: number
  commentId: string
}

export function createThread(doc: Y.Doc, thread: NewThread): void {
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    const comments = new Y.Array<Y.Map<unknown>>()
    threadsOf(doc).set(thread.id, map)
    for (const [key, value] of Object.entries({
      id: thread.id,
      start: encodePosition(thread.start),
      end: encodePosition(thread.end),
      quote: thread.quote,
      status: 'open',
      createdBy: thread.author,
      createdAt: thread.now,
    })) map.set(key, value)
    map.set('comments', comments)
    comments.push([commentMap(thread.author, thread.text, thread.now, thread.commentId)])
  })
}

const threadMap = (doc: Y.Doc, id: string) => threadsOf(doc).get(id) as Y.Map<unknown> | undefined
const commentsOf = (thread: Y.Map<unknown>) => thread.get('comments') as Y.Array<Y.Map<unknown>>

export function reply(doc: Y.Doc, threadId: string, comment: { id: string; author: string; text: string; now: number }): void {
  const thread = threadMap(doc, threadId)
  if (thread) commentsOf(thread).push([commentMap(comment.author, comment.text, comment.now, comment.id)])
}

export function setStatus(doc: Y.Doc, threadId: string, status: ThreadStatus, by: string, now: number): void {
  const thread = threadMap(doc, threadId)
  if (!thread) return
  doc.transact(() => {
    thread.set('status', status)
    thread.set('resolvedBy', status === 'resolved' ? by : null)
    thread.set('resolvedAt', status === 'resolved' ? now : null)
  })
}

function findComment(doc: Y.Doc, threadId: string, commentId: string): Y.Map<unknown> | undefined {
  const thread = threadMap(doc, threadId)
  return thread ? commentsOf(thread).toArray().find((c) => c.get('id') === commentId) : undefined
}

export function editComment(doc: Y.Doc, threadId: string, commentId: string, text: string, now: number): void {
  const comment = findComment(doc, threadId, commentId)
  if (!comment) return
  doc.transact(() => {
    comment.set('text', text)
    comment.set('editedAt', now)
  })
}

/** Deleting keeps the comment's place in the thread (and who wrote it), not its words. */
export function deleteComment(doc: Y.Doc, threadId: string, commentId: string, now: number): void {
  const comment = findComment(doc, threadId, commentId)
  if (!comment) return
  doc.transact(() => {
    comment.set('text', '')
    comment.set('deleted', true)
    comment.set('editedAt', now)
  })
}

const str = (value: unknown) => (typeof value === 'string' ? value : '')
const num = (value: unknown) => (typeof value === 'number' ? value : 0)

/** Plain views of every well-formed thread, oldest first. Never throws. */
export function listThreads(doc: Y.Doc): ThreadView[] {
  const threads: ThreadView[] = []
  threadsOf(doc).forEach((value) => {
    if (!(value instanceof Y.Map)) return
    const comments = value.get('comments')
    threads.push({
      id: str(value.get('id')),
      start: decodePosition(value.get('start')),
      end: decodePosition(value.get('end')),
      quote: str(value.get('quote')),
      status: value.get('status') === 'resolved' ? 'resolved' : 'open',
      createdBy: str(value.get('createdBy')),
      createdAt: num(value.get('createdAt')),
      resolvedBy: typeof value.get('resolvedBy') === 'string' ? (value.get('resolvedBy') as string) : null,
      comments: comments instanceof Y.Array
        ? comments.toArray().filter((c): c is Y.Map<unknown> => c instanceof Y.Map).map((c) => ({
            id: str(c.get('id')),
            author: str(c.get('author')),
            time: num(c.get('time')),
            text: str(c.get('text')),
            editedAt: typeof c.get('editedAt') === 'number' ? (c.get('editedAt') as number) : null,
            deleted: c.get('deleted') === true,
          }))
        : [],
    })
  })
  return threads.sort((a, b) => a.createdAt - b.createdAt)
}

/** A thread with all its replies, as JSON: comments are notes, not documents (and each is sent to everyone). */
export const MAX_THREAD_CHARS = 64 * 1024

/** The thread (a value of the threads map) that `type` is or lies in; null for the map itself. */
function threadOf(type: Y.AbstractType<unknown>): Y.AbstractType<unknown> | null {
  let t = type
  while (t._item !== null && (t._item.parent as Y.AbstractType<unknown>)._item !== null) t = t._item.parent as Y.AbstractType<unknown>
  return t._item === null ? null : t
}

/**
 * Who may change which part of a thread, checked on the events of an update
 * applied to a copy: anyone may start a thread in their own name, reply in
 * their own name, and resolve or reopen any thread; only the author may
 * edit or delete a comment; nobody may move an anchor, rewrite a quote or
 * remove a thread.
 */
export function threadsRule(events: Y.YEvent<Y.AbstractType<unknown>>[], user: string): string | null {
  const touched = new Set<Y.AbstractType<unknown>>()
  for (const event of events) {
    const thread = threadOf(event.target)
    if (thread) touched.add(thread)
    else for (const key of event.changes.keys.keys()) touched.add((event.target as Y.Map<unknown>).get(key) as Y.AbstractType<unknown>)
  }
  for (const thread of touched) {
    if (thread instanceof Y.AbstractType && JSON.stringify(thread.toJSON()).length > MAX_THREAD_CHARS) return `一条批注（含回复）不能超过 ${MAX_THREAD_CHARS} 个字符`
  }
  for (const event of events) {
    const target = event.target
    if (target instanceof Y.Map && target.parent === null) {
      // The threads map itself: threads added or removed.
      for (const [key, change] of event.changes.keys) {
        if (change.action !== 'add') return '不能删除或替换批注'
        const thread = (target as Y.Map<unknown>).get(key)
        if (!(thread instanceof Y.Map) || thread.get('createdBy') !== user) return '批注必须以本人名义创建'
        const comments = thread.get('comments')
        if (!(comments instanceof Y.Array) || !comments.toArray().every((c) => c instanceof Y.Map && c.get('author') === user)) {
          return '批注必须以本人名义创建'
        }
      }
    } else if (target instanceof Y.Array) {
      // A thread's comments: replies appended.
      if (event.changes.deleted.size > 0) return '不能移除批注中的回复'
      for (const op of event.changes.delta) {
        for (const comment of (op.insert as unknown[] | undefined) ?? []) {
          if (!(comment instanceof Y.Map) || comment.get('author') !== user) return '回复必须以本人名义发表'
        }
      }
    } else if (target instanceof Y.Map && target.parent instanceof Y.Array) {
      // A comment: only its author edits or deletes it.
      const changes = [...event.changes.keys.keys()]
      if (target.get('author') !== user || changes.some((k) => !['text', 'editedAt', 'deleted'].includes(k))) return '只能修改或删除自己的批注'
    } else if (target instanceof Y.Map) {
      // A thread: only its status changes.
      const changes = [...event.changes.keys.keys()]
      if (changes.some((k) => !['status', 'resolvedBy', 'resolvedAt'].includes(k))) return '不能修改批注的位置、引文或作者'
      const resolvedBy = target.get('resolvedBy')
      if (resolvedBy !== null && resolvedBy !== undefined && resolvedBy !== user) return '只能以本人名义解决批注'
    } else {
      return '批注的格式不正确'
    }
  }
  return null
}
