/**
 * Next year's draft from this year's document — how departments actually
 * start each year: the structure, projects and indicator rows carried over,
 * every "YYYY年" of the document's year (and of the year after, the usual
 * deadline year) moved on by the same number of years — and a 实施期 of
 * that year alone —, and the amounts —
 * what changes every year — cleared unless the department keeps them as a
 * starting point. What a department keeps year to year stays: the spending
 * plan's pace (its cumulative percentages), the indicators, the text.
 */
import type { DocumentText } from '../model/document-text'
import { parseYear } from '../model/numbers'
import { AMOUNT_FIELDS, byKey } from '../schema/fields'

export interface SuccessorOptions {
  /** The new year; the document's own plus one when not given. */
  year?: number
  /** Keep the amounts (预算数, 财政资金, 其他资金). */
  keepBudget: boolean
}


export type SuccessorResult =
  | {
      ok: true
      text: DocumentText
      from: number
      year: number
      /** What was cleared, to tell the person ("预算数（12 个项目）"); empty when nothing was. */
      cleared: string[]
    }
  | { ok: false; reason: string }

export function successorText(text: DocumentText, options: SuccessorOptions): SuccessorResult {
  const from = parseYear(text.subtitle) ?? parseYear(text.title)
  if (from === null) return { ok: false, reason: '无法从文档标题中读出年度，不能生成下一年度底稿' }
  const { year = from + 1, keepBudget } = options
  if (year <= from) return { ok: false, reason: `新年度（${year}）必须晚于本文档的年度（${from}）` }
  const shift = year - from
  // Only the document's own years move (a 2021 baseline stays 2021).
  const move = (s: string) => s.replace(/(\d{4})(\s*年)/g, (all, y: string, rest: string) => (Number(y) === from || Number(y) === from + 1 ? `${Number(y) + shift}${rest}` : all))
  // A 实施期 of the document's year alone ("2022年1月-2022年12月", "2022.01-2022.12") is the new year's; one over
  // several years is the project's own span, and stays as written.
  const PERIOD_YEAR = /(\d{4})(?=\s*[年.\-/])/g
  const movePeriod = (s: string) => {
    const years = [...s.matchAll(PERIOD_YEAR)].map((m) => Number(m[1]))
    return years.length > 0 && years.every((y) => y === from) ? s.replace(PERIOD_YEAR, String(year)) : s
  }
  const clear = (s: string) => (keepBudget ? s : '')
  const cleared = keepBudget
    ? []
    : AMOUNT_FIELDS.flatMap(({ key, label }) => {
        const filled = text.projects.filter((p) => p[key].trim() !== '').length
        return filled > 0 ? [`${label}（${filled} 个项目）`] : []
      })
  return {
    ok: true,
    from,
    year,
    cleared,
    text: {
      title: move(text.title),
      subtitle: move(text.subtitle),
      preparedBy: text.preparedBy,
      reviewedBy: text.reviewedBy,
      goals: text.goals.map(move),
      subGoals: text.subGoals.map((g) => ({ title: move(g.title), duty: move(g.duty), target: move(g.target) })),
      safeguards: text.safeguards.map(move),
      projects: text.projects.map((p) => ({
        ...p,
        // The amounts (预算数, 财政资金, 其他资金) are cleared unless kept.
        ...byKey(AMOUNT_FIELDS, (f) => clear(p[f.key])),
        usage: move(p.usage),
        goal: move(p.goal),
        ...(p.details ? { details: { ...p.details, period: movePeriod(p.details.period), periodGoal: move(p.details.periodGoal) } } : {}),
        spendingPlan: p.spendingPlan.map((e) => ({ label: move(e.label), percent: e.percent })),
        indicators: p.indicators.map((r) => ({ ...r, level3: move(r.level3), description: move(r.description), value: move(r.value), basis: move(r.basis) })),
      })),
    },
  }
}
