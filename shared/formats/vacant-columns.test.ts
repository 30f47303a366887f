import { describe, expect, it } from 'vitest'
import { dropVacantColumns } from './vacant-columns'

describe('vacant grid columns', () => {
  it('drops a column empty in every row, wherever it stands, and trailing empty cells', () => {
    const rows = [
      ['一级指标', '', '三级指标', '指标值', ''],
      ['产出指标', '', '人数', '≥10人', ''],
      ['', '', '次数', '12次', ''],
    ]
    expect(dropVacantColumns(rows)).toEqual([
      ['一级指标', '三级指标', '指标值'],
      ['产出指标', '人数', '≥10人'],
      ['', '次数', '12次'],
    ])
  })

  it('keeps empty cells under a column someone wrote in: a missing 指标值, a merged 一级', () => {
    const rows = [
      ['一级指标', '三级指标', '指标值'],
      ['产出指标', '人数', ''],
      ['', '次数', '12次'],
    ]
    expect(dropVacantColumns(rows)).toEqual(rows)
  })

  it('reads grid spans: a wide cell crossing a vacant column keeps its text, the empty cells of that column go', () => {
    // Column 1 of the grid: crossed by the label 项目名称 (columns 0–1), an empty cell of its own in the other rows.
    const rows = [
      ['项目名称', '某某经费'],
      ['一级指标', '', '指标值'],
      ['产出指标', '', '≥10人'],
    ]
    const spans = [[2, 1], [1, 1, 1], [1, 1, 1]]
    expect(dropVacantColumns(rows, spans)).toEqual([['项目名称', '某某经费'], ['一级指标', '指标值'], ['产出指标', '≥10人']])
  })

  it('keeps a column someone wrote in, even once: the value under no name stays to be refused', () => {
    const rows = [
      ['一级指标', '指标值', ''],
      ['产出指标', '≥10人', '多出的值'],
    ]
    expect(dropVacantColumns(rows)).toEqual(rows)
  })
})
