/**
 * The causal gate on raw Yjs updates: what a reconnecting client sends,
 * and what a crafted one can.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { buildDocument } from '../model/build-document'
import { createYDocument, metaOf, threadsOf } from '../model/y-document'
import { emptyDocumentText } from '../model/template'
import { deleteOnlyUpdate } from '../../test/support/raw-update'
import { analyseUpdate, type UpdateAnalysis } from './incoming-update'
import { textAt } from '../../support/document-place'

function setup() {
  const server = createYDocument(buildDocument(emptyDocumentText(2024)))
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
  return { server, replica }
}
const updateOf = (doc: Y.Doc, edit: (doc: Y.Doc) => void) => {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}
const text = (d: Y.Doc) => textAt(d, { field: 'subtitle' })
const roots = (analysis: UpdateAnalysis) => (analysis.kind === 'integrates' ? [...analysis.incoming.roots].sort() : analysis.kind)

describe('analyseUpdate', () => {
  it('sees writes, overwrites and deletions in meta, and content and threads edits where they are', () => {
    const { server, replica } = setup()
    expect(roots(analyseUpdate(server, updateOf(replica, (d) => metaOf(d).set('status', '审核通过'))))).toEqual(['meta'])
    const touched = (edit: (doc: Y.Doc) => void) => {
      const { server: s, replica: r } = setup()
      return roots(analyseUpdate(s, updateOf(r, edit)))
    }
    expect(touched((d) => metaOf(d).delete('schemaVersion'))).toEqual(['meta'])
    expect(touched((d) => text(d).insert(2, '年度'))).toEqual(['content'])
    expect(touched((d) => text(d).delete(0, 1))).toEqual(['content'])
    expect(touched((d) => threadsOf(d).set('t1', 'x'))).toEqual(['threads'])
  })

  it('a reconnect after the server changed meta touches nothing: old deletions and known structs are not new', () => {
    const { server, replica } = setup()
    // The server moves the workflow twice (each set deletes the previous value); the client learns it.
    metaOf(server).set('status', { value: '已报送' })
    metaOf(server).set('status', { value: '审核中' })
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(server, Y.encodeStateVector(replica)))
    // Its sync step 2 carries the whole delete set, the server's meta deletions included.
    const step2 = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server))
    const analysis = analyseUpdate(server, step2)
    expect(analysis).toMatchObject({ kind: 'integrates', incoming: { empty: true } })
    expect(roots(analysis)).toEqual([])
    // With offline typing in it, only the content is new.
    text(replica).insert(0, '离线')
    expect(roots(analyseUpdate(server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server))))).toEqual(['content'])
  })

  it('an item whose origin the server does not have yet is incomplete (the forged-status attack)', () => {
    const { server } = setup()
    const lagging = new Y.Doc()
    Y.applyUpdate(lagging, Y.encodeStateAsUpdate(server))
    // The server's next workflow step, which a forger can predict: its id is the server's next clock.
    const step = updateOf(server, (d) => metaOf(d).set('status', { value: '已报送' }))
    const forger = new Y.Doc()
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(server))
    const forged = updateOf(forger, (d) => metaOf(d).set('status', { value: '审核通过' }))
    // Sent before the step, it names an origin the server does not have: Yjs would keep it pending.
    expect(analyseUpdate(lagging, forged)).toMatchObject({ kind: 'incomplete' })
    Y.applyUpdate(lagging, step)
    expect(roots(analyseUpdate(lagging, forged))).toEqual(['meta'])
  })

  it('a deletion of an id the server does not have yet is incomplete', () => {
    const { server } = setup()
    const next = Y.getState(server.store, server.clientID)
    const update = deleteOnlyUpdate(server.clientID, next, 1)
    expect(analyseUpdate(server, update)).toMatchObject({ kind: 'incomplete' })
    metaOf(server).set('status', { value: '已报送' })
    expect(analyseUpdate(server, update).kind).toBe('integrates')
  })

  it('a gap in a client’s clocks is incomplete: the second of two inserts alone', () => {
    const { server, replica } = setup()
    updateOf(replica, (d) => text(d).insert(0, 'A'))
    const second = updateOf(replica, (d) => text(d).insert(0, 'B'))
    expect(analyseUpdate(server, second)).toMatchObject({ kind: 'incomplete' })
    expect(analyseUpdate(server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server))).kind).toBe('integrates')
  })

  it('an item that waits for another client’s item later in the same update integrates', () => {
    const { server, replica } = setup()
    const other = new Y.Doc()
    Y.applyUpdate(other, Y.encodeStateAsUpdate(replica))
    updateOf(replica, (d) => text(d).insert(0, 'A'))
    Y.applyUpdate(other, Y.encodeStateAsUpdate(replica))
    updateOf(other, (d) => text(d).insert(1, 'B'))
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(other))
    updateOf(replica, (d) => text(d).insert(2, 'C'))
    expect(roots(analyseUpdate(server, Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server))))).toEqual(['content'])
  })

  it('refuses new roots, map entries in the content, subdocuments and oversized items', () => {
    const { server, replica } = setup()
    expect(analyseUpdate(server, updateOf(replica, (d) => d.getMap('junk').set('k', 'x')))).toMatchObject({ kind: 'refused' })
    const r2 = setup()
    expect(analyseUpdate(r2.server, updateOf(r2.replica, (d) => d.getText('other').insert(0, 'x')))).toMatchObject({ kind: 'refused' })
    const r3 = setup()
    expect(analyseUpdate(r3.server, updateOf(r3.replica, (d) => threadsOf(d).set('doc', new Y.Doc())))).toMatchObject({ kind: 'refused' })
    const r4 = setup()
    const big = updateOf(r4.replica, (d) => threadsOf(d).set('t', 'x'.repeat(2000)))
    expect(analyseUpdate(r4.server, big, { updateBytes: 1 << 20, itemBytes: 1000 })).toMatchObject({ kind: 'refused' })
    expect(analyseUpdate(r4.server, big, { updateBytes: 1000, itemBytes: 1 << 20 })).toMatchObject({ kind: 'refused' })
    expect(analyseUpdate(r4.server, big).kind).toBe('integrates')
  })

  it('a malformed update is reported, not thrown', () => {
    const { server } = setup()
    expect(analyseUpdate(server, new Uint8Array([5, 1, 2, 3, 4, 5, 6, 7, 8])).kind).toBe('malformed')
  })

  it('handles a large offline update: thousands of separate items chained by origin', () => {
    const { server, replica } = setup()
    const update = updateOf(replica, (d) => {
      // Alternating formatting keeps the items from merging into one run.
      for (let i = 0; i < 5000; i++) text(d).insert(text(d).length, 'x', i % 2 ? { insertion: { id: String(i), author: 'a', time: 1 } } : {})
    })
    expect(roots(analyseUpdate(server, update))).toEqual(['content'])
  })
})
