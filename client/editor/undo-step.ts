/**
 * Undo as in Word: one Ctrl+Z takes back one step of one's own, or does
 * nothing. Yjs' UndoManager pops its stack until something changes, so
 * when a colleague or the server (恢复此项目, 恢复此版本) already took back
 * one's last edit, Ctrl+Z silently undid an older edit instead — in another
 * project, off screen. Here one step is one stack item, even when undoing
 * it finds nothing left to change.
 */
import type { EditorState } from '@tiptap/pm/state'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

/** The Yjs undo manager of an editor's state (Collaboration's), to use or to clear after a restore. */
export const undoManagerOf = (state: EditorState): Y.UndoManager | null =>
  (yUndoPluginKey.getState(state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager ?? null

/** Undoes (or redoes) the last step alone; false when it had nothing left to change (it is used up all the same). */
export function undoOneStep(undoManager: Y.UndoManager, direction: 'undo' | 'redo'): boolean {
  const key = direction === 'undo' ? 'undoStack' : 'redoStack'
  const earlier = undoManager[key]
  const last = earlier.pop()
  if (!last) return false
  undoManager[key] = [last]
  try {
    return (direction === 'undo' ? undoManager.undo() : undoManager.redo()) !== null
  } finally {
    undoManager[key] = earlier
  }
}
