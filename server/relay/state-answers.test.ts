import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeMessage, encodeSyncStep2 } from '@shared/protocol/message'
import { StateAnswers } from './state-answers'

/** A document with some text, as one update. */
function documentState(text: string): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}
const NOTHING = Y.encodeStateVector(new Y.Doc())

describe('state answers', () => {
  it('encodes an answer once per document state and state vector', () => {
    const doc = documentState('绩效目标')
    const answers = new StateAnswers()
    let encoded = 0
    const encode = () => (encoded++, Y.encodeStateAsUpdate(doc))
    const first = answers.answer(NOTHING, encode)
    expect(answers.answer(NOTHING, encode)).toBe(first)
    expect(encoded).toBe(1)
    answers.changed()
    expect(answers.answer(NOTHING, encode)).not.toBe(first)
    expect(encoded).toBe(2)
  })

  it('answers a new client with the stored bytes of a compacted document, encoding nothing', () => {
    const stored = Y.encodeStateAsUpdate(documentState('部门整体绩效目标'))
    const answers = new StateAnswers()
    answers.loaded([stored])
    const frame = answers.answer(NOTHING, () => {
      throw new Error('encoded although the stored snapshot answers')
    })
    expect(frame).toEqual(encodeSyncStep2(stored))
    const message = decodeMessage(frame)
    const client = new Y.Doc()
    if (message.type !== 'sync-step2') throw new Error(`expected sync step 2, got ${message.type}`)
    Y.applyUpdate(client, message.update)
    expect(client.getText('t').toString()).toBe('部门整体绩效目标')
  })

  it('encodes when the store holds a snapshot and a log after it, and for a client that has something', () => {
    const doc = documentState('一')
    const answers = new StateAnswers()
    answers.loaded([Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdate(documentState('二'))])
    expect(answers.size).toBe(0)
    answers.loaded([Y.encodeStateAsUpdate(doc)])
    let encoded = 0
    answers.answer(Y.encodeStateVector(doc), () => (encoded++, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))))
    expect(encoded).toBe(1)
  })

  it('keeps a few states at a time, dropping the oldest', () => {
    const answers = new StateAnswers(2)
    const vectors = [1, 2, 3].map((n) => {
      const doc = documentState('x'.repeat(n))
      return Y.encodeStateVector(doc)
    })
    for (const sv of vectors) answers.answer(sv, () => new Uint8Array([0, 0]))
    expect(answers.size).toBe(2)
  })
})
