/**
 * 查找替换 across the whole document, narrative and every table cell. A
 * match lies within one paragraph or cell (as in Word, a search does not
 * cross a cell's border). Replacing is an ordinary edit, dispatched
 * through the editor: in 修订模式 it becomes a suggestion like typing would.
 * Text under a pending deletion is not searched: it is what the document
 * is to lose, and a match a reviewer replaced (its text kept, marked for
 * deletion) would otherwise be found — and replaced — again.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { MARK } from '@shared/schema/node-names'

export interface Match {
  from: number
  to: number
}

/** Every occurrence of `query` (exact text) in the text as it reads, in document order. */
export function findMatches(doc: PMNode, query: string): Match[] {
  if (query === '') return []
  const matches: Match[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    // The block's text as it reads (pending deletions left out) with each character's document position.
    let text = ''
    const positions: number[] = []
    node.forEach((child, offset) => {
      if (!child.isText || child.marks.some((m) => m.type.name === MARK.deletion)) return
      for (let i = 0; i < child.text!.length; i++) positions.push(pos + 1 + offset + i)
      text += child.text
    })
    for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + query.length)) {
      matches.push({ from: positions[at]!, to: positions[at + query.length - 1]! + 1 })
    }
    return false
  })
  return matches
}

/** The index of the first match starting at or after `pos`, going round to the first; -1 when there are none. */
export function matchFrom(matches: readonly Match[], pos: number): number {
  if (matches.length === 0) return -1
  const at = matches.findIndex((m) => m.from >= pos)
  return at < 0 ? 0 : at
}

/** The index of `match` among `matches` when it is still one of them (the same place), else -1. */
export const indexOfMatch = (matches: readonly Match[], match: Match | null): number =>
  match === null ? -1 : matches.findIndex((m) => m.from === match.from && m.to === match.to)

/** Replaces the given matches (from the last, so earlier positions stay valid); null when there are none. */
export function replaceMatches(state: EditorState, matches: readonly Match[], replacement: string): Transaction | null {
  if (matches.length === 0) return null
  const tr = state.tr
  for (const { from, to } of [...matches].sort((a, b) => b.from - a.from)) {
    if (replacement === '') tr.delete(from, to)
    else tr.insertText(replacement, from, to)
  }
  return tr
}
