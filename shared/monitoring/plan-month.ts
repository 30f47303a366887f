/**
 * Months in a 绩效运行监控: the month a 截至月份 ("6月", "2026年1-6月",
 * "截至6月底") stops at, the month a 资金支出计划 node ("6月底", "第二季度",
 * "上半年") falls at, and the share of the budget the plan means to have
 * spent by a month — the cumulative percent of the last node at or before
 * it. Null where the text names no month.
 */

const CHINESE: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4 }

/** The last month a text names, 1–12: "2026年1-6月" → 6, "第二季度" → 6, "上半年" → 6, "年底" → 12. */
export function monthOf(text: string): number | null {
  const flat = text.replace(/[\s\u3000]/g, '').replace(/20\d\d年(度)?/g, '')
  const months = [...flat.matchAll(/(\d{1,2})月/g)].map((m) => Number(m[1]))
  const last = months.at(-1)
  if (last !== undefined) return last >= 1 && last <= 12 ? last : null
  const quarter = /(?:第)?([一二三四1-4])季度/.exec(flat)
  if (quarter) return (CHINESE[quarter[1]!] ?? Number(quarter[1])) * 3
  if (flat.includes('上半年')) return 6
  if (/下半年|全年|年底|年末/.test(flat)) return 12
  return null
}

/** The percent of the budget the plan means to have spent by `month`: the last node at or before it; 0 before the first; null when no node names a month with a percent, or the last one reached has none. */
export function plannedShare(plan: readonly { label: string; percent: number | null }[], month: number): number | null {
  const nodes = plan.flatMap((node) => {
    const at = monthOf(node.label)
    return at === null ? [] : [{ at, percent: node.percent }]
  })
  if (nodes.every((node) => node.percent === null)) return null
  const reached = nodes.filter((node) => node.at <= month)
  if (reached.length === 0) return 0
  // The share of the last node reached, unread (empty, no number, or merged), is not known: an earlier node's
  // would pass for it.
  const last = Math.max(...reached.map((node) => node.at))
  if (reached.some((node) => node.at === last && node.percent === null)) return null
  return Math.max(...reached.flatMap((node) => (node.percent === null ? [] : [node.percent])))
}
