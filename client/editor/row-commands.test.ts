import type { Command, EditorState } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { sampleStateAt } from '../../test/support/editor-state'
import { deriveModel } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { addIndicator, addProject, deleteIndicator, deleteProject, moveIndicator, moveProject, moveToField } from './row-commands'

const stateAt = (type: string, n = 0) => sampleStateAt(type, n)

function apply(state: EditorState, command: Command): EditorState {
  let next = state
  expect(command(state, (tr) => (next = state.apply(tr)))).toBe(true)
  next.doc.check()
  return next
}

const model = (state: EditorState) => deriveModel(state.doc.toJSON() as NodeJSON)

describe('row commands', () => {
  it('adds an indicator row after the current one, in the same 一级, cursor in it', () => {
    const next = apply(stateAt('indicatorValue', 3), addIndicator)
    const indicators = model(next).projects[0]!.indicators
    expect(indicators).toHaveLength(6)
    expect(indicators[4]).toEqual({ level1: '产出指标', level2: '', level3: '', description: '', value: '', basis: '', score: null, note: '' })
    expect(next.selection.$from.parent.type.name).toBe('indicatorName')
  })

  it('deletes and moves indicator rows', () => {
    const deleted = model(apply(stateAt('indicatorName', 0), deleteIndicator)).projects[0]!.indicators
    expect(deleted.map((i) => i.level2)).toEqual(['质量指标', '时效指标', '成本指标', '社会效益指标'])
    const moved = apply(stateAt('indicatorName', 0), moveIndicator(1))
    expect(model(moved).projects[0]!.indicators.map((i) => i.level2)).toEqual(['质量指标', '数量指标', '时效指标', '成本指标', '社会效益指标'])
    expect(moved.selection.$from.parent.textContent).toBe('宣传、活动开展次数') // the cursor moved with its row
    expect(moveIndicator(-1)(stateAt('indicatorName', 0))).toBe(false)
  })

  it('adds a blank project after the current one and deletes projects', () => {
    const added = apply(stateAt('projectName', 0), addProject)
    expect(model(added).projects).toHaveLength(12)
    expect(model(added).projects[1]!).toMatchObject({ name: '', moneyUnit: '万元', indicators: [] })
    const outside = apply(stateAt('goalItem', 0), addProject)
    expect(model(outside).projects.at(-1)!.name).toBe('')
    const deleted = apply(stateAt('fundUsage', 2), deleteProject)
    expect(model(deleted).projects.map((p) => p.name)).not.toContain('车辆保险费')
    expect(model(deleted).projects).toHaveLength(10)
  })

  it('moves whole projects', () => {
    const moved = apply(stateAt('projectName', 0), moveProject(1))
    expect(model(moved).projects.slice(0, 2).map((p) => p.name)).toEqual(['政法队伍教育整顿工作经费', '扫黑除恶工作经费'])
    expect(moved.selection.$from.parent.textContent).toBe('扫黑除恶工作经费')
  })

  it('refuses table operations outside a table', () => {
    expect(addIndicator(stateAt('goalItem', 0))).toBe(false)
    expect(deleteProject(stateAt('safeguardItem', 0))).toBe(false)
  })

  it('moves between fields like Tab and Shift-Tab in a form', () => {
    const next = apply(stateAt('projectCode', 0), moveToField(1))
    expect(next.selection.$from.parent.type.name).toBe('projectName')
    const back = apply(next, moveToField(-1))
    expect(back.selection.$from.parent.type.name).toBe('projectCode')
    expect(back.selection.$from.parentOffset).toBe(back.selection.$from.parent.content.size)
  })
})
