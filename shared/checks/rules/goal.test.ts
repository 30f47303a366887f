import { describe, expect, it } from 'vitest'
import { projectInput, withIndicator } from '../../../test/support/check-fixtures'
import { goalMatchesIndicators, vagueGoal } from './goal'

describe('a vague 绩效目标', () => {
  it('fires for a goal that only says work goes on, proposing one from the table’s own targets', () => {
    const [finding] = vagueGoal.check(projectInput({ goal: '持续推进扫黑除恶各项工作。' }))
    expect(finding).toMatchObject({ rule: 'relevance.vague-goal', severity: 'warning', field: 'goal' })
    expect(finding!.message).toContain('如“全年培训场次≥4次，参训人员业务考核优良率≥80%”')
    expect(vagueGoal.check(projectInput({ goal: '保障日常工作正常运转。' }))).toHaveLength(1)
  })

  it('leaves goals that name a result, and a goal repeating the usage (its own rule), alone', () => {
    for (const goal of ['提升基层干部业务能力。', '全年开展培训4次，持续推进各项工作。', '开展政法队伍教育整顿活动，确保政法队伍忠诚干净担当。']) {
      expect(vagueGoal.check(projectInput({ goal })), goal).toEqual([])
    }
    expect(vagueGoal.check(projectInput({ goal: '保障各项工作正常运转。', usage: '保障各项工作正常运转。' }))).toEqual([])
  })
})

describe('a goal against its own indicators', () => {
  it('fires when the goal promises another count than the 数量 indicator', () => {
    const [finding] = goalMatchesIndicators.check(projectInput({ goal: '全年组织培训12场次，提升基层干部业务能力。', indicators: withIndicator(0, { value: '≥6场次' }) }))
    expect(finding).toMatchObject({ rule: 'relevance.goal-indicators', severity: 'warning', indicator: 1, field: 'value' })
    expect(finding!.message).toContain('绩效目标写明“12场次”，而“培训场次”的指标值为“≥6场次”')
  })

  it('does not fire when they agree, count other things, or the goal has no count', () => {
    expect(goalMatchesIndicators.check(projectInput({ goal: '全年组织培训4场，培训200人。' }))).toEqual([])
    expect(goalMatchesIndicators.check(projectInput({ goal: '全年培训200人。' }))).toEqual([])
    expect(goalMatchesIndicators.check(projectInput())).toEqual([])
  })
})
