import { describe, expect, it } from 'vitest'
import { planGridPaste, planRowPaste, type GridTarget, type RowColumn } from './grid-onto-rows'

const COLUMNS: RowColumn[] = ['level1', 'level2', 'level3', 'description', 'value', 'basis']
const at = (row: number, column: RowColumn, rowCount = 5, columns = COLUMNS): GridTarget => ({ columns, start: { row, column }, rowCount })

describe('planGridPaste', () => {
  it('fills by position from the cursor’s cell and adds the rows past the table’s last', () => {
    const plan = planGridPaste([['甲', '一'], ['乙', '二'], ['丙', '三']], at(3, 'description'))
    expect(plan.rows).toEqual([
      { row: 3, text: { description: '甲', value: '一' } },
      { row: 4, text: { description: '乙', value: '二' } },
      { row: 5, text: { description: '丙', value: '三' } },
    ])
    expect(plan).toMatchObject({ added: 1, width: 2, dropped: 0, unknown: [] })
  })

  it('counts cells with text beyond the last column as not pasted; an empty cell there is nothing', () => {
    const plan = planGridPaste([['a', 'b', 'c', ''], ['d', 'e', 'f', 'g']], at(0, 'value'))
    expect(plan.rows[1]).toEqual({ row: 1, text: { value: 'd', basis: 'e' } })
    expect(plan.dropped).toBe(3)
  })

  it('starts a grid whose first column is 一级 on the 一级 column, resolving 一级/二级 and filling merged cells down', () => {
    const plan = planGridPaste(
      [
        ['产出指标', '数量', '培训次数', '全年培训', '≥4次', '计划'],
        ['', '时效指标', '按时完成率', '', '100%', ''],
        ['效益', '社会效益指标', '群众安全感', '', '提升', ''],
      ],
      at(0, 'level3'),
    )
    expect(plan.rows[0]).toEqual({
      row: 0,
      text: { level3: '培训次数', description: '全年培训', value: '≥4次', basis: '计划' },
      level1: { name: '产出指标', label: null },
      level2: { name: '数量指标', label: '数量' },
    })
    expect(plan.rows[1]!.level1).toEqual({ name: '产出指标', label: null })
    expect(plan.rows[1]!.text.description).toBe('')
    expect(plan.rows[2]!.level1).toEqual({ name: '效益指标', label: '效益' })
  })

  it('takes 成本指标 alone as 一级 only when a 二级 follows it', () => {
    expect(planGridPaste([['成本指标', '经济成本指标', 'a']], at(0, 'level3')).rows[0]!.level1).toEqual({ name: '成本指标', label: null })
    expect(planGridPaste([['成本指标', '培训费']], at(0, 'level3')).rows[0]).toEqual({ row: 0, text: { level3: '培训费' }, level2: { name: '成本指标', label: null } })
  })

  it('starts a grid whose first column is 二级 on the 二级 column', () => {
    const plan = planGridPaste([['质量指标', '合格率']], at(2, 'value'))
    expect(plan.rows).toEqual([{ row: 2, text: { level3: '合格率' }, level2: { name: '质量指标', label: null } }])
  })

  it('keeps a 一级/二级 the taxonomy does not know as written, and says which', () => {
    const plan = planGridPaste([['产出指标', '数量指标', 'x'], ['', '安全指标', 'y']], at(0, 'level3'))
    expect(plan.rows[1]!.level2).toEqual({ name: '', label: '安全指标' })
    expect(plan.unknown).toEqual([{ row: 1, column: 'level2', written: '安全指标' }])
  })

  it('goes by the column names of a pasted header, whatever their order, counting the columns the table lacks', () => {
    const plan = planGridPaste(
      [
        ['三级指标', '一级指标', '二级指标', '指标值', '分值'],
        ['培训次数', '产出指标', '数量指标', '4次', '10'],
      ],
      at(1, 'basis'),
    )
    expect(plan.rows).toEqual([{ row: 1, text: { level3: '培训次数', value: '4次' }, level1: { name: '产出指标', label: null }, level2: { name: '数量指标', label: null } }])
    expect(plan.dropped).toBe(1)
    const scored = planGridPaste([['一级指标', '二级指标', '三级指标', '指标值', '分值'], ['产出指标', '', 'a', '', '10']], at(0, 'level3', 1, [...COLUMNS, 'score']))
    expect(scored.rows[0]!.text).toEqual({ level3: 'a', value: '', score: '10' })
  })

  it('makes a cell of several lines one line', () => {
    expect(planGridPaste([['开展\n宣传', 'b']], at(0, 'level3')).rows[0]!.text.level3).toBe('开展宣传')
  })

  it('puts rows copied in the editor onto the columns of the same name, leaving cells not copied as they are', () => {
    const plan = planRowPaste(
      [
        { level1: '产出指标', level2: '数量指标', value: '4次', basis: '计划' },
        { level1: '效益', level2: '', level3: '安全感', description: '', value: '提升', basis: '', score: '10' },
      ],
      at(4, 'description'),
    )
    expect(plan.rows).toEqual([
      { row: 4, text: { value: '4次', basis: '计划' }, level1: { name: '产出指标', label: null }, level2: { name: '数量指标', label: null } },
      { row: 5, text: { level3: '安全感', description: '', value: '提升', basis: '' }, level1: { name: '效益指标', label: '效益' }, level2: { name: '', label: null } },
    ])
    expect(plan).toMatchObject({ added: 1, dropped: 1, unknown: [] })
  })
})
