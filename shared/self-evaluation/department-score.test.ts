import { describe, expect, it } from 'vitest'
import { departmentScore } from './department-score'

describe('departmentScore', () => {
  it('weighs each project’s 总分 by its 全年预算数', () => {
    // (95 × 150 + 70 × 50) ÷ 200
    expect(departmentScore([{ budget: 150, earned: 95 }, { budget: 50, earned: 70 }])).toEqual({ earned: 88.75, grade: '良', unscored: 0 })
  })

  it('weighs projects alike where one has no budget, and has none while a project is unscored', () => {
    expect(departmentScore([{ budget: 100, earned: 95 }, { budget: null, earned: 85 }])).toEqual({ earned: 90, grade: '优', unscored: 0 })
    expect(departmentScore([{ budget: 100, earned: 95 }, { budget: 50, earned: null }, { budget: 5, earned: null }])).toEqual({ earned: null, grade: null, unscored: 2 })
    expect(departmentScore([])).toEqual({ earned: null, grade: null, unscored: 0 })
  })
})
