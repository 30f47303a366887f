/**
 * The open document's comment threads, read again on every change to
 * `threads` (the anchors in the editor are refreshed with them), and the
 * thread last clicked or created. The observer is removed when the owning
 * Solid scope is disposed.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { threadsOf } from '@shared/model/y-document'
import { listThreads, type ThreadView } from '@shared/review/threads'
import { refreshAnchors } from '../editor/comment-anchors'

export interface DocumentThreads {
  readonly list: Accessor<ThreadView[]>
  /** The thread last clicked or created. */
  readonly active: Accessor<string | null>
  activate(id: string | null): void
}

export function createDocumentThreads(ydoc: Y.Doc, editor: Accessor<Editor | null>): DocumentThreads {
  const threads = threadsOf(ydoc)
  const [list, setList] = createSignal<ThreadView[]>(listThreads(ydoc))
  const [active, activate] = createSignal<string | null>(null)
  const onThreads = () => {
    setList(listThreads(ydoc))
    const current = editor()
    if (current) refreshAnchors(current)
  }
  threads.observeDeep(onThreads)
  onCleanup(() => threads.unobserveDeep(onThreads))
  return { list, active, activate }
}
