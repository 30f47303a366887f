import type { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { deriveModel } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { sampleStateAt } from '../../test/support/editor-state'
import { planSpendingPaste, spendingCellAt, spendingPasteTransaction } from './spending-paste'

const plan = (state: EditorState, project = 0) => deriveModel(state.doc.toJSON() as NodeJSON).projects[project]!.spendingPlan

function paste(state: EditorState, grid: string[][], parts = { existing: true, added: true }): EditorState {
  const at = spendingCellAt(state)!
  const next = state.apply(spendingPasteTransaction(state, at, planSpendingPaste(grid, at.row), parts)!)
  next.doc.check()
  return next
}

describe('spending plan paste', () => {
  it('puts a row onto the cursor’s row, dates then percentages, and counts what has no place', () => {
    expect(planSpendingPaste([['3月底', '6月底'], ['10%', '40%'], ['多余']], 'label')).toEqual({ entries: [{ label: '3月底', percent: '10%' }, { label: '6月底', percent: '40%' }], dropped: 1 })
    expect(planSpendingPaste([['10%', '40%'], ['x', '']], 'percent')).toEqual({ entries: [{ percent: '10%' }, { percent: '40%' }], dropped: 1 })
  })

  it('goes across for a column of cells, and leaves out the form’s row label', () => {
    expect(planSpendingPaste([['10%'], ['40%'], ['70%']], 'percent').entries).toEqual([{ percent: '10%' }, { percent: '40%' }, { percent: '70%' }])
    expect(planSpendingPaste([['资金支出计划（%）', '3月底'], ['', '20%']], 'label')).toEqual({ entries: [{ label: '3月底', percent: '20%' }], dropped: 0 })
  })

  it('fills the percentages from the cursor’s date on and adds dates after the last', () => {
    const state = sampleStateAt('spendingPercent', 2)
    expect(spendingCellAt(state)).toMatchObject({ entry: 2, row: 'percent' })
    const after = plan(paste(state, [['60%', '90%', '100%']]))
    expect(after.map((e) => [e.label, e.percent])).toEqual([['3月底', 25], ['6月底', 50], ['10月底', 60], ['12月底', 90], ['', 100]])
    const textOnly = plan(paste(state, [['60%', '90%', '100%']], { existing: true, added: false }))
    expect(textOnly).toHaveLength(4)
    expect(spendingCellAt(sampleStateAt('projectName', 0))).toBeNull()
  })
})
