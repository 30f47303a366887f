import { describe, expect, it } from 'vitest'
import { levelTotals } from './level-totals'

describe('levelTotals', () => {
  it('adds each 一级 up in the order it first appears, unknown while a row has no 得分', () => {
    const project = {
      indicators: [
        { level1: '产出指标', points: 25, earned: 25 },
        { level1: '效益指标', points: 30, earned: 24.5 },
        { level1: '产出指标', points: 25, earned: 20.25 },
        { level1: '满意度指标', points: 10, earned: null },
      ],
      funds: { points: 10, earned: 9 },
      earned: null,
      grade: null,
    }
    expect(levelTotals(project)).toEqual([
      { level1: '产出指标', points: 50, earned: 45.25 },
      { level1: '效益指标', points: 30, earned: 24.5 },
      { level1: '满意度指标', points: 10, earned: null },
    ])
    expect(levelTotals({ ...project, indicators: [] })).toEqual([])
  })
})
