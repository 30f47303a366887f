/**
 * What the 资金支出计划 planned to have spent by a 监控's 截至月份: the
 * cumulative percent of the latest plan node at or before that month
 * ("6月底" for "2026年1-6月"). The 运行监控表 shows it beside the 执行率,
 * so a project behind its own plan is seen as it is typed.
 */

const CHINESE_MONTHS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 }

/** The month a label names last ("6月", "1-6月", "2026年1—6月", "六月底", "上半年", "三季度末"), or null. */
export function monthOf(label: string): number | null {
  const text = label.replace(/\s/g, '')
  const digits = [...text.matchAll(/(\d{1,2})月/g)].map((m) => Number(m[1]))
  const last = digits.at(-1)
  if (last !== undefined && last >= 1 && last <= 12) return last
  const chinese = [...text.matchAll(/(十[一二]|[一二三四五六七八九十])月/g)].map((m) => CHINESE_MONTHS[m[1]!]!)
  if (chinese.length > 0) return chinese.at(-1)!
  if (/上半年|半年/.test(text)) return 6
  if (/全年|年底|年末|下半年/.test(text)) return 12
  const quarter = /([一二三四1-4])季度/.exec(text)
  if (quarter) return 3 * ({ 一: 1, 二: 2, 三: 3, 四: 4 }[quarter[1]!] ?? Number(quarter[1]))
  return null
}

/** The plan's cumulative percent by `asOf`'s month and the node it comes from; null when the month or no node before it can be read. */
export function plannedShare(plan: readonly { label: string; percent: number | null }[], asOf: string): { percent: number; label: string } | null {
  const month = monthOf(asOf)
  if (month === null) return null
  let found: { percent: number; label: string; month: number } | null = null
  for (const entry of plan) {
    const at = monthOf(entry.label)
    if (at === null || entry.percent === null || at > month) continue
    if (!found || at >= found.month) found = { percent: entry.percent, label: entry.label, month: at }
  }
  return found && { percent: found.percent, label: found.label }
}
