import { describe, expect, it } from 'vitest'
import { NOTICE_WINDOW_MS, NoticeGate } from './notice-gate'

describe('notice gate', () => {
  it('lets the first notice of a sender about a document through in a minute and merges the rest', () => {
    const gate = new NoticeGate()
    expect(gate.admit([1, 2], 'zhang', 'doc', 'mention', 0)).toEqual([1, 2])
    for (let i = 1; i <= 600; i++) expect(gate.admit([1], 'zhang', 'doc', 'reply', i)).toEqual([])
    expect(gate.admit([1], 'zhang', 'other', 'mention', 700)).toEqual([1])
    expect(gate.admit([1], 'li', 'doc', 'mention', 800)).toEqual([1])
    expect(gate.release(NOTICE_WINDOW_MS - 1)).toEqual([])
    expect(gate.release(NOTICE_WINDOW_MS)).toEqual([{ userId: 1, sender: 'zhang', docId: 'doc', kind: 'reply', count: 600 }])
    expect(gate.release(NOTICE_WINDOW_MS + 900)).toEqual([])
    expect(gate.admit([1], 'zhang', 'doc', 'mention', NOTICE_WINDOW_MS + 1000)).toEqual([1])
  })

  it('caps what one person receives per minute from everyone together', () => {
    const gate = new NoticeGate(3)
    const admitted = Array.from({ length: 10 }, (_, i) => gate.admit([7], `sender-${i}`, 'doc', 'mention', i).length)
    expect(admitted).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    expect(gate.release(NOTICE_WINDOW_MS + 10).map((h) => h.count)).toEqual([1, 1, 1, 1, 1, 1, 1])
    expect(gate.admit([7], 'sender-0', 'doc', 'mention', NOTICE_WINDOW_MS + 20)).toEqual([7])
  })
})
