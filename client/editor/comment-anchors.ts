/**
 * Comment anchors in the editor: turning a selection into the Yjs relative
 * positions a thread stores, and back into positions to highlight. The
 * highlights are recomputed from the relative positions on every remote
 * change — the Yjs binding replaces the document on each, so mapped
 * decorations would drift — and mapped through one's own edits: while a
 * local transaction is applied the binding has not yet written it to Yjs,
 * so resolving then would lag one keystroke behind.
 */
import { Extension, type Editor } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { listThreads, type ThreadView } from '@shared/review/threads'

interface Binding {
  doc: Y.Doc
  type: Y.XmlFragment
  mapping: Map<unknown, unknown>
}

const bindingOf = (state: EditorState): Binding | null =>
  (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null

/**
 * What a comment is about, as relative positions with the text it covers:
 * the selection; with only the caret, the cell (text field) it is in —
 * its whole text, or, for an empty cell (a 自评's 得分 showing only what
 * the rules derive), the cell itself, a zero-width anchor with an empty
 * quote. Null when the caret is in no cell.
 */
export function anchorOfSelection(editor: Editor): { start: Y.RelativePosition; end: Y.RelativePosition; quote: string } | null {
  const { from, to, empty, $from } = editor.state.selection
  const binding = bindingOf(editor.state)
  if (!binding) return null
  const range = empty ? ($from.parent.isTextblock && $from.depth > 0 ? { from: $from.start(), to: $from.end() } : null) : { from, to }
  if (!range) return null
  return {
    start: absolutePositionToRelativePosition(range.from, binding.type, binding.mapping as never),
    end: absolutePositionToRelativePosition(range.to, binding.type, binding.mapping as never),
    quote: editor.state.doc.textBetween(range.from, range.to, ' '),
  }
}

/**
 * Where a thread's anchor is now; null when its text is gone (the thread is
 * detached). A thread on an empty cell (empty quote) is where its cell is:
 * from = to.
 */
export function anchorRange(state: EditorState, thread: ThreadView): { from: number; to: number } | null {
  const binding = bindingOf(state)
  if (!binding || !thread.start || !thread.end) return null
  const from = relativePositionToAbsolutePosition(binding.doc, binding.type, thread.start, binding.mapping as never)
  const to = relativePositionToAbsolutePosition(binding.doc, binding.type, thread.end, binding.mapping as never)
  if (from === null || to === null || to < from || to > state.doc.content.size) return null
  if (to === from && (thread.quote !== '' || !state.doc.resolve(from).parent.isTextblock)) return null
  return { from, to }
}

export const commentAnchorsKey = new PluginKey<DecorationSet>('commentAnchors')

/** Highlights every open thread's text; `onActivate` hears clicks on a highlight. */
export const CommentAnchors = Extension.create<{ ydoc: Y.Doc | null; onActivate: (threadId: string) => void }>({
  name: 'commentAnchors',
  addOptions: () => ({ ydoc: null, onActivate: () => {} }),
  addProseMirrorPlugins() {
    const { ydoc, onActivate } = this.options
    const decorate = (state: EditorState): DecorationSet => {
      if (!ydoc) return DecorationSet.empty
      const decorations = listThreads(ydoc).flatMap((thread) => {
        if (thread.status !== 'open') return []
        const range = anchorRange(state, thread)
        if (!range) return []
        if (range.to > range.from) return [Decoration.inline(range.from, range.to, { class: 'comment-anchor', 'data-thread': thread.id }, { threadId: thread.id })]
        // A comment on an empty cell marks the cell.
        const $cell = state.doc.resolve(range.from)
        return [Decoration.node($cell.before(), $cell.after(), { class: 'comment-anchor cell-anchor', 'data-thread': thread.id }, { threadId: thread.id })]
      })
      return DecorationSet.create(state.doc, decorations)
    }
    return [
      new Plugin({
        key: commentAnchorsKey,
        state: {
          init: (_, state) => decorate(state),
          apply: (tr, old, _oldState, newState) => {
            const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin
            if (remote || tr.getMeta(commentAnchorsKey)) return decorate(newState)
            return tr.docChanged ? old.map(tr.mapping, tr.doc) : old
          },
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state),
          handleClick: (view, pos) => {
            const found = commentAnchorsKey.getState(view.state)?.find(pos, pos)[0]
            const id = (found?.spec as { threadId?: string } | undefined)?.threadId
            if (id) onActivate(id)
            return false
          },
        },
      }),
    ]
  },
})

/** Asks the highlights to be recomputed (after a change to the threads, which is not a document change). */
export const refreshAnchors = (editor: Editor) => editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, true))
