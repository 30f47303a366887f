/**
 * How many 处 of pending changes a field holds, for every count a person
 * reads (待处理修订 in the queue, 「接受全部 N 处修订」, the approval blocker
 * 「还有 N 处修改建议」).
 *
 * One 处 is one place in the text: a stretch of suggested text in one field,
 * whose neighbouring runs share a suggestion or are the two halves of one
 * replacement ("10.00 → 12.00" is one 处). Suggestion ids are not places:
 * 全部替换 marks all its places with one deletion id and one insertion id,
 * so 48 replacements would count as 2 ids (or, less pairings, negative).
 * Two suggestions side by side that are not one replacement (another
 * reviewer's insertion right after mine) are two 处: they are decided apart.
 * A break ('' run) does not part a suggestion from itself. A proposed row
 * (added or removed) is one 处, counted by the caller.
 *
 * Pure: reads a field's runs, whatever holds them (ProseMirror in the
 * editor, the Y.Doc on the server).
 */
import type { SuggestionInfo } from '../schema/suggestion'
import { partners, replacementsIn, type MarkedRun } from './replacements'

/** The places in one field's runs; `chosen` narrows to some suggestions (all by default). */
export function pendingPlaces(runs: readonly MarkedRun[], chosen: (info: SuggestionInfo) => boolean = () => true): number {
  const partner = partners(replacementsIn(runs))
  let places = 0
  let previous: string[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const ids = [run.insertion, run.deletion].flatMap((info) => (info && chosen(info) ? [info.id] : []))
    const joins = ids.some((id) => previous.includes(id) || (partner.has(id) && previous.includes(partner.get(id)!)))
    if (ids.length > 0 && !joins) places++
    previous = ids
  }
  return places
}
