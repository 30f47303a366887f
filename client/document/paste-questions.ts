/**
 * What the last paste into the open document did or left out, until the
 * person closes it or edits on (then it is about a change already behind
 * them: left up, it still spoke of a paste after 报送 and 退回), and the
 * 绩效目标表 just pasted that wait for the person to say whether to add
 * them as projects.
 */
import type { Editor, EditorEvents } from '@tiptap/core'
import { createSignal, type Accessor } from 'solid-js'
import type { ProjectText } from '@shared/model/document-text'
import { addProjects } from '../editor/add-projects'
import { isLocalEdit } from '../editor/suggest-mode'
import type { PasteListener } from '../editor/table-paste'
import { T } from '../i18n/zh-CN'

export interface PasteQuestions {
  /** What the last paste did or left out ('' for nothing to say). */
  readonly report: Accessor<string>
  closeReport(): void
  /** 绩效目标表 just pasted, waiting for the person's answer. */
  readonly projects: Accessor<ProjectText[] | null>
  answer(add: boolean): void
}

/** `listener` hears what the editor's paste handling tells. */
export function createPasteQuestions(editor: Accessor<Editor | null>): PasteQuestions & { listener: PasteListener } {
  const [report, setReport] = createSignal('')
  const [projects, setProjects] = createSignal<ProjectText[] | null>(null)
  let stopWatching = () => {}
  const close = () => {
    stopWatching()
    setReport('')
  }
  /** Says what a paste did (its changes are dispatched by then), until the person's next edit. */
  const say = (text: string) => {
    close()
    setReport(text)
    const current = editor()
    if (text === '' || !current) return
    // One's own typing, or Ctrl+Z taking the paste back; not a colleague's change arriving.
    const onTransaction = ({ transaction }: EditorEvents['transaction']) => {
      if (isLocalEdit(transaction) || (transaction.getMeta('y-sync$') as { isUndoRedoOperation?: boolean } | undefined)?.isUndoRedoOperation) close()
    }
    current.on('transaction', onTransaction)
    stopWatching = () => {
      current.off('transaction', onTransaction)
      stopWatching = () => {}
    }
  }
  return {
    report,
    closeReport: close,
    projects,
    answer: (add) => {
      const pasted = projects()
      setProjects(null)
      const current = editor()
      if (!add || !pasted || !current?.isEditable) return
      if (current.chain().focus().command(({ state, dispatch }) => addProjects(pasted)(state, dispatch)).run()) say(T.paste.projectsAdded(pasted.map((p) => p.name || p.code)))
    },
    listener: { say, offerProjects: (offered) => (close(), setProjects(offered)) },
  }
}
