/**
 * What one Ctrl+Z takes back. Yjs runs changes less than 500 ms apart into
 * one step, whatever they are. A figure typed slowly ("3", "." … "50" over
 * two seconds) was then several steps, and one Ctrl+Z took back part of it:
 * 3.50 became 3.5, as a reviewer's suggestion a figure nobody meant; and two
 * quick changes in two cells were one step. Here a step is what one wrote
 * into one cell without leaving it: a figure cell's typing is one step
 * however slowly it was typed; in running text the 500 ms rule stands; a
 * change in another cell, coming back to a cell after leaving it, and
 * accepting or rejecting a suggestion each begin a step of their own.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import * as Y from 'yjs'
import { isFigureCell } from '@shared/schema/figure-cells'
import { isOwnChange } from './suggest-mode'
import { undoManagerOf } from './undo-step'

type StackItem = Y.UndoManager['undoStack'][number]

/** Yjs' own grouping of changes in running text. */
const RUNNING_TEXT_PAUSE_MS = 500

/** Where one's last change was: the start of its cell (mapped through every change since), and when. */
interface LastChange {
  cell: number
  figure: boolean
  at: number
}

const key = new PluginKey<LastChange | null>('typingSteps')

/** The change's cell: the text block its selection ends in. */
function changeOf(tr: Transaction, now: number): LastChange | null {
  const $head = tr.selection.$head
  if (tr.getMeta('suggestion-decision') || !$head.parent.isTextblock || $head.depth === 0) return null
  return { cell: $head.before(), figure: isFigureCell($head.parent.type.name), at: now }
}

/** Whether `tr` goes on with the step `last` began. */
function continues(last: LastChange | null, tr: Transaction, next: LastChange | null): boolean {
  if (last === null || next === null || tr.mapping.map(last.cell) !== next.cell) return false
  return next.figure || next.at - last.at < RUNNING_TEXT_PAUSE_MS
}

export const TypingSteps = Extension.create<Record<string, never>, { joins: boolean }>({
  name: 'typingSteps',
  addStorage: () => ({ joins: false }),
  onCreate() {
    const undoManager = undoManagerOf(this.editor.state)
    if (!undoManager) return
    // The steps are ended here, by `stopCapturing`, never by time.
    undoManager.captureTimeout = Number.POSITIVE_INFINITY
    // The binding ends a step of its own accord too: at the first transaction after a colleague's change (y-tiptap
    // keeps their change's `addToHistory: false`). A change that goes on with the step is put back into it.
    undoManager.on('stack-item-added', ({ stackItem, type }: { stackItem: StackItem; type: 'undo' | 'redo' }) => {
      const stack = undoManager.undoStack
      if (type !== 'undo' || !this.storage.joins || undoManager.undoing || undoManager.redoing || stack.length < 2 || stack.at(-1) !== stackItem) return
      const step = stack[stack.length - 2]!
      step.insertions = Y.mergeDeleteSets([step.insertions, stackItem.insertions])
      step.deletions = Y.mergeDeleteSets([step.deletions, stackItem.deletions])
      stack.pop()
    })
  },
  addProseMirrorPlugins() {
    const storage = this.storage
    return [
      new Plugin<LastChange | null>({
        key,
        state: {
          init: () => null,
          apply: (tr, last, _before, after) => {
            if (isOwnChange(tr)) return changeOf(tr, Date.now())
            if (!last) return null
            const $head = after.selection.$head
            const cell = $head.depth > 0 ? $head.before() : null
            // A colleague's change is no step of one's own: the binding keeps the caret in its cell, though the
            // change may rebuild what holds it (a position mapped through that lands elsewhere), so the cell is
            // where the caret still is. One's own moving out of the cell ends its step: coming back begins another.
            if (tr.docChanged) return cell === null ? null : { ...last, cell }
            return cell === last.cell ? last : null
          },
        },
        // Before the change reaches Yjs (the binding writes it when the view updates): end the step it should not join.
        filterTransaction: (tr: Transaction, state: EditorState) => {
          if (!isOwnChange(tr)) return true
          storage.joins = continues(key.getState(state) ?? null, tr, changeOf(tr, Date.now()))
          if (!storage.joins) undoManagerOf(state)?.stopCapturing()
          return true
        },
      }),
    ]
  },
})
