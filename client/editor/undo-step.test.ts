import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { undoOneStep, watchOthers } from './undo-step'

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
    expect(undoOneStep(undo, 'undo')).toBe('done')
    expect([a.toString(), b.toString()]).toEqual(['甲', ''])
    expect(undoOneStep(undo, 'undo')).toBe('done')
    expect(a.toString()).toBe('')
    expect(undoOneStep(undo, 'undo')).toBe('nothing-left')
    expect(undoOneStep(undo, 'redo')).toBe('done')
    expect(a.toString()).toBe('甲')
  })

  it('does nothing when someone else already took back the last edit, and never reaches the one before', () => {
    const { doc, a, b, undo } = twoEdits()
    doc.transact(() => b.delete(0, 1), 'server') // 恢复此项目 on the server
    expect(undoOneStep(undo, 'undo')).toBe('nothing-left')
    expect([a.toString(), b.toString()]).toEqual(['甲', ''])
    // The step is used up: the next Ctrl+Z undoes the edit before it, as a second step.
    expect(undoOneStep(undo, 'undo')).toBe('done')
    expect(a.toString()).toBe('')
  })

  it('is what Yjs alone gets wrong', () => {
    const { doc, a, b, undo } = twoEdits()
    doc.transact(() => b.delete(0, 1), 'server')
    undo.undo()
    expect([a.toString(), b.toString()]).toEqual(['', ''])
  })
})

/** "me" types 3.00 into a cell (one step), then makes it 3.50 (another): what a figure's acceptance does. */
function figure() {
  const doc = new Y.Doc()
  const cell = doc.getText('cell')
  const other = doc.getText('other')
  const me = { me: true }
  const undo = new Y.UndoManager([cell, other], { trackedOrigins: new Set([me]), captureTimeout: 0 })
  watchOthers(undo)
  doc.transact(() => cell.insert(0, '3.00'), me)
  undo.stopCapturing()
  doc.transact(() => {
    cell.delete(2, 2)
    cell.insert(2, '50')
  }, me)
  return { doc, cell, other, undo, me }
}

describe('Ctrl+Z after a colleague changed the same field', () => {
  it('refuses a step whose text others changed since, uses it up, and leaves their figure whole', () => {
    const { doc, cell, undo } = figure()
    doc.transact(() => {
      cell.delete(2, 1)
      cell.insert(2, '8')
    }, 'remote') // a colleague makes it 3.80
    expect(undoOneStep(undo, 'undo')).toBe('others-changed-it')
    expect(cell.toString()).toBe('3.80')
    // Used up: the next Ctrl+Z is the step before, which others changed too.
    expect(undoOneStep(undo, 'undo')).toBe('others-changed-it')
    expect(cell.toString()).toBe('3.80')
  })

  it('is what Yjs alone gets wrong', () => {
    const { doc, cell, undo } = figure()
    doc.transact(() => {
      cell.delete(2, 1)
      cell.insert(2, '8')
    }, 'remote')
    undo.undo()
    expect(cell.toString()).not.toMatch(/^3\.(00|80)$/)
  })

  it('undoes as before when others changed another field, or changed this one before the step', () => {
    const { doc, cell, other, undo } = figure()
    doc.transact(() => other.insert(0, '乙'), 'remote')
    expect(undoOneStep(undo, 'undo')).toBe('done')
    expect(cell.toString()).toBe('3.00')
    doc.transact(() => cell.insert(4, '0'), 'remote')
    const me = [...undo.trackedOrigins][0]
    doc.transact(() => cell.insert(0, '¥'), me)
    expect(undoOneStep(undo, 'undo')).toBe('done')
    expect(cell.toString()).toBe('3.000')
  })

  it('refuses to take back a row that others have since written in, which would delete their words', () => {
    const doc = new Y.Doc()
    const rows = doc.getXmlFragment('rows')
    const me = { me: true }
    const undo = new Y.UndoManager(rows, { trackedOrigins: new Set([me]), captureTimeout: 0 })
    watchOthers(undo)
    const row = new Y.XmlElement('indicator')
    doc.transact(() => {
      row.insert(0, [new Y.XmlText('')])
      rows.insert(0, [row])
    }, me)
    doc.transact(() => (row.get(0) as Y.XmlText).insert(0, '≥10次'), 'remote')
    expect(undoOneStep(undo, 'undo')).toBe('others-changed-it')
    expect(rows.length).toBe(1)
  })

  it('redoes as before unless others changed the text since the undo', () => {
    const { doc, cell, undo } = figure()
    expect(undoOneStep(undo, 'undo')).toBe('done')
    expect(undoOneStep(undo, 'redo')).toBe('done')
    expect(cell.toString()).toBe('3.50')
    expect(undoOneStep(undo, 'undo')).toBe('done')
    doc.transact(() => cell.insert(0, '约'), 'remote')
    expect(undoOneStep(undo, 'redo')).toBe('others-changed-it')
    expect(cell.toString()).toBe('约3.00')
  })
})
