/**
 * The browser keeps an undo history of its own for the editable page: the
 * letters ProseMirror lets it type natively are on it. Asked to undo from
 * outside the editor — Ctrl+Z with the focus on a button beside it (a
 * suggestion card's 接受, the toolbar), or the browser's Edit › Undo — it
 * took back the last letter typed, wherever it was, behind the Yjs undo
 * history and everyone's view of it: one Ctrl+Z after 接受 removed a 。
 * typed minutes before in another cell, and left the suggestion accepted.
 * Every undo goes to the editor's one history (Yjs, one step at a time):
 * the browser's own is never applied to the document.
 */
import { Extension, type Editor } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'

type Direction = 'undo' | 'redo'

/** What an undo or redo key asks for, or null: Ctrl/⌘+Z, Ctrl/⌘+Shift+Z, Ctrl+Y. */
function undoKey(event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'key'>): Direction | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo'
  return key === 'y' && !event.shiftKey ? 'redo' : null
}

/** Whether a key's target keeps its own text history: a field or another editable, where Ctrl+Z is theirs. */
const ownsItsText = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))

/**
 * The undo keys pressed anywhere on the document's page but in a field or in the editor (whose keymap takes
 * them): the editor's undo. Returns the listener to remove.
 */
export function undoKeysOutsideEditor(editor: () => Editor | null): (event: KeyboardEvent) => void {
  return (event) => {
    const direction = undoKey(event)
    if (!direction || event.defaultPrevented || ownsItsText(event.target)) return
    const current = editor()
    if (!current || current.isDestroyed) return
    event.preventDefault()
    if (current.isEditable) current.commands[direction]()
  }
}

/** The browser's own undo and redo, as it is about to apply them to the editor: the editor's instead. */
export const NativeUndo = Extension.create({
  name: 'nativeUndo',
  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            beforeinput: (_view, event) => {
              const direction = event.inputType === 'historyUndo' ? 'undo' : event.inputType === 'historyRedo' ? 'redo' : null
              if (!direction) return false
              event.preventDefault()
              if (editor.isEditable) editor.commands[direction]()
              return true
            },
          },
        },
      }),
    ]
  },
})
