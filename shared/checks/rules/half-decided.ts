/**
 * Two figures run together in one cell: "3.003.50". Two ways to get there:
 * a reviewer retyped 3.00 as 3.50 and someone accepted the insertion alone
 * (older clients let them), or two people typed in the same cell at once and
 * the merge kept both figures. The check reads plain text and cannot tell
 * which, so the message names both causes. Not a number — so the total and
 * every export leave it out. Error, naming both figures, so staff write the
 * one that was meant.
 */
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'
import { joinedFigures } from '../../model/numbers'
import { AMOUNT_FIELDS } from '../../schema/fields'

const BUDGET_CELLS = AMOUNT_FIELDS.map((f) => [f.key, f.label] as const)

const message = (where: string, written: string, [a, b]: [string, string]) =>
  `${where}“${written}”不是一个数，是两个数连在一起（${a} 与 ${b}）：可能是两人同时修改了同一格，或只接受了一半的修订，请核对后改为一个数`

export const halfDecided: ProjectRule = {
  id: 'review.half-decided',
  check({ text, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const found: Finding[] = []
    for (const [field, label] of BUDGET_CELLS) {
      const joined = joinedFigures(text[field])
      if (joined) found.push(f.error(message(label, text[field], joined), { field }))
    }
    for (const entry of text.spendingPlan) {
      const joined = joinedFigures(entry.percent)
      if (joined) found.push(f.error(message(`资金支出计划“${entry.label}”的比例`, entry.percent, joined), { field: 'spendingPlan' }))
    }
    return found
  },
}
