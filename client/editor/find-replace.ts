/**
 * 查找替换 across the whole document, narrative and every table cell. A
 * match lies within one paragraph or cell (as in Word, a search does not
 * cross a cell's border). Replacing is an ordinary edit, dispatched
 * through the editor: in 修订模式 it becomes a suggestion like typing would.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState, Transaction } from '@tiptap/pm/state'

export interface Match {
  from: number
  to: number
}

/** Every occurrence of `query` (exact text), in document order. */
export function findMatches(doc: PMNode, query: string): Match[] {
  if (query === '') return []
  const matches: Match[] = []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    // The block's text with each character's document position.
    let text = ''
    const positions: number[] = []
    node.forEach((child, offset) => {
      if (!child.isText) return
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
