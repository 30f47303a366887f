import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { refusedRuns, restoreAsSuggestions } from './refused-text'

const refusedText = (localState: Uint8Array, doc: Y.Doc) => refusedRuns(localState, doc).map((run) => run.text)

function setup() {
  const server = new Y.Doc()
  const field = new Y.XmlText()
  server.getXmlFragment('content').insert(0, [field])
  field.insert(0, '已同步的内容')
  const local = new Y.Doc()
  Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
  return { server, local, text: (doc: Y.Doc) => doc.getXmlFragment('content').get(0) as Y.XmlText }
}

describe('refused text', () => {
  it('lists the text the local copy has and the document lacks, in typing runs, without deleted text', () => {
    const { server, local, text } = setup()
    text(local).insert(0, '离线写的')
    text(local).insert(text(local).length, '第二段')
    text(local).insert(text(local).length, '删掉的')
    text(local).delete(text(local).length - 3, 3)
    expect(refusedText(Y.encodeStateAsUpdate(local), server)).toEqual(['离线写的', '第二段'])
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local))
    expect(refusedText(Y.encodeStateAsUpdate(local), server)).toEqual([])
  })

  it('puts the runs back where they were typed, as suggested insertions in the restorer’s name', () => {
    const { server, local, text } = setup()
    text(local).insert(3, '（补充）')
    text(local).insert(0, '开头')
    // Meanwhile the server's text changed before the anchor.
    text(server).insert(0, '新')
    const runs = refusedRuns(Y.encodeStateAsUpdate(local), server)
    let n = 0
    const homeless = restoreAsSuggestions(server, runs, () => ({ id: `s${++n}`, author: 'zhao', time: 1 }))
    expect(homeless).toEqual([])
    // Each run goes next to the character it was typed against, as a merge would have put it.
    expect(text(server).toDelta()).toEqual([
      { insert: '新' },
      { insert: '开头', attributes: { insertion: { id: 's2', author: 'zhao', time: 1 } } },
      { insert: '已同步' },
      { insert: '（补充）', attributes: { insertion: { id: 's1', author: 'zhao', time: 1 } } },
      { insert: '的内容' },
    ])
  })

  it('text whose place is gone stays to be copied by hand', () => {
    const { server, local } = setup()
    const fresh = new Y.XmlText()
    local.getXmlFragment('content').insert(1, [fresh])
    fresh.insert(0, '新段落')
    const homeless = restoreAsSuggestions(server, refusedRuns(Y.encodeStateAsUpdate(local), server), () => ({ id: 'x', author: 'zhao', time: 1 }))
    expect(homeless.map((r) => r.text)).toEqual(['新段落'])
  })
})
