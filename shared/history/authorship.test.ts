import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AuthorIndex, editSessions, joinSessions, SESSION_GAP_MS } from './authorship'
import { attributedContent, attributionOf } from './attributed-content'
import { textOf } from '../../support/document-place'

/** A replica whose every transaction becomes a logged update by `by` at `at`. */
function logged() {
  const doc = new Y.Doc()
  const log: { update: Uint8Array; by: string | null; at: number }[] = []
  let who: { by: string | null; at: number } = { by: null, at: 0 }
  doc.on('update', (update: Uint8Array) => log.push({ update, ...who }))
  const as = (by: string | null, at: number, change: () => void) => {
    who = { by, at }
    doc.transact(change)
  }
  return { doc, log, as }
}

describe('edit sessions and attribution', () => {
  it('groups each person’s updates into sessions split by long pauses, and joins sessions across a compaction', () => {
    const { doc, log, as } = logged()
    const text = doc.getText('t')
    as('zhang', 1_000, () => text.insert(0, '一二'))
    as('wang', 2_000, () => text.insert(2, '三'))
    as('zhang', 3_000, () => text.delete(0, 1))
    as('zhang', 3_000 + SESSION_GAP_MS + 1, () => text.insert(0, '四'))
    const sessions = editSessions(log)
    expect(sessions.map((s) => [s.by, s.inserted, s.deleted])).toEqual([['zhang', 2, 1], ['wang', 1, 0], ['zhang', 1, 0]])
    // The same log folded in two halves reads as the same sessions.
    expect(joinSessions([...editSessions(log.slice(0, 2)), ...editSessions(log.slice(2))]).map((s) => [s.by, s.inserted, s.deleted])).toEqual([['zhang', 2, 1], ['wang', 1, 0], ['zhang', 1, 0]])
  })

  it('counts what a person typed, not the figure cell’s record set with each key (an attribute replaced per keystroke)', () => {
    const { doc, log, as } = logged()
    const cell = new Y.XmlElement('fundsExecuted')
    const text = new Y.XmlText()
    as(null, 0, () => {
      doc.getXmlFragment('content').insert(0, [cell])
      cell.insert(0, [text])
    })
    let typed = ''
    for (const key of '（全年）') {
      typed += key
      as('zhang', 1_000, () => {
        text.insert(text.length, key)
        cell.setAttribute('entered', typed)
      })
    }
    as('zhang', 2_000, () => {
      text.delete(0, 1)
      cell.setAttribute('entered', typed.slice(1))
    })
    const [, zhang] = editSessions(log)
    expect([zhang!.by, zhang!.inserted, zhang!.deleted]).toEqual(['zhang', 4, 1])
  })

  it('counts no comment as text, and a comment or its resolving after the typing does not move the session’s end', () => {
    const { doc, log, as } = logged()
    const text = new Y.XmlText()
    as(null, 0, () => doc.getXmlFragment('content').insert(0, [text]))
    as('zhang', 1_000, () => text.insert(0, '核实'))
    // Eight minutes later, within the pause that splits sessions: a comment with its first reply, then resolved.
    as('zhang', 8 * 60_000, () => {
      const thread = new Y.Map<unknown>()
      doc.getMap('threads').set('t1', thread)
      const comments = new Y.Array<Y.Map<unknown>>()
      thread.set('comments', comments)
      const comment = new Y.Map<unknown>()
      comments.push([comment])
      comment.set('text', '请核对')
    })
    as('zhang', 9 * 60_000, () => (doc.getMap('threads').get('t1') as Y.Map<unknown>).set('status', 'resolved'))
    const [, zhang] = editSessions(log)
    expect([zhang!.inserted, zhang!.deleted, zhang!.from, zhang!.to]).toEqual([2, 0, 1_000, 1_000])
  })

  it('names who last changed each field — a deletion included, a pending suggestion not — and as of a moment', () => {
    const { doc, log, as } = logged()
    const fragment = doc.getXmlFragment('content')
    const [a, b] = [new Y.XmlElement('goalItem'), new Y.XmlElement('goalItem')]
    as(null, 0, () => {
      fragment.insert(0, [a, b])
      a.insert(0, [new Y.XmlText('原文甲')])
      b.insert(0, [new Y.XmlText('原文乙')])
    })
    as('zhang', 10, () => textOf(a).insert(0, '张'))
    as('li', 20, () => textOf(b).delete(0, 1))
    as('wang', 30, () => textOf(b).insert(0, '建议', { insertion: { id: 's', author: 'wang', time: 30 } }))
    const fields = (index: AuthorIndex) => (attributedContent(fragment, index).content ?? []).map((item) => attributionOf(item.content?.[0]?.text ?? ''))
    expect(fields(new AuthorIndex(editSessions(log)))).toEqual([{ by: 'zhang', at: 10 }, { by: 'li', at: 20 }])
    expect(fields(new AuthorIndex(editSessions(log), 15))).toEqual([{ by: 'zhang', at: 10 }, { by: null, at: 0 }])
  })
})
