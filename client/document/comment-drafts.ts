/**
 * Starting a comment thread: from the selection (the composer anchors it
 * when it opens, so typing the comment cannot move it) or from a finding
 * (anchored to the finding's cell, with the finding as its text).
 */
import { createSignal } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { createThread, type ThreadView } from '@shared/review/threads'
import { anchorOfSelection, anchorRange } from '../editor/comment-anchors'
import { textRangeAtPlace } from '../editor/place'
import { T } from '../i18n/zh-CN'
import type { DocumentSession } from './document-session'

export type CommentAnchor = NonNullable<ReturnType<typeof anchorOfSelection>>

/** The selection the composer opens beside, in page coordinates (so the composer stays with the text as the page scrolls). */
export interface ComposerPlace {
  /** The selection's top and bottom edges, and its left edge. */
  top: number
  bottom: number
  left: number
}

export function createCommentDrafts(session: DocumentSession) {
  const [composing, setComposing] = createSignal<CommentAnchor | null>(null)
  const [place, setPlace] = createSignal<ComposerPlace>({ top: 0, bottom: 0, left: 0 })
  const start = (anchor: CommentAnchor, text: string) => {
    const id = crypto.randomUUID()
    createThread(session.connection.ydoc, { id, ...anchor, author: session.user.name, text, now: Date.now(), commentId: crypto.randomUUID() })
    session.threads.activate(id)
  }
  return {
    composing,
    place,
    /** 添加批注: opens the composer beside the selection, or says to select something. */
    open: () => {
      const editor = session.editor()
      const anchor = editor ? anchorOfSelection(editor) : null
      if (!editor || !anchor) return session.say(T.selectTextToComment)
      const { from, to } = editor.state.selection
      const start = editor.view.coordsAtPos(from)
      const end = editor.view.coordsAtPos(to)
      setPlace({ top: Math.min(start.top, end.top) + window.scrollY, bottom: end.bottom + window.scrollY, left: Math.min(start.left, end.left) + window.scrollX })
      setComposing(anchor)
    },
    submit: (text: string) => {
      const anchor = composing()
      if (!anchor || !text.trim()) return
      start(anchor, text.trim())
      setComposing(null)
    },
    cancel: () => setComposing(null),
    /**
     * 转为批注: a finding becomes a thread on its cell — once. A finding that already has its open thread shows
     * that thread: a second click made a second, identical thread that 报送 and 审核通过 then counted as unresolved.
     */
    fromFinding: (finding: Finding) => {
      const existing = threadOfFinding(finding)
      if (existing) return session.threads.activate(existing.id)
      const editor = session.editor()
      const range = editor ? textRangeAtPlace(editor.state.doc, finding) : null
      if (!editor || !range) return
      editor.chain().setTextSelection(range).run()
      const anchor = anchorOfSelection(editor)
      if (anchor) start(anchor, finding.message)
    },
    threadOfFinding,
  }

  /** The open thread `finding` became: anchored in the finding's cell, opened with the finding's words. */
  function threadOfFinding(finding: Finding): ThreadView | undefined {
    // Asked for every finding the panel lists, at every change: the document is looked into only for a thread
    // opened with the finding's words.
    const candidates = session.threads.list().filter((thread) => thread.status === 'open' && thread.comments[0]?.text === finding.message)
    const editor = session.editor()
    const cell = candidates.length > 0 && editor ? textRangeAtPlace(editor.state.doc, finding) : null
    if (!editor || !cell) return undefined
    return candidates.find((thread) => {
      const anchored = anchorRange(editor.state, thread)
      return !!anchored && anchored.from >= cell.from && anchored.to <= cell.to
    })
  }
}

export type CommentDrafts = ReturnType<typeof createCommentDrafts>
