/**
 * 资金支出计划: cumulative percentages, so each is 0–100, none is below the
 * one before, and the last is 100 (the budget is spent within the year).
 */
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'
import { joinedFigures } from '../../model/numbers'

export const spendingPlan: ProjectRule = {
  id: 'spending-plan',
  check({ model, text, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const where = { field: 'spendingPlan' } as const
    const found: Finding[] = []
    let previous: { label: string; percent: number } | null = null
    model.spendingPlan.forEach((entry, i) => {
      const written = text.spendingPlan[i]?.percent ?? ''
      if (entry.percent === null) {
        if (written.trim() !== '' && !joinedFigures(written)) found.push(f.error(`资金支出计划“${entry.label}”的比例“${written}”不是百分数`, where))
        return
      }
      if (entry.percent < 0 || entry.percent > 100) found.push(f.error(`资金支出计划“${entry.label}”的比例 ${entry.percent}% 应在 0 到 100% 之间`, where))
      if (previous && entry.percent < previous.percent) {
        found.push(f.error(`资金支出计划是累计比例，“${entry.label}”的 ${entry.percent}% 不应低于“${previous.label}”的 ${previous.percent}%`, where))
      }
      previous = { label: entry.label, percent: entry.percent }
    })
    const last = model.spendingPlan.at(-1)
    if (last && last.percent !== null && last.percent !== 100) found.push(f.error(`资金支出计划最后一个节点“${last.label}”应为 100%（年内支出完毕），现为 ${last.percent}%`, where))
    return found
  },
}
