/**
 * The suggestion at the cursor, as the card beside the document shows it:
 * who, when, what kind, and the words (or the row) it is about.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState } from '@tiptap/pm/state'
import type { SuggestionInfo } from '@shared/schema/suggestion'
import { MARK } from '@shared/schema/node-names'
import { replacementsOf, rowSuggestionOf, suggestionOf } from './suggest-mode'

export interface SuggestionHere extends SuggestionInfo {
  kind: 'insert' | 'delete' | 'replace' | 'row-insert' | 'row-delete'
  /** The suggested words in this cell (a replacement's new words), or the row's text; shortened. */
  text: string
  /** The words a replacement takes out; shortened. */
  oldText?: string
  /** The row's node type, for a whole-row suggestion. */
  row?: string
}

const MAX_CHARS = 80
const shorten = (text: string) => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text)

/** Every piece of one suggestion's text in a cell, in order (typing between them splits it). */
function textOf(block: PMNode, type: string, id: string): string {
  let text = ''
  block.forEach((child) => {
    if (child.isText && suggestionOf(child.marks, type)?.id === id) text += child.text
  })
  return text
}

/**
 * A marked run the cursor touches (the one before it first, as the cursor
 * sits after what was typed; either half of a replacement is the whole
 * replacement), else a proposed row the cursor is in. What
 * 接受修订/拒绝修订 act on without a selection — never every suggestion in
 * the document.
 */
export function suggestionHere(state: EditorState, pos: number): SuggestionHere | null {
  const $pos = state.doc.resolve(pos)
  for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
    if (!node?.isText) continue
    for (const type of [MARK.insertion, MARK.deletion]) {
      const info = suggestionOf(node.marks, type)
      const replacement = info ? replacementsOf($pos.parent).find((r) => r.deletion.id === info.id || r.insertion.id === info.id) : undefined
      if (info && replacement) return { ...info, kind: 'replace', text: shorten(replacement.newText), oldText: shorten(replacement.oldText) }
      if (info) return { ...info, kind: type === MARK.insertion ? 'insert' : 'delete', text: shorten(textOf($pos.parent, type, info.id)) }
    }
  }
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth)
    const row = rowSuggestionOf(node)
    if (row) return { id: row.id, author: row.author, time: row.time, kind: row.kind === 'insert' ? 'row-insert' : 'row-delete', text: shorten(node.textContent), row: node.type.name }
  }
  return null
}
