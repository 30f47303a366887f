/**
 * Dates against the budget year: a target's deadline after the year ends
 * ("2023年12月底前" in a 2022 plan) cannot be assessed with the year's
 * money, unless the form declares a 实施期 that runs that long
 * ("2023.07-2024.01"); a 时效 deadline wholly in an earlier year
 * ("2021年12月底前" in a 2022 plan, last year's form copied) has passed
 * before the money arrives, as has a 实施期 that ended before the year (a
 * next year's draft keeps the form's); a spending plan whose dates run backwards,
 * fall outside the year or name no real month is impossible. All: error.
 */
import type { Finding } from '../finding'
import { toHalfWidth } from '../../model/numbers'
import { findingsFor, type ProjectRule } from '../rule'

const yearsIn = (text: string): number[] => [...toHalfWidth(text).matchAll(/(\d{4})\s*[年.\-/]/g)].map((m) => Number(m[1]))
const monthOf = (label: string): number | null => {
  const match = /(?:^|\D)(\d{1,2})\s*月/.exec(toHalfWidth(label))
  return match ? Number(match[1]) : null
}

export const dates: ProjectRule = {
  id: 'dates',
  check({ model, number, year }): Finding[] {
    const f = findingsFor(this.id, number)
    const found: Finding[] = []
    if (year !== null) {
      // Last year's form carried into this year's draft: a 实施期 that ended before the year begins.
      const period = yearsIn(model.details.period)
      if (period.length > 0 && period.every((y) => y < year)) {
        found.push(f.error(`实施期“${model.details.period}”在预算年度 ${year} 年之前已经结束：应填写本年度的实施期，如“${year}年1月-${year}年12月”`))
      }
      const lastYear = Math.max(year, ...period)
      model.indicators.forEach((indicator, i) => {
        const where = { indicator: i + 1, field: 'value' } as const
        const years = yearsIn(indicator.value)
        const late = years.filter((y) => y > lastYear)
        if (late.length > 0) {
          const allowed = lastYear > year ? `实施期（${model.details.period}）结束的 ${lastYear} 年` : `预算年度 ${year} 年`
          found.push(f.error(`指标值“${indicator.value}”的期限在 ${late[0]} 年，晚于${allowed}：年度绩效目标应在当年内完成`, where))
        } else if (indicator.level2 === '时效指标' && years.length > 0 && years.every((y) => y < year)) {
          found.push(f.error(`指标值“${indicator.value}”的期限在 ${years[0]} 年，早于预算年度 ${year} 年：应填写如“${year}年12月底前”`, where))
        }
      })
    }
    const where = { field: 'spendingPlan' } as const
    let previous: { label: string; month: number } | null = null
    for (const entry of model.spendingPlan) {
      const outside = year === null ? [] : yearsIn(entry.label).filter((y) => y !== year)
      if (outside.length > 0) found.push(f.error(`资金支出计划的时间“${entry.label}”不在预算年度 ${year} 年内`, where))
      const month = monthOf(entry.label)
      if (month === null) continue
      if (month < 1 || month > 12) {
        found.push(f.error(`资金支出计划的时间“${entry.label}”不是有效的月份`, where))
        continue
      }
      if (previous && month < previous.month) found.push(f.error(`资金支出计划的时间应按先后排列：“${entry.label}”排在“${previous.label}”之后`, where))
      previous = { label: entry.label, month }
    }
    return found
  },
}
