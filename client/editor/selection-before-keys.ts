/**
 * The browser's selection taken in before a key is handled. Chrome tells of
 * a new selection (Shift+Home, a drag, a double click) with a
 * `selectionchange` event that waits its turn — on a busy page behind the
 * keys typed next. A key handled before it is read against ProseMirror's
 * old selection: typing "0.40" over a selected "0.60" then arrives as the
 * DOM's difference, ".60" deleted with the "0" kept, and in suggestion mode
 * the card offers half a figure (".60 → .40") and the cell reads
 * 0~~.60~~.40. So each key first flushes ProseMirror's DOM observer, which
 * reads the selection as the person sees it (as `flushBeforeRemoteChanges`
 * does before a remote change). An IME's keys are left alone: a composition
 * reads its own start.
 */
import { Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'

/** ProseMirror's DOM observer: not public API, but the one place that reads the DOM selection as ProseMirror would. */
const domObserverOf = (view: EditorView) => (view as unknown as { domObserver: { flush(): void } }).domObserver

export const SelectionBeforeKeys = Extension.create({
  name: 'selectionBeforeKeys',
  addProseMirrorPlugins: () => [
    new Plugin({
      props: {
        handleDOMEvents: {
          keydown: (view, event) => {
            // Returning false lets ProseMirror handle the key as always, now against the selection shown.
            if (!event.isComposing && event.keyCode !== 229 && !view.composing) domObserverOf(view).flush()
            return false
          },
        },
      },
    }),
  ],
})
