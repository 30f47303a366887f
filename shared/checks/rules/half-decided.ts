/**
 * A figure left by a replacement decided by halves: a reviewer retyped
 * 3.00 as 3.50, someone accepted the insertion alone (older clients let
 * them), and the cell reads "3.003.50". Not a number — so the total and
 * every export would silently leave it out. Error, naming both figures, so
 * staff write the one that was meant. (The editor decides a replacement
 * whole; this finds what older documents still hold.)
 */
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'
import { joinedFigures } from '../../model/numbers'
import { AMOUNT_FIELDS } from '../../schema/fields'

const BUDGET_CELLS = AMOUNT_FIELDS.map((f) => [f.key, f.label] as const)

const message = (where: string, written: string, [a, b]: [string, string]) =>
  `${where}“${written}”是两个数连在一起（${a} 与 ${b}）：像是只接受了一半的修订，请改为正确的数`

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
