import { describe, expect, it } from 'vitest'
import { monthOf, plannedShare } from './planned-share'

const plan = [
  { label: '3月底', percent: 20 },
  { label: '6月底', percent: 50 },
  { label: '10月底', percent: 80 },
  { label: '12月底', percent: 100 },
]

describe('the plan by the 截至月份', () => {
  it('reads the month a 截至 or a plan node names', () => {
    expect(monthOf('6月')).toBe(6)
    expect(monthOf('2026年1-6月')).toBe(6)
    expect(monthOf('截至2026年9月底')).toBe(9)
    expect(monthOf('六月底')).toBe(6)
    expect(monthOf('十二月底')).toBe(12)
    expect(monthOf('上半年')).toBe(6)
    expect(monthOf('三季度末')).toBe(9)
    expect(monthOf('')).toBeNull()
  })

  it('takes the latest node at or before the month', () => {
    expect(plannedShare(plan, '2026年1-6月')).toEqual({ percent: 50, label: '6月底' })
    expect(plannedShare(plan, '8月')).toEqual({ percent: 50, label: '6月底' })
    expect(plannedShare(plan, '12月')).toEqual({ percent: 100, label: '12月底' })
    expect(plannedShare(plan, '2月')).toBeNull()
    expect(plannedShare(plan, '不详')).toBeNull()
    expect(plannedShare([{ label: '6月底', percent: null }], '6月')).toBeNull()
  })
})
