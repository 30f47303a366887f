import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '../formats/published-text/import'
import { createYDocumentFromText } from '../model/y-document'
import { sampleText } from '../../support/sample'
import { textAt } from '../../support/document-place'
import { createThread, reply, setStatus } from './threads'
import { threadActivity } from './thread-activity'

describe('the comment activity of a transaction', () => {
  it('names a thread started, a reply, and a thread resolved and reopened', () => {
    const doc = createYDocumentFromText(parsePublishedText(sampleText()))
    const events: ReturnType<typeof threadActivity>[] = []
    doc.on('afterTransaction', (transaction: Y.Transaction) => events.push(threadActivity(transaction)))
    const name = textAt(doc, { project: 0, field: 'name' })
    const quote = name.toString()
    createThread(doc, {
      id: 't1', start: Y.createRelativePositionFromTypeIndex(name, 0), end: Y.createRelativePositionFromTypeIndex(name, name.length),
      quote, author: 'wangfang', text: '请核对 @李娜', now: 1, commentId: 'c1',
    })
    reply(doc, 't1', { id: 'c2', author: 'lina', text: '已核对', now: 2 })
    setStatus(doc, 't1', 'resolved', 'lina', 3)
    setStatus(doc, 't1', 'open', 'wangfang', 4)
    expect(events.filter((e) => e.length > 0)).toEqual([
      [{ kind: 'comment', action: 'created', quote, text: '请核对 @李娜', mentions: ['李娜'] }],
      [{ kind: 'comment', action: 'replied', quote, text: '已核对', participants: ['wangfang'], mentions: [] }],
      [{ kind: 'comment', action: 'resolved', quote, text: '' }],
      [{ kind: 'comment', action: 'reopened', quote, text: '' }],
    ])
  })
})
