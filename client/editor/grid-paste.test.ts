import type { EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { deriveModel } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { sampleStateAt } from '../../test/support/editor-state'
import { planGridPaste } from './grid-onto-rows'
import { copiedRows, gridPasteTransaction, indicatorCellAt, type GridPasteParts } from './grid-paste'

const ALL: GridPasteParts = { levels: true, existing: true, added: true }
const model = (state: EditorState) => deriveModel(state.doc.toJSON() as NodeJSON)

function paste(state: EditorState, grid: string[][], parts = ALL): EditorState {
  const at = indicatorCellAt(state)!
  const plan = planGridPaste(grid, { columns: at.columns, start: { row: at.row, column: at.column }, rowCount: at.rowCount })
  const tr = gridPasteTransaction(state, at.project, plan, parts)!
  const next = state.apply(tr)
  next.doc.check()
  return next
}

describe('grid paste onto indicator rows', () => {
  it('knows the cursor’s table, row and column', () => {
    expect(indicatorCellAt(sampleStateAt('indicatorValue', 7))).toEqual({
      project: 1, row: 2, column: 'value', columns: ['level1', 'level2', 'level3', 'description', 'value', 'basis'], rowCount: 5,
    })
    expect(indicatorCellAt(sampleStateAt('projectName', 0))).toBeNull()
  })

  it('replaces the cells from the cursor on and adds rows after the last, leaving the other tables alone', () => {
    const before = model(sampleStateAt('indicatorName', 0))
    const after = model(paste(sampleStateAt('indicatorDescription', 3), [['描述甲', '1次'], ['描述乙', '2次'], ['描述丙', '3次']]))
    const rows = after.projects[0]!.indicators
    expect(rows).toHaveLength(6)
    expect(rows.slice(0, 3)).toEqual(before.projects[0]!.indicators.slice(0, 3))
    expect(rows.slice(3).map((r) => [r.level3, r.description, r.value])).toEqual([
      [before.projects[0]!.indicators[3]!.level3, '描述甲', '1次'],
      [before.projects[0]!.indicators[4]!.level3, '描述乙', '2次'],
      ['', '描述丙', '3次'],
    ])
    // The added row takes the 一级 of the row above it, as 添加指标行 does.
    expect(rows[5]!.level1).toBe(before.projects[0]!.indicators[4]!.level1)
    expect(after.projects.slice(1)).toEqual(before.projects.slice(1))
  })

  it('sets 一级/二级 from a grid that has them, keeps an unknown one as written, and clears a 二级 the new 一级 does not have', () => {
    const after = model(
      paste(sampleStateAt('indicatorName', 0), [
        ['满意度指标', '', '群众满意度', '', '≥90%', ''],
        ['效益', '安全指标', '平安建设', '', '提升', ''],
      ]),
    )
    const [first, second] = after.projects[0]!.indicators
    expect(first).toMatchObject({ level1: '满意度指标', level2: '', level3: '群众满意度', value: '≥90%' })
    expect(second).toMatchObject({ level1: '效益指标', level2: '安全指标', level3: '平安建设' })
  })

  it('changes only the text when 一级/二级 may not be changed, and only what is asked', () => {
    const grid = [['满意度指标', '服务对象满意度指标', '甲'], ['', '', '乙']]
    const state = sampleStateAt('indicatorName', 4)
    const textOnly = model(paste(state, grid, { levels: false, existing: true, added: false })).projects[0]!.indicators
    expect(textOnly).toHaveLength(5)
    expect(textOnly[4]).toMatchObject({ level1: '效益指标', level3: '甲' })
    const addedOnly = model(paste(state, grid, { levels: false, existing: false, added: true })).projects[0]!.indicators
    expect(addedOnly).toHaveLength(6)
    expect(addedOnly[4]!.level3).toBe(model(state).projects[0]!.indicators[4]!.level3)
    expect(addedOnly[5]).toMatchObject({ level1: '满意度指标', level2: '服务对象满意度指标', level3: '乙' })
  })

  it('reads the rows of a slice copied in the editor, a row partly selected with the cells selected', () => {
    const from = sampleStateAt('indicatorValue', 0).selection.from
    const to = sampleStateAt('indicatorDescription', 1, 'end').selection.from
    const rows = copiedRows(sampleStateAt('indicatorName', 0).doc.slice(from, to))
    const source = model(sampleStateAt('indicatorName', 0)).projects[0]!.indicators
    expect(rows).toEqual([
      { level1: '产出指标', level2: '数量指标', value: source[0]!.value, basis: source[0]!.basis },
      { level1: '产出指标', level2: '质量指标', level3: source[1]!.level3, description: source[1]!.description },
    ])
  })

  it('copies rows as agreed: a pending insertion is not copied as if accepted', () => {
    const state = sampleStateAt('indicatorValue', 0, 'end')
    const mark = state.schema.marks.insertion!.create({ id: 'i1', author: 'wangfang', time: 1 })
    const suggested = state.apply(state.tr.insert(state.selection.from, state.schema.text('（建议）', [mark])))
    // One whole row selected, as a selection's content is copied: with the nodes around it.
    const row = suggested.doc.slice(sampleStateAt('indicatorName', 0).selection.from, sampleStateAt('indicatorBasis', 0, 'end').selection.from + '（建议）'.length, true)
    expect(copiedRows(row)[0]!.value).toBe(model(state).projects[0]!.indicators[0]!.value)
  })
})
