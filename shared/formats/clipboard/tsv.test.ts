import { describe, expect, it } from 'vitest'
import { parseTsv } from './tsv'

describe('parseTsv', () => {
  it('reads rows and cells as Excel writes them, the last line break ending the last row', () => {
    expect(parseTsv('产出指标\t数量指标\t培训次数\r\n\t质量指标\t合格率\r\n')).toEqual([
      ['产出指标', '数量指标', '培训次数'],
      ['', '质量指标', '合格率'],
    ])
  })

  it('keeps empty cells at the end of a row and reads a last row without a line break', () => {
    expect(parseTsv('a\t\t\nb\tc')).toEqual([['a', '', ''], ['b', 'c']])
  })

  it('reads quoted cells holding line breaks, tabs and doubled quotes', () => {
    expect(parseTsv('"第一行\n第二行"\t"说""是"""\t"a\tb"\r\nx\n')).toEqual([['第一行\n第二行', '说"是"', 'a\tb'], ['x']])
  })

  it('takes a quote that does not close a cell as text', () => {
    expect(parseTsv('"未闭合\tb\n5" 寸\tc')).toEqual([['"未闭合', 'b'], ['5" 寸', 'c']])
  })
})
