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
  const none = (): SuggestionDecisions => ({ accepted: [], rejected: [], places: { accepted: 0, rejected: 0 } })
  let seen = none()
  server.on('afterTransaction', (transaction: Y.Transaction) => {
    const decisions = suggestionDecisions(transaction)
    seen.accepted.push(...decisions.accepted)
    seen.rejected.push(...decisions.rejected)
    seen.places.accepted += decisions.places.accepted
    seen.places.rejected += decisions.places.rejected
  })
  const ids = () => {
    const result = { accepted: seen.accepted.map((s) => s.id).sort(), rejected: seen.rejected.map((s) => s.id).sort() }
    lastPlaces = seen.places
    seen = none()
    return result
  }
  let lastPlaces = seen.places
  /** The 处 decided, as of the last `ids()`. */
  const places = () => lastPlaces
  return { staff, text, row, proposedRow, fragment, ids, places }
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

  it('a replacement accepted as the editor writes it — a diff of the words that keeps "3." of the old and "50" of the new — is accepted, not half rejected', () => {
    const staff = new Y.Doc()
    const server = new Y.Doc()
    staff.on('update', (update: Uint8Array) => Y.applyUpdate(server, update))
    const text = new Y.XmlText()
    staff.getXmlFragment('content').insert(0, [text])
    text.insert(0, '3.00', { deletion: info('del') })
    text.insert(4, '3.50', { insertion: info('ins') })
    const seen: SuggestionDecisions[] = []
    server.on('afterTransaction', (transaction: Y.Transaction) => seen.push(suggestionDecisions(transaction)))
    staff.transact(() => {
      text.delete(2, 4) // "003." of "3.003.50": what the binding's diff of it and "3.50" removes
      text.format(0, 4, { deletion: null, insertion: null })
    })
    expect(text.toString()).toBe('3.50')
    expect(seen.flatMap((d) => d.accepted.map((s) => s.id)).sort()).toEqual(['del', 'ins'])
    expect(seen.flatMap((d) => d.rejected)).toEqual([])
    expect(seen.reduce((n, d) => n + d.places.accepted, 0)).toBe(1)
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

  it('counts what was decided in 处: 全部替换 (one pair of ids over many places) once per place, a replacement once, a row once', () => {
    const { staff, text, row, ids, places } = setup()
    // 全部替换 of 原 → 新 at three places of another paragraph: one deletion id and one insertion id.
    const replacedAll = new Y.XmlText()
    const paragraph = new Y.XmlElement('paragraph')
    staff.getXmlFragment('content').insert(0, [paragraph])
    paragraph.insert(0, [replacedAll])
    for (let i = 0; i < 3; i++) {
      replacedAll.insert(replacedAll.length, '，', {})
      replacedAll.insert(replacedAll.length, '原', { deletion: info('all-del') })
      replacedAll.insert(replacedAll.length, '新', { insertion: info('all-ins') })
    }
    ids()
    // Accept all: the struck text goes, the new text is kept unmarked; with the first field's three and a row.
    staff.transact(() => {
      for (let at = replacedAll.length - 2; at >= 0; at -= 3) {
        replacedAll.format(at + 1, 1, { insertion: null })
        replacedAll.delete(at, 1)
      }
      text.format(2, 2, { insertion: null })
      text.delete(4, 2)
      text.format(4, 2, { insertion: null })
      row.removeAttribute('suggestion')
    })
    expect(ids()).toEqual({ accepted: ['all-del', 'all-ins', 'del', 'ins', 'ins2'], rejected: ['row-del'] })
    // 3 places replaced; in the first field 新增 beside 删去 (same reviewer, same time) is one replacement, 另增 another place: 2; the row: 1.
    expect(places()).toEqual({ accepted: 5, rejected: 1 })
  })
})
