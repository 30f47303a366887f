import { describe, expect, it } from 'vitest'
import { runChecks } from '@shared/checks/run-checks'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { sampleText } from '../../support/sample'
import { diffDocuments } from './document-diff'
import { successorText } from './successor'

const sample = () => parsePublishedText(sampleText())

describe('successorText', () => {
  it('moves the document’s years on, clears the amounts and says so, keeps projects, rows and the spending plan', () => {
    const before = sample()
    const result = successorText(before, { year: 2023, keepBudget: false })
    if (!result.ok) throw new Error(result.reason)
    const { text } = result
    expect(result.from).toBe(2022)
    expect(text.subtitle).toBe('2023年部门预算绩效文本')
    expect(text.goals[0]).toContain('2023年度平安建设')
    expect(text.projects.map((p) => [p.code, p.name, p.indicators.length])).toEqual(before.projects.map((p) => [p.code, p.name, p.indicators.length]))
    expect(text.projects.every((p) => p.budgetTotal === '' && p.budgetFiscal === '' && p.budgetOther === '')).toBe(true)
    // A department keeps its pace of spending: the plan's percentages stay, and the draft raises no spending-plan error last year's did not.
    expect(text.projects.map((p) => p.spendingPlan)).toEqual(before.projects.map((p) => p.spendingPlan))
    const planErrors = (t: typeof text) => runChecks(t).filter((f) => f.severity === 'error' && f.field === 'spendingPlan').length
    expect(planErrors(text)).toBe(planErrors(before))
    const withTotal = before.projects.filter((p) => p.budgetTotal.trim() !== '').length
    expect(result.cleared).toContain(`预算数（${withTotal} 个项目）`)
    expect(result.cleared.every((c) => /^(预算数|财政资金|其他资金)（\d+ 个项目）$/.test(c))).toBe(true)
    // Compared with last year's: every project changed (budget cleared), none added or removed.
    const diff = diffDocuments(before, text)
    expect(diff.projects.every((p) => p.kind === 'changed')).toBe(true)
    expect(diff.totals.after).toBeNull()
  })

  it('keeps the budget when asked; leaves years other than the document’s own; refuses a year that is not later', () => {
    const before = sample()
    before.goals[0] = '以2019年为基数，2022年完成，2023年12月底前验收'
    const kept = successorText(before, { year: 2024, keepBudget: true })
    if (!kept.ok) throw new Error(kept.reason)
    expect(kept.text.goals[0]).toBe('以2019年为基数，2024年完成，2025年12月底前验收')
    expect(kept.text.projects.map((p) => p.budgetTotal)).toEqual(before.projects.map((p) => p.budgetTotal))
    expect(kept.cleared).toEqual([])
    expect(successorText(before, { year: 2022, keepBudget: false })).toEqual({ ok: false, reason: '新年度（2022）必须晚于本文档的年度（2022）' })
    expect(successorText({ ...before, title: '', subtitle: '部门预算绩效文本' }, { year: 2023, keepBudget: false }).ok).toBe(false)
  })

  it('moves a 实施期 of the document’s year alone to the new year, and leaves one over several years (a tryout’s 2023 draft kept 2022年1月-2022年12月)', () => {
    const before = sample()
    const details = (period: string) => ({ department: '政法委', implementer: '', manager: '', period, periodGoal: '2022年完成' })
    before.projects[0] = { ...before.projects[0]!, details: details('2022年1月-2022年12月') }
    before.projects[1] = { ...before.projects[1]!, details: details('2022.01-2022.12') }
    before.projects[2] = { ...before.projects[2]!, details: details('2021年7月-2023年6月') }
    const next = successorText(before, { keepBudget: true })
    if (!next.ok) throw new Error(next.reason)
    expect(next.text.projects.slice(0, 3).map((p) => p.details!.period)).toEqual(['2023年1月-2023年12月', '2023.01-2023.12', '2021年7月-2023年6月'])
    expect(next.text.projects[0]!.details!.periodGoal).toBe('2023年完成')
    expect(next.text.projects[3]!.details).toBeUndefined()
  })
})
