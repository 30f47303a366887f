/**
 * Starting a comment thread: from the selection (the composer anchors it
 * when it opens, so typing the comment cannot move it) or from a finding
 * (anchored to the finding's cell, with the finding as its text).
 */
import { createSignal } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { createThread } from '@shared/review/threads'
import { anchorOfSelection } from '../../editor/comment-anchors'
import { textRangeAtPlace } from '../../editor/place'
import { T } from '../../i18n/zh-CN'
import type { DocumentSession } from './document-session'

export type CommentAnchor = NonNullable<ReturnType<typeof anchorOfSelection>>

export function createCommentDrafts(session: DocumentSession) {
  const [composing, setComposing] = createSignal<CommentAnchor | null>(null)
  const start = (anchor: CommentAnchor, text: string) => {
    const id = crypto.randomUUID()
    createThread(session.connection.ydoc, { id, ...anchor, author: session.user.name, text, now: Date.now(), commentId: crypto.randomUUID() })
    session.activateThread(id)
  }
  return {
    composing,
    /** 添加批注: opens the composer on the selection, or says to select something. */
    open: () => {
      const editor = session.editor()
      const anchor = editor ? anchorOfSelection(editor) : null
      if (!anchor) return session.say(T.selectTextToComment)
      setComposing(anchor)
    },
    submit: (text: string) => {
      const anchor = composing()
      if (!anchor || !text.trim()) return
      start(anchor, text.trim())
      setComposing(null)
    },
    cancel: () => setComposing(null),
    /** 转为批注: a finding becomes a thread on its cell. */
    fromFinding: (finding: Finding) => {
      const editor = session.editor()
      const range = editor ? textRangeAtPlace(editor.state.doc, finding) : null
      if (!editor || !range) return
      editor.chain().setTextSelection(range).run()
      const anchor = anchorOfSelection(editor)
      if (anchor) start(anchor, finding.message)
    },
  }
}

export type CommentDrafts = ReturnType<typeof createCommentDrafts>
