/**
 * The comment activity a transaction carried — threads started, replies,
 * threads resolved or reopened — read from the transaction the server
 * applied, for the document's activity log.
 */
import * as Y from 'yjs'
import type { ActivityEvent } from '../history/activity'
import { threadsOf } from '../model/y-document'

export type CommentActivity = Extract<ActivityEvent, { kind: 'comment' }>

const str = (value: unknown) => (typeof value === 'string' ? value : '')
/** `@王芳` or `@wangfang` in a comment: the name, up to a space or punctuation. */
export const mentionsIn = (text: string): string[] => [...new Set([...text.matchAll(/@([^\s@，。,.:：;；!！?？、）)]+)/g)].map((m) => m[1]!))]
/** Enough of a comment to recognise it in a log line. */
const excerpt = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text)

export function threadActivity(transaction: Y.Transaction): CommentActivity[] {
  const threads = threadsOf(transaction.doc)
  const events: CommentActivity[] = []
  for (const [type, keys] of transaction.changed) {
    if (type === (threads as Y.AbstractType<unknown>)) {
      for (const key of keys) {
        const thread = key === null ? undefined : threads.get(key)
        if (!(thread instanceof Y.Map)) continue
        const first = (thread.get('comments') as Y.Array<Y.Map<unknown>> | undefined)?.get(0)
        const text = str(first?.get('text'))
        events.push({ kind: 'comment', action: 'created', quote: excerpt(str(thread.get('quote'))), text: excerpt(text), mentions: mentionsIn(text) })
      }
      continue
    }
    // A thread's own keys (its status) changed, or its comments (the Y.Array in it).
    const thread = type instanceof Y.Map && type._item?.parent === threads ? type : type._item?.parent
    if (!(thread instanceof Y.Map) || thread._item?.parent !== threads) continue
    const quote = excerpt(str(thread.get('quote')))
    if (type instanceof Y.Map && keys.has('status')) {
      events.push({ kind: 'comment', action: thread.get('status') === 'resolved' ? 'resolved' : 'reopened', quote, text: '' })
    } else if (type instanceof Y.Array) {
      for (let item = type._start; item !== null; item = item.right as Y.Item | null) {
        const added = item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0) && !item.deleted
        const comment = item.content.getContent()[0]
        if (!added || !(comment instanceof Y.Map)) continue
        const text = str(comment.get('text'))
        const participants = [...new Set([str(thread.get('createdBy')), ...(type.toArray() as unknown[]).flatMap((c) => (c instanceof Y.Map && c !== comment ? [str(c.get('author'))] : []))])].filter(Boolean)
        events.push({ kind: 'comment', action: 'replied', quote, text: excerpt(text), participants, mentions: mentionsIn(text) })
      }
    }
  }
  return events
}
