/**
 * Scrolling the caret into view only when it is out of view. ProseMirror
 * answers every typed key by measuring the caret and then every ancestor
 * of it up to the window — a form cell sits some fifteen elements deep —
 * to find, nearly always, that nothing needs to move. When the element
 * holding the caret is wholly inside the window (less ProseMirror's own
 * 5 px margin), the caret is too and every ancestor's scroll would be
 * nil, so the walk is skipped; otherwise ProseMirror scrolls as it would.
 */
import { Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** ProseMirror's default `scrollMargin`. */
const MARGIN = 5

/** Whether the element holding the DOM selection's focus is wholly on screen (false: let ProseMirror decide). */
export function caretInView(view: EditorView): boolean {
  const focus = view.dom.ownerDocument.getSelection()?.focusNode
  const holder = focus?.nodeType === 1 ? (focus as Element) : focus?.parentElement
  if (!holder || !view.dom.contains(holder)) return false
  const box = holder.getBoundingClientRect()
  const window = view.dom.ownerDocument.defaultView
  if (!window || (box.width === 0 && box.height === 0)) return false
  return box.top >= MARGIN && box.left >= MARGIN && box.bottom <= window.innerHeight - MARGIN && box.right <= window.innerWidth - MARGIN
}

export const CaretInView = Extension.create({
  name: 'caretInView',
  addProseMirrorPlugins: () => [new Plugin({ props: { handleScrollToSelection: caretInView } })],
})
