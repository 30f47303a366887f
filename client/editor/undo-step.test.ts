import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { undoOneStep } from './undo-step'

/** Two fields typed in one after the other by "me", tracked as separate steps. */
function twoEdits() {
  const doc = new Y.Doc()
  const a = doc.getText('a')
  const b = doc.getText('b')
  const me = { me: true }
  const undo = new Y.UndoManager([a, b], { trackedOrigins: new Set([me]), captureTimeout: 0 })
  doc.transact(() => a.insert(0, '甲'), me)
  undo.stopCapturing()
  doc.transact(() => b.insert(0, '乙'), me)
  return { doc, a, b, undo }
}

describe('one Ctrl+Z, one step', () => {
  it('undoes the last edit, then the one before, and redoes them', () => {
    const { a, b, undo } = twoEdits()
    expect(undoOneStep(undo, 'undo')).toBe(true)
    expect([a.toString(), b.toString()]).toEqual(['甲', ''])
    expect(undoOneStep(undo, 'undo')).toBe(true)
    expect(a.toString()).toBe('')
    expect(undoOneStep(undo, 'undo')).toBe(false)
    expect(undoOneStep(undo, 'redo')).toBe(true)
    expect(a.toString()).toBe('甲')
  })

  it('does nothing when someone else already took back the last edit, and never reaches the one before', () => {
    const { doc, a, b, undo } = twoEdits()
    doc.transact(() => b.delete(0, 1), 'server') // 恢复此项目 on the server
    expect(undoOneStep(undo, 'undo')).toBe(false)
    expect([a.toString(), b.toString()]).toEqual(['甲', ''])
    // The step is used up: the next Ctrl+Z undoes the edit before it, as a second step.
    expect(undoOneStep(undo, 'undo')).toBe(true)
    expect(a.toString()).toBe('')
  })

  it('is what Yjs alone gets wrong', () => {
    const { doc, a, b, undo } = twoEdits()
    doc.transact(() => b.delete(0, 1), 'server')
    undo.undo()
    expect([a.toString(), b.toString()]).toEqual(['', ''])
  })
})
