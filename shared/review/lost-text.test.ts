import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parsePublishedText } from '../formats/published-text/import'
import { createYDocumentFromText } from '../model/y-document'
import { at, textAt, writeAt } from '../../support/document-place'
import { sampleText } from '../../support/sample'
import { analyseUpdate } from './incoming-update'
import { lostText, type LostText } from './lost-text'

/** The server's document and two people's copies of it, all at one state. */
function threeCopies() {
  const server = createYDocumentFromText(parsePublishedText(sampleText()))
  const copy = (clientID: number) => {
    const doc = new Y.Doc()
    doc.clientID = clientID
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
    return doc
  }
  return { server, zhang: copy(101), li: copy(202) }
}

/** What the change `from` makes after `since` loses when the server applies it, as the relay does: judged by the gate, applied in one transaction, read before garbage collection. */
function applied(server: Y.Doc, from: Y.Doc, since: Uint8Array): LostText {
  const update = Y.encodeStateAsUpdate(from, since)
  let lost: LostText | null = null
  const analysis = analyseUpdate(server, update)
  if (analysis.kind !== 'integrates') throw new Error(analysis.kind)
  const { deletes, onGarbage } = analysis.incoming
  const read = (transaction: Y.Transaction) => (lost = lostText(transaction, deletes, onGarbage))
  server.once('afterTransaction', read)
  Y.applyUpdate(server, update, 'remote')
  return lost!
}

const row = { project: 4, indicator: 0 } as const

describe('lostText', () => {
  it('a row deleted offline takes a colleague’s edit the deleter never saw: said as unseen, with its place', () => {
    const { server, zhang, li } = threeCopies()
    const liKnew = Y.encodeStateVector(li)
    const list = at(li, row).parent as Y.XmlElement
    list.delete(0, 1)
    const zhangKnew = Y.encodeStateVector(zhang)
    writeAt(zhang, { ...row, field: 'value' }, '≥10次')
    expect(applied(server, zhang, zhangKnew)).toEqual({ unseen: [], intoDeleted: [] })
    const lost = applied(server, li, liKnew)
    expect(lost.intoDeleted).toEqual([])
    expect(lost.unseen).toEqual([{ client: 101, text: '≥10次', field: '指标值', project: textAt(zhang, { project: 4, field: 'name' }).toString() }])
  })

  it('text written offline into a row a colleague deleted meanwhile is lost on arrival: said as into-deleted', () => {
    const { server, zhang, li } = threeCopies()
    const liKnew = Y.encodeStateVector(li)
    ;(at(li, row).parent as Y.XmlElement).delete(0, 1)
    applied(server, li, liKnew)
    const zhangKnew = Y.encodeStateVector(zhang)
    writeAt(zhang, { ...row, field: 'basis' }, '《铁路护路联防工作方案》')
    writeAt(zhang, { ...row, field: 'value' }, '≥95%')
    const lost = applied(server, zhang, zhangKnew)
    expect(lost.unseen).toEqual([])
    // The row was collected as garbage on the server: where the text was went with it. Two fields are two pieces.
    expect(lost.intoDeleted.map((r) => r.text).sort()).toEqual(['≥95%', '《铁路护路联防工作方案》'])
    expect(lost.intoDeleted.every((r) => r.client === 101 && r.field === '' && r.project === '')).toBe(true)
  })

  it('what the sender saw and deleted, and what it typed and took back offline, is not lost', () => {
    const { server, zhang, li } = threeCopies()
    const zhangKnew = Y.encodeStateVector(zhang)
    writeAt(zhang, { ...row, field: 'value' }, '≥10次')
    applied(server, zhang, zhangKnew)
    Y.applyUpdate(li, Y.encodeStateAsUpdate(server))
    const liKnew = Y.encodeStateVector(li)
    const text = textAt(li, { project: 5, field: 'name' })
    text.insert(text.length, '（草稿）')
    text.delete(text.length - 4, 4)
    ;(at(li, row).parent as Y.XmlElement).delete(0, 1)
    expect(applied(server, li, liKnew)).toEqual({ unseen: [], intoDeleted: [] })
  })
})
