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
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    expect([a.toString(), b.toString()]).toEqual(['甲', ''])
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    expect(a.toString()).toBe('')
    expect(undoOneStep(undo, 'undo').outcome).toBe('nothing-left')
    expect(undoOneStep(undo, 'redo').outcome).toBe('done')
    expect(a.toString()).toBe('甲')
  })

  it('does nothing when someone else already took back the last edit, and never reaches the one before', () => {
    const { doc, a, b, undo } = twoEdits()
    doc.transact(() => b.delete(0, 1), 'server') // 恢复此项目 on the server
    expect(undoOneStep(undo, 'undo').outcome).toBe('nothing-left')
    expect([a.toString(), b.toString()]).toEqual(['甲', ''])
    // The step is used up: the next Ctrl+Z undoes the edit before it, as a second step.
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    expect(a.toString()).toBe('')
  })

  it('is what Yjs alone gets wrong', () => {
    const { doc, a, b, undo } = twoEdits()
    doc.transact(() => b.delete(0, 1), 'server')
    undo.undo()
    expect([a.toString(), b.toString()]).toEqual(['', ''])
  })
})

/** A colleague's change: made on a replica of `doc` and received, as the provider receives it. */
function byColleague(doc: Y.Doc, edit: (replica: Y.Doc) => void): void {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(replica)
  edit(replica)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, before), 'remote')
}

/** "me" types 3.00 into a cell (one step), then makes it 3.50 (another): what a figure's acceptance does. */
function figure() {
  const doc = new Y.Doc()
  const cell = doc.getText('cell')
  const other = doc.getText('other')
  const me = { me: true }
  const undo = new Y.UndoManager([cell, other], { trackedOrigins: new Set([me]), captureTimeout: 0 })
  watchOthers(undo)
  doc.transact(() => other.insert(0, '甲'), me)
  undo.stopCapturing()
  doc.transact(() => cell.insert(0, '3.00'), me)
  undo.stopCapturing()
  doc.transact(() => {
    cell.delete(2, 2)
    cell.insert(2, '50')
  }, me)
  return { doc, cell, other, undo, me }
}

/** A colleague makes the figure 3.80. */
const to380 = (replica: Y.Doc) => {
  const cell = replica.getText('cell')
  cell.delete(2, 1)
  cell.insert(2, '8')
}

describe('Ctrl+Z after a colleague changed the same field', () => {
  it('refuses a step that others changed beside since, leaves their figure whole, and drops the steps before it', () => {
    const { doc, cell, other, undo } = figure()
    byColleague(doc, to380)
    expect(undoOneStep(undo, 'undo').outcome).toBe('others-changed-it')
    expect(cell.toString()).toBe('3.80')
    // The next Ctrl+Z does not reach past it to an older edit elsewhere.
    expect(undoOneStep(undo, 'undo').outcome).toBe('nothing-left')
    expect(other.toString()).toBe('甲')
  })

  it('is what Yjs alone gets wrong', () => {
    const { doc, cell, undo } = figure()
    byColleague(doc, to380)
    undo.undo()
    expect(cell.toString()).not.toMatch(/^3\.(00|80)$/)
  })

  it('undoes as before when others changed another field, or the same text away from the step, or before it', () => {
    const { doc, cell, undo, me } = figure()
    byColleague(doc, (replica) => replica.getText('other').insert(0, '乙'))
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    expect(cell.toString()).toBe('3.00')
    doc.transact(() => cell.insert(4, '（万元）'), me)
    byColleague(doc, (replica) => replica.getText('cell').insert(0, '约'))
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    expect(cell.toString()).toBe('约3.00')
  })

  it('refuses to take back a row that others have since written in, which would delete their words', () => {
    const doc = new Y.Doc()
    const rows = doc.getXmlFragment('rows')
    const me = { me: true }
    const undo = new Y.UndoManager(rows, { trackedOrigins: new Set([me]), captureTimeout: 0 })
    watchOthers(undo)
    doc.transact(() => {
      const row = new Y.XmlElement('indicator')
      row.insert(0, [new Y.XmlText('')])
      rows.insert(0, [row])
    }, me)
    byColleague(doc, (replica) => ((replica.getXmlFragment('rows').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, '≥10次'))
    expect(undoOneStep(undo, 'undo').outcome).toBe('others-changed-it')
    expect(rows.length).toBe(1)
  })

  it('refuses, rather than doing nothing unsaid, typing in a row others have since deleted (or moved)', () => {
    const doc = new Y.Doc()
    const rows = doc.getXmlFragment('rows')
    const row = new Y.XmlElement('indicator')
    row.insert(0, [new Y.XmlText('年度')])
    rows.insert(0, [row])
    const me = { me: true }
    const undo = new Y.UndoManager(rows, { trackedOrigins: new Set([me]), captureTimeout: 0 })
    watchOthers(undo)
    doc.transact(() => (row.get(0) as Y.XmlText).insert(2, 'QQ'), me)
    byColleague(doc, (replica) => replica.getXmlFragment('rows').delete(0, 1))
    expect(undoOneStep(undo, 'undo').outcome).toBe('others-changed-it')
  })

  it('redoes as before unless others wrote beside it since the undo', () => {
    const { doc, cell, undo } = figure()
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    expect(undoOneStep(undo, 'redo').outcome).toBe('done')
    expect(cell.toString()).toBe('3.50')
    expect(undoOneStep(undo, 'undo').outcome).toBe('done')
    byColleague(doc, (replica) => replica.getText('cell').insert(4, '0'))
    expect(undoOneStep(undo, 'redo').outcome).toBe('others-changed-it')
    expect(cell.toString()).toBe('3.000')
  })
})
