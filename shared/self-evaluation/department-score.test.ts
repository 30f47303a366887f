import { describe, expect, it } from 'vitest'
import { departmentScore } from './department-score'

describe('departmentScore', () => {
  it('weighs each project’s 总分 by its 全年预算数', () => {
    // (95 × 150 + 70 × 50) ÷ 200
    expect(departmentScore([{ budget: 150, earned: 95 }, { budget: 50, earned: 70 }])).toEqual({ earned: 88.75, grade: '良', unscored: 0, ungraded: 0 })
  })

  it('weighs projects alike where one has no budget, and has none while a project is unscored', () => {
    expect(departmentScore([{ budget: 100, earned: 95 }, { budget: null, earned: 85 }])).toEqual({ earned: 90, grade: '优', unscored: 0, ungraded: 0 })
    expect(departmentScore([{ budget: 100, earned: 95 }, { budget: 50, earned: null }, { budget: 5, earned: null }])).toEqual({ earned: null, grade: null, unscored: 2, ungraded: 0 })
    expect(departmentScore([])).toEqual({ earned: null, grade: null, unscored: 0, ungraded: 0 })
  })

  it('leaves out a project given no grade (分值 past full marks) and counts it, rather than average its 110 in', () => {
    // Only the 95 of 150 万元 weighs: the 108 out of 110 would have lifted it to (95 × 150 + 108 × 50) ÷ 200 = 98.25.
    expect(departmentScore([{ budget: 150, earned: 95 }, { budget: 50, earned: 108, ungraded: 110 }])).toEqual({ earned: 95, grade: '优', unscored: 0, ungraded: 1 })
    expect(departmentScore([{ budget: 50, earned: 108, ungraded: 110 }])).toEqual({ earned: null, grade: null, unscored: 0, ungraded: 1 })
    // Unscored still withholds the score: it is not the mean of the ones that happen to be done.
    expect(departmentScore([{ budget: 150, earned: null }, { budget: 50, earned: 108, ungraded: 110 }])).toEqual({ earned: null, grade: null, unscored: 1, ungraded: 1 })
  })
})
