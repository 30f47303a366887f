import { describe, expect, it } from 'vitest'
import { projectInput } from '../../../test/support/check-fixtures'
import type { BudgetDocument } from '../../model/budget-document'
import { statedTotal } from './arithmetic'

const withGoal = (goal: string): BudgetDocument => ({
  kind: 'targets', title: '某部门', year: 2023, preparedBy: '', reviewedBy: '', overall: { goals: [goal], subGoals: [], safeguards: [] }, projects: [projectInput().model],
})

describe('a stated total, however worded', () => {
  it('is checked against the projects’ sum (12.50 万元)', () => {
    for (const goal of ['部门预算合计 20.00 万元。', '共安排项目支出预算 120.00 万元。', '项目支出预算共计：120万元。', '预算总额为120.00万元。']) {
      const [finding] = statedTotal.check(withGoal(goal))
      expect(finding, goal).toMatchObject({ severity: 'error', rule: 'arithmetic.department-total' })
    }
  })

  it('passes when it adds up, and reads no total from other amounts', () => {
    for (const goal of ['共安排项目支出预算12.50万元。', '部门预算合计：12.50万元。', '全年培训经费10万元。']) expect(statedTotal.check(withGoal(goal)), goal).toEqual([])
  })

  it('says when the sum it compares with leaves a project out', () => {
    const doc = withGoal('部门预算合计 20.00 万元。')
    const unread = { ...projectInput().model, budget: { total: null, fiscal: null, other: null } }
    const [finding] = statedTotal.check({ ...doc, projects: [...doc.projects, unread] })
    expect(finding!.message).toBe('第一部分写明的预算合计 20.00 万元与各项目预算数之和 12.50 万元（未计入 1 个项目：预算数未填、无法读出或待核对）不一致')
  })
})
