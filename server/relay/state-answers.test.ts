import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeMessage, encodeSyncStep2 } from '@shared/protocol/message'
import { MemorySocket } from '../../support/memory-socket'
import { Metrics } from '../metrics'
import { DEFAULT_RELAY_OPTIONS } from './relay'
import { Session } from './session'
import { StateAnswers } from './state-answers'

const NOTHING = Y.encodeStateVector(new Y.Doc())
const metrics = new Metrics()
let sessions = 0
const session = () => new Session(++sessions, 'd', { userId: 1, userName: 'u1', displayName: 'u1' }, 'viewer', new MemorySocket(), DEFAULT_RELAY_OPTIONS, metrics)
const withText = (text: string) => {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return doc
}

describe('state answers', () => {
  it('answers a new client with the stored bytes of a compacted document, encoding nothing', () => {
    const stored = Y.encodeStateAsUpdate(withText('部门整体绩效目标'))
    let kept = 0
    // The room's document is empty here: an answer encoded from it would hold no text.
    const answers = new StateAnswers('d', new Y.Doc(), metrics, () => kept++)
    answers.loaded([stored])
    expect(kept).toBe(1)
    const frame = answers.answer(session(), NOTHING)!
    expect(frame).toEqual(encodeSyncStep2(stored))
    const message = decodeMessage(frame)
    if (message.type !== 'sync-step2') throw new Error(`expected sync step 2, got ${message.type}`)
    const client = new Y.Doc()
    Y.applyUpdate(client, message.update)
    expect(client.getText('t').toString()).toBe('部门整体绩效目标')
  })

  it('encodes from the document when the store holds a snapshot and a log after it, and once changed', () => {
    const doc = withText('一二')
    const answers = new StateAnswers('d', doc, metrics)
    answers.loaded([Y.encodeStateAsUpdate(withText('一')), Y.encodeStateAsUpdate(withText('二'))])
    expect(answers.size).toBe(0)
    const first = answers.answer(session(), NOTHING)!
    expect(answers.answer(session(), NOTHING)).toBe(first)
    answers.changed()
    expect(answers.size).toBe(0)
    expect(answers.answer(session(), NOTHING)).not.toBe(first)
  })

  it('tells the room each time it keeps an answer, so a quiet room can drop it', () => {
    let kept = 0
    const doc = withText('x')
    const answers = new StateAnswers('d', doc, metrics, () => kept++)
    answers.answer(session(), NOTHING)
    answers.answer(session(), NOTHING)
    expect(kept).toBe(1)
    answers.answer(session(), Y.encodeStateVector(doc))
    expect(kept).toBe(2)
  })
})
