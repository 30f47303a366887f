import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { suggestionDecisions, type SuggestionDecisions } from './suggestion-decisions'

const info = (id: string) => ({ id, author: 'wangfang', time: 1 })

/** A staff replica and the server's, which learns each change only as an update, as on the wire. */
function setup() {
  const staff = new Y.Doc()
  const server = new Y.Doc()
  staff.on('update', (update: Uint8Array) => Y.applyUpdate(server, update))
  const fragment = staff.getXmlFragment('content')
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText()
  const row = new Y.XmlElement('indicator')
  const proposedRow = new Y.XmlElement('indicator')
  fragment.insert(0, [paragraph, row, proposedRow])
  paragraph.insert(0, [text])
  text.insert(0, '原文')
  text.insert(2, '新增', { insertion: info('ins') })
  text.insert(4, '删去', { deletion: info('del') })
  text.insert(6, '另增', { insertion: info('ins2') })
  row.setAttribute('suggestion', { kind: 'delete', ...info('row-del') } as unknown as string)
  proposedRow.setAttribute('suggestion', { kind: 'insert', ...info('row-ins') } as unknown as string)
  // Yjs follows a remote formatting change with a cleanup transaction of its own: collect over both.
  let seen: SuggestionDecisions = { accepted: [], rejected: [] }
  server.on('afterTransaction', (transaction: Y.Transaction) => {
    const decisions = suggestionDecisions(transaction)
    seen.accepted.push(...decisions.accepted)
    seen.rejected.push(...decisions.rejected)
  })
  const ids = () => {
    const result = { accepted: seen.accepted.map((s) => s.id).sort(), rejected: seen.rejected.map((s) => s.id).sort() }
    seen = { accepted: [], rejected: [] }
    return result
  }
  return { staff, text, row, proposedRow, fragment, ids }
}

describe('suggestionDecisions', () => {
  it('accepting an insertion keeps its text and drops the mark; accepting a deletion drops the text', () => {
    const { staff, text, ids } = setup()
    staff.transact(() => {
      text.format(2, 2, { insertion: null })
      text.delete(4, 2)
    })
    expect(ids()).toEqual({ accepted: ['del', 'ins'], rejected: [] })
  })

  it('rejecting an insertion drops its text; rejecting a deletion keeps the text and drops the mark', () => {
    const { staff, text, ids } = setup()
    staff.transact(() => {
      text.format(4, 2, { deletion: null })
      text.delete(6, 2)
    })
    expect(ids()).toEqual({ accepted: [], rejected: ['del', 'ins2'] })
  })

  it('rows: clearing the attribute keeps the row, removing the row drops it', () => {
    const { row, fragment, ids } = setup()
    row.removeAttribute('suggestion')
    expect(ids()).toEqual({ accepted: [], rejected: ['row-del'] })
    fragment.delete(2, 1)
    expect(ids()).toEqual({ accepted: [], rejected: ['row-ins'] })
  })

  it('ordinary typing decides nothing, nor does proposing', () => {
    const { text, ids } = setup()
    text.insert(0, '再写')
    expect(ids()).toEqual({ accepted: [], rejected: [] })
    text.insert(0, '建议', { insertion: info('new') })
    expect(ids()).toEqual({ accepted: [], rejected: [] })
    text.delete(0, 2)
    // Deleting one's own fresh proposal in another transaction: it was pending, now gone.
    expect(ids()).toEqual({ accepted: [], rejected: ['new'] })
  })
})
