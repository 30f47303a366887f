/**
 * What the last paste into the open document did or left out, until the
 * person closes it, and the 绩效目标表 just pasted that wait for the person
 * to say whether to add them as projects.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, type Accessor } from 'solid-js'
import type { ProjectText } from '@shared/model/document-text'
import { addProjects } from '../editor/add-projects'
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
  return {
    report,
    closeReport: () => setReport(''),
    projects,
    answer: (add) => {
      const pasted = projects()
      setProjects(null)
      const current = editor()
      if (!add || !pasted || !current?.isEditable) return
      if (current.chain().focus().command(({ state, dispatch }) => addProjects(pasted)(state, dispatch)).run()) setReport(T.paste.projectsAdded(pasted.map((p) => p.name || p.code)))
    },
    listener: { say: setReport, offerProjects: (offered) => (setReport(''), setProjects(offered)) },
  }
}
