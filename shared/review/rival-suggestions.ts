/**
 * A figure cell holds one value, so two people's suggestions for it
 * compete: 王芳 retypes 3.00 as 4.00 while 李娜 retypes it as 3.50, and
 * accepting both (全部接受) — or one beside the other's pending deletion —
 * writes 「4.003.50」, a figure nobody wrote. The checks flag such a cell
 * afterwards (`review.half-decided`); the decision refuses to make it, and
 * asks for the one not taken to be rejected first.
 *
 * Pure: it reads a field's runs of text with their review marks.
 */
import type { MarkedRun } from './replacements'

/**
 * The text each author suggests inserting in the field, in order of first appearance, when two or more people
 * suggest insertions there; [] when one or none does (one reviewer's several insertions are one person's edit).
 */
export function rivalInsertions(runs: readonly MarkedRun[]): string[] {
  const byAuthor = new Map<string, string>()
  for (const run of runs) {
    if (!run.insertion || run.deletion || run.text === '') continue
    byAuthor.set(run.insertion.author, (byAuthor.get(run.insertion.author) ?? '') + run.text)
  }
  return byAuthor.size > 1 ? [...byAuthor.values()] : []
}
