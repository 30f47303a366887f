import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { foreignSuggestion, KnownSuggestions } from './suggestion-authors'

const mark = (author: string, id = crypto.randomUUID()) => ({ id, author, time: 1 })
const updateOf = (doc: Y.Doc, edit: () => void) => {
  const before = Y.encodeStateVector(doc)
  edit()
  return Y.encodeStateAsUpdate(doc, before)
}

describe('suggestion authors', () => {
  it('a new suggestion in the sender’s name passes, one in another’s name does not', () => {
    // The sender's replica; the server's document (followed) has taken nothing of it.
    const doc = new Y.Doc()
    const known = new KnownSuggestions(new Y.Doc())
    const text = doc.getText('t')
    const own = updateOf(doc, () => text.insert(0, 'a', { insertion: mark('lina') }))
    expect(foreignSuggestion(own, 'lina', (id) => known.authorOf(id))).toBeNull()
    const forged = updateOf(doc, () => text.insert(0, 'b', { insertion: mark('wangfang') }))
    expect(foreignSuggestion(forged, 'lina', (id) => known.authorOf(id))).toContain('本人名义')
    expect(foreignSuggestion(updateOf(doc, () => doc.getMap('m').set('suggestion', { kind: 'insert', ...mark('wangfang') })), 'lina', (id) => known.authorOf(id))).toContain('本人名义')
    expect(foreignSuggestion(updateOf(doc, () => text.format(0, 1, { deletion: 'yes' })), 'lina', (id) => known.authorOf(id))).toContain('格式')
  })

  it('a suggestion the document held passes under its own author, also after it was deleted and collected (an undone rejection)', () => {
    const doc = new Y.Doc({ gc: true })
    const server = new Y.Doc({ gc: true })
    const known = new KnownSuggestions(server)
    const text = doc.getText('t')
    const theirs = mark('wangfang')
    Y.applyUpdate(server, updateOf(doc, () => text.insert(0, '建议', { insertion: theirs })))
    Y.applyUpdate(server, updateOf(doc, () => text.delete(0, 2)))
    const back = updateOf(doc, () => text.insert(0, '建议', { insertion: theirs }))
    expect(foreignSuggestion(back, 'lina', (id) => known.authorOf(id))).toBeNull()
    // The same id under another author is a forgery.
    const renamed = updateOf(doc, () => text.insert(0, 'x', { insertion: { ...theirs, author: 'zhaomin' } }))
    expect(foreignSuggestion(renamed, 'lina', (id) => known.authorOf(id))).toContain('本人名义')
    // Built on a loaded document, it knows what is there (not what was collected before).
    Y.applyUpdate(server, back)
    expect(new KnownSuggestions(server).authorOf(theirs.id)).toBe('wangfang')
  })
})
