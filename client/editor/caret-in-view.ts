/**
 * Scrolling the caret into view only when it is out of view, looked at
 * once a frame. ProseMirror answers every typed key by measuring the caret
 * (forcing a layout of the page just changed) and then every ancestor of
 * it up to the window — a form cell sits some fifteen elements deep — to
 * find, nearly always, that nothing needs to move. Here the question waits
 * for the next animation frame, where the layout is done once for all the
 * keys typed since, and is answered from the box of the element holding
 * the caret: wholly inside the window (less ProseMirror's own 5 px margin),
 * the caret is too and every ancestor's scroll would be nil. Otherwise
 * ProseMirror scrolls, as it would have, before that frame is painted —
 * by its own scrolling code called directly: asked for with a transaction,
 * the scroll cost a second dispatch of the whole editor (the Yjs binding,
 * every plugin) in each such frame, and a cell taller than what is left of
 * the window, or at its edge, asked for one at every key.
 */
import { Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** ProseMirror's scroll to the selection, as its update runs it for a transaction that asks for one (not public API). */
const scrollToSelection = (view: EditorView) => (view as unknown as { scrollToSelection(): void }).scrollToSelection()

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
  addProseMirrorPlugins: () => {
    /** ProseMirror's own scroll, asked for by the check below, is under way. */
    let scrolling = false
    let checkPending = false
    const check = (view: EditorView) => {
      checkPending = false
      if (view.isDestroyed || caretInView(view)) return
      scrolling = true
      try {
        scrollToSelection(view)
      } finally {
        scrolling = false
      }
    }
    return [
      new Plugin({
        props: {
          handleScrollToSelection: (view) => {
            if (scrolling) return false
            if (!checkPending) {
              checkPending = true
              requestAnimationFrame(() => check(view))
            }
            return true
          },
        },
      }),
    ]
  },
})
