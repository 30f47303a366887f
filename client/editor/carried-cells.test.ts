import { EditorState, TextSelection } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { sampleStateAt } from '../../test/support/editor-state'
import { addIndicator, deleteIndicator, deleteProject } from './row-commands'
import { isCarriedNode } from '@shared/review/carried-cells'
import { movedCaret, selectionInCarried, touchesCarried as touches } from './carried-cells'

/** Judged in a 监控 (the kind matters only in that a 目标申报表 carries nothing). */
const touchesCarried = (tr: import('@tiptap/pm/state').Transaction) => touches(tr, 'monitoring')

/** The transaction a command dispatches in `state`. */
function dispatched(state: EditorState, command: (s: EditorState, d: (tr: import('@tiptap/pm/state').Transaction) => void) => boolean) {
  let made: import('@tiptap/pm/state').Transaction | null = null
  expect(command(state, (tr) => (made = tr))).toBe(true)
  return made!
}

describe('touchesCarried', () => {
  it('catches typing, deleting and marking inside a carried cell', () => {
    const value = sampleStateAt('indicatorValue', 0, 'end')
    expect(touchesCarried(value.tr.insertText('9'))).toBe(true)
    const { from } = value.selection
    expect(touchesCarried(value.tr.delete(from - 1, from))).toBe(true)
    const mark = value.schema.marks.insertion!.create({ author: 'w', time: 1, id: 'x' })
    expect(touchesCarried(value.tr.addMark(from - 2, from, mark))).toBe(true)
    expect(touchesCarried(sampleStateAt('projectName', 2).tr.insertText('新'))).toBe(true)
    expect(touchesCarried(sampleStateAt('spendingPercent', 1, 'end').tr.insertText('0'))).toBe(true)
    expect(touchesCarried(sampleStateAt('budgetTotal', 0, 'end').tr.insertText('0'))).toBe(true)
  })

  it('lets the other cells be written', () => {
    expect(touchesCarried(sampleStateAt('goalItem', 0, 'end').tr.insertText('另'))).toBe(false)
    expect(touchesCarried(sampleStateAt('docPreparer', 0, 'end').tr.insertText('另'))).toBe(false)
  })

  it('catches rows and projects added or deleted, and a 一级 chosen', () => {
    expect(touchesCarried(dispatched(sampleStateAt('indicatorValue', 0), addIndicator))).toBe(true)
    expect(touchesCarried(dispatched(sampleStateAt('indicatorValue', 0), deleteIndicator))).toBe(true)
    expect(touchesCarried(dispatched(sampleStateAt('fundUsage', 1), deleteProject))).toBe(true)
    const state = sampleStateAt('indicatorValue', 0)
    const $pos = state.selection.$from
    const row = $pos.before($pos.depth - 1)
    expect(state.doc.nodeAt(row)!.type.name).toBe('indicator')
    expect(touchesCarried(state.tr.setNodeMarkup(row, undefined, { ...state.doc.nodeAt(row)!.attrs, level1: '效益指标' }))).toBe(true)
    expect(touchesCarried(state.tr.setNodeAttribute(row, 'level2', '质量指标'))).toBe(true)
  })

  it('follows the server\'s rule: all of a project is carried but the cells the kind fills in', () => {
    // The server refuses these (shared/review/carried-cells.ts), so the editor does too.
    for (const cell of ['fundUsage', 'fundsInitial']) {
      expect(touchesCarried(sampleStateAt(cell, 0, 'end', 'monitoring').tr.insertText('0'))).toBe(true)
    }
    for (const cell of ['fundsBudget', 'fundsExecuted', 'projectAchieved', 'indicatorActual', 'indicatorMeasure']) {
      expect(touchesCarried(sampleStateAt(cell, 0, 'end', 'monitoring').tr.insertText('0'))).toBe(false)
    }
    expect(touchesCarried(sampleStateAt('indicatorEarned', 0, 'end', 'self-evaluation').tr.insertText('0'))).toBe(false)
    // 预算执行率's 分值 is the weight the rules give 执行率: as carried as an indicator's 分值.
    const points = sampleStateAt('fundsPoints', 0, 'end', 'self-evaluation')
    expect(touches(points.tr.insertText('20'), 'self-evaluation')).toBe(true)
    expect(touches(sampleStateAt('fundsExecuted', 0, 'end', 'self-evaluation').tr.insertText('5'), 'self-evaluation')).toBe(false)
    expect(isCarriedNode('monitoring', 'fundUsage', ['project', 'projectsPart', 'doc'])).toBe(true)
  })

  it('carries nothing in a 目标申报表', () => {
    expect(touches(sampleStateAt('indicatorValue', 0, 'end').tr.insertText('9'), 'targets')).toBe(false)
  })

  it('leaves a selection move alone', () => {
    const state = sampleStateAt('indicatorValue', 0)
    expect(touchesCarried(state.tr.setSelection(TextSelection.create(state.doc, state.selection.from + 1)))).toBe(false)
  })
})

describe('the caret in a carried cell', () => {
  it('is known to be there in a 监控, not in an open cell nor in a 目标申报表', () => {
    expect(selectionInCarried(sampleStateAt('indicatorValue', 0, 'end', 'monitoring'), 'monitoring')).toBe(true)
    expect(selectionInCarried(sampleStateAt('indicatorActual', 0, 'end', 'monitoring'), 'monitoring')).toBe(false)
    expect(selectionInCarried(sampleStateAt('indicatorValue', 0, 'end'), undefined)).toBe(false)
  })

  it('moves with Home/End to the cell’s ends and with the arrows a character along, then out of the cell', () => {
    const state = sampleStateAt('indicatorValue', 0, 'end', 'monitoring')
    const { $head } = state.selection
    expect(movedCaret(state, 'Home', false)!.head).toBe($head.start())
    expect(movedCaret(state, 'End', false)!.head).toBe($head.end())
    expect(movedCaret(state, 'ArrowLeft', false)!.head).toBe($head.pos - 1)
    const extended = movedCaret(state, 'Home', true)!
    expect([extended.from, extended.to]).toEqual([$head.start(), $head.end()])
    // At the cell's end, right goes on into the next cell.
    expect(movedCaret(state, 'ArrowRight', false)!.head).toBeGreaterThan($head.after())
    expect(movedCaret(state, 'PageDown', false)).toBeNull()
  })
})
