import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { contentOf, createYDocument, metaOf } from '../model/y-document'
import { buildDocument } from '../model/build-document'
import { emptyDocumentText } from '../model/template'
import { rootsTouched } from './server-owned'

const touchesMeta = (doc: Y.Doc, update: Uint8Array) => rootsTouched(doc, Y.decodeUpdate(update)).has('meta')

function setup() {
  const server = createYDocument(buildDocument(emptyDocumentText(2024)))
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
  return { server, replica }
}
const updateOf = (replica: Y.Doc, edit: (doc: Y.Doc) => void) => {
  const before = Y.encodeStateVector(replica)
  edit(replica)
  return Y.encodeStateAsUpdate(replica, before)
}

describe('rootsTouched', () => {
  it('sees writes, overwrites and deletions in meta', () => {
    const { server, replica } = setup()
    expect(touchesMeta(server, updateOf(replica, (d) => metaOf(d).set('status', '审核通过')))).toBe(true)
    expect(touchesMeta(server, updateOf(replica, (d) => metaOf(d).set('schemaVersion', 99)))).toBe(true)
    expect(touchesMeta(server, updateOf(replica, (d) => metaOf(d).delete('schemaVersion')))).toBe(true)
  })

  it('lets content edits through, including ones next to existing text', () => {
    const { server, replica } = setup()
    const text = (d: Y.Doc) => (((contentOf(d).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText)
    expect(touchesMeta(server, updateOf(replica, (d) => text(d).insert(2, '年度')))).toBe(false)
    expect(touchesMeta(server, updateOf(replica, (d) => text(d).delete(0, 4)))).toBe(false)
    expect(touchesMeta(server, updateOf(replica, (d) => d.getMap('threads').set('t1', 'x')))).toBe(false)
  })

  it('handles a large offline update: thousands of separate items chained by origin', () => {
    const { server, replica } = setup()
    const text = (d: Y.Doc) => (((contentOf(d).get(0) as Y.XmlElement).get(1) as Y.XmlElement).get(0) as Y.XmlText)
    const update = updateOf(replica, (d) => {
      // Alternating formatting keeps the items from merging into one run.
      for (let i = 0; i < 5000; i++) text(d).insert(text(d).length, 'x', i % 2 ? { insertion: { id: String(i), author: 'a', time: 1 } } : {})
    })
    expect([...rootsTouched(server, Y.decodeUpdate(update))]).toEqual(['content'])
  })
})
