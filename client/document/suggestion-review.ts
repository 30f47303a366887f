/**
 * Deciding suggestions (接受/拒绝修订): the one under the cursor or in the
 * selection at once; all of them, or a project's, only after asking, with
 * how many. Each decision is one undoable change. An author filter narrows
 * every decision to one person's suggestions.
 */
import { createSignal } from 'solid-js'
import { projectAt } from '../editor/row-commands'
import { countSuggestions, decideSuggestions, type Decision } from '../editor/suggest-mode'
import { suggestionHere } from '../editor/suggestion-here'
import { T } from '../i18n/zh-CN'
import type { DocumentSession } from './document-session'

/** A decision on many suggestions, waiting for the person's yes. */
export interface PendingDecision {
  accept: boolean
  count: number
  /** The project it is limited to (接受/拒绝本项目修订). */
  project?: { name: string; from: number; to: number }
}

export function createSuggestionReview(session: DocumentSession) {
  const [authorFilter, setAuthorFilter] = createSignal('')
  const [pending, setPending] = createSignal<PendingDecision | null>(null)
  const scope = (project?: { from: number; to: number }) => ({
    ...(authorFilter() ? { author: authorFilter() } : {}),
    ...(project ? { range: { from: project.from, to: project.to } } : {}),
  })

  /** Dispatches a decision's change and says which cells it left; whether there was a change. */
  const carryOut = ({ tr, rivals }: Decision): boolean => {
    if (tr) session.editor()?.view.dispatch(tr)
    if (rivals.length > 0) session.say(T.rivalSuggestions(rivals))
    return tr !== null
  }

  /** 接受/拒绝修订: the selection's suggestions, or the one at the cursor — never all of them unasked. */
  const decideHere = (accept: boolean) => {
    const editor = session.editor()
    if (!editor) return
    const { from, to, empty } = editor.state.selection
    const here = empty ? suggestionHere(editor.state, from) : null
    if (empty && !here) return session.say(T.noSuggestionHere)
    const decision = decideSuggestions(editor.state, accept, { ...scope(), ...(here ? { id: here.id } : { range: { from, to } }) })
    if (!carryOut(decision) && decision.rivals.length === 0) session.say(T.noSuggestionHere)
  }

  /** 全部接受/拒绝, or only in the project at the cursor: asks first. */
  const askAll = (accept: boolean, inProject = false) => {
    const editor = session.editor()
    if (!editor) return
    const project = inProject ? projectAt(editor.state) : null
    if (inProject && !project) return session.say(T.noProjectHere)
    setPending({ accept, count: countSuggestions(editor.state.doc, scope(project ?? undefined)), ...(project ? { project } : {}) })
  }

  const confirm = () => {
    const asked = pending()
    setPending(null)
    const editor = session.editor()
    if (!editor || !asked) return
    carryOut(decideSuggestions(editor.state, asked.accept, scope(asked.project)))
  }

  return { authorFilter, setAuthorFilter, decideHere, askAll, pending, confirm, cancel: () => setPending(null) }
}

export type SuggestionReview = ReturnType<typeof createSuggestionReview>
