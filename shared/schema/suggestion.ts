/**
 * Track-changes metadata shared by the review marks (on text) and the
 * `suggestion` attribute (on whole rows).
 *
 * Rows carry their suggestion as a node attribute, not a node mark: the
 * Yjs binding (@tiptap/y-tiptap, like y-prosemirror) stores a node's attrs
 * but drops marks on block nodes, so a mark on a row would silently vanish
 * for every other replica.
 */

export interface SuggestionInfo {
  /** Globally unique (a UUID), so that offline reviewers never collide. */
  id: string
  /** The user name of the reviewer who suggested it. */
  author: string
  /** Milliseconds since the epoch. */
  time: number
}

export interface RowSuggestion extends SuggestionInfo {
  kind: 'insert' | 'delete'
}

export function isSuggestionInfo(value: unknown): value is SuggestionInfo {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.id === 'string' && v.id !== '' && typeof v.author === 'string' && typeof v.time === 'number'
}

export function isRowSuggestion(value: unknown): value is RowSuggestion {
  return isSuggestionInfo(value) && ['insert', 'delete'].includes((value as { kind?: unknown }).kind as string)
}
