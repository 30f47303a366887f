/**
 * Replacements: a reviewer who retypes 3.00 as 3.50 makes a deletion
 * ("3.00") and an insertion ("3.50"), two suggestions with two ids. Read
 * apart they can be decided apart, and accepting only the insertion leaves
 * "3.003.50" — a figure nobody wrote. So a deletion and an insertion by the
 * same author, side by side in one field and made within a short time of
 * each other, are one suggestion: shown as "3.00 → 3.50", accepted or
 * rejected whole.
 *
 * Pure: it reads a field's runs of text with their review marks, whatever
 * holds them (ProseMirror nodes in the editor, JSON elsewhere).
 */
import type { SuggestionInfo } from '../schema/suggestion'

/** A deletion and an insertion made together further apart than this are two suggestions. */
export const REPLACEMENT_WINDOW_MS = 5 * 60_000

/** A piece of a field's content: text with the review marks it carries; anything else (a break) as text ''. */
export interface MarkedRun {
  text: string
  insertion: SuggestionInfo | null
  deletion: SuggestionInfo | null
}

export interface Replacement {
  deletion: SuggestionInfo
  insertion: SuggestionInfo
  /** Every piece of the deletion's text in the field, in order. */
  oldText: string
  /** Every piece of the insertion's text in the field, in order. */
  newText: string
}

/** A run carrying exactly one review mark, as typing makes them (a deletion over someone's insertion is not a replacement's half). */
const onlyMark = (run: MarkedRun): { kind: 'insertion' | 'deletion'; info: SuggestionInfo } | null => {
  if (run.text === '') return null
  if (run.insertion && !run.deletion) return { kind: 'insertion', info: run.insertion }
  if (run.deletion && !run.insertion) return { kind: 'deletion', info: run.deletion }
  return null
}

const madeTogether = (a: SuggestionInfo, b: SuggestionInfo) =>
  a.author === b.author && a.id !== b.id && Math.abs(a.time - b.time) <= REPLACEMENT_WINDOW_MS

/**
 * The replacements in one field: a deletion's run directly beside an
 * insertion's run (either order), same author, made within
 * `REPLACEMENT_WINDOW_MS`. Each suggestion is in at most one replacement,
 * the first pair met from the start of the field.
 */
export function replacementsIn(runs: readonly MarkedRun[]): Replacement[] {
  const textOf = (kind: 'insertion' | 'deletion', id: string) =>
    runs.filter((run) => onlyMark(run)?.kind === kind && run[kind]!.id === id).map((run) => run.text).join('')
  const paired = new Set<string>()
  const found: Replacement[] = []
  for (let i = 0; i + 1 < runs.length; i++) {
    const a = onlyMark(runs[i]!)
    const b = onlyMark(runs[i + 1]!)
    if (!a || !b || a.kind === b.kind || !madeTogether(a.info, b.info)) continue
    if (paired.has(a.info.id) || paired.has(b.info.id)) continue
    const [deletion, insertion] = a.kind === 'deletion' ? [a.info, b.info] : [b.info, a.info]
    paired.add(deletion.id).add(insertion.id)
    found.push({ deletion, insertion, oldText: textOf('deletion', deletion.id), newText: textOf('insertion', insertion.id) })
  }
  return found
}

/** Suggestion id → the id decided with it, for every replacement given. */
export function partners(replacements: readonly Replacement[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const { deletion, insertion } of replacements) map.set(deletion.id, insertion.id).set(insertion.id, deletion.id)
  return map
}
