import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { refusedText } from './refused-text'

describe('refusedText', () => {
  it('lists the text the local copy has and the document lacks, in typing runs, without deleted text', () => {
    const server = new Y.Doc()
    server.getText('t').insert(0, '已同步的内容')
    const local = new Y.Doc()
    Y.applyUpdate(local, Y.encodeStateAsUpdate(server))
    const text = local.getText('t')
    text.insert(0, '离线写的')
    text.insert(text.length, '第二段')
    text.insert(text.length, '删掉的')
    text.delete(text.length - 3, 3)
    expect(refusedText(Y.encodeStateAsUpdate(local), server)).toEqual(['离线写的', '第二段'])
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local))
    expect(refusedText(Y.encodeStateAsUpdate(local), server)).toEqual([])
  })
})
