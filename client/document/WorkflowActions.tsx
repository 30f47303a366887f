/**
 * The workflow buttons of the role in the current status, with the note a
 * step asks for: 退回修改 always takes a written 退回意见; 审核通过 over
 * pending suggestions, open threads or check errors takes a reason. Where
 * this page reads such things in the document, 审核通过 asks for the reason
 * at once, naming them, in place of a confirmation the server would then
 * refuse; where it reads none, it asks to be confirmed, and the server,
 * which judges the document as stored, asks for the reason should it find
 * any. A step that asks to be confirmed (报送, 审核通过) names there what
 * still stands open, so the count is seen before the step, not after.
 */
import { createSignal, For, Show } from 'solid-js'
import type { Role } from '@shared/protocol/role'
import { availableTransitions, MIN_NOTE_LENGTH, type Status, type Transition } from '@shared/review/workflow'
import { sendsBack } from '@shared/review/sends-back'
import { api, ApiFailure } from '../api/http'
import { T } from '../i18n/zh-CN'

interface Composing {
  transition: Transition
  /** Why a note is asked for: the server's list of what blocks the step, or the step's own need. */
  prompt: string
  /** What the step does, where the note is asked for in place of its confirmation. */
  consequence?: string
}

export function WorkflowActions(props: {
  docId: string
  status: Status
  role: Role | null
  /** The reviewer's drafted 审核意见: where a step takes a note, it starts from it. */
  draftNote?: string
  /** A step was taken with the drafted 审核意见 as its note (the server has cleared the draft). */
  onOpinionUsed?: () => void
  /**
   * The drafted 审核意见 was not read (yet, or it failed offline): the steps that take a note wait for it, since
   * their note would start from an empty one rather than the draft kept on the server.
   */
  draftUnread?: boolean
  /** What stands open in the document as this page reads it (pending suggestions, open threads, check errors), one sentence each. */
  standing?: () => string[]
}) {
  const [composing, setComposing] = createSignal<Composing | null>(null)
  const [note, setNote] = createSignal('')
  /** Whether the note being written started from the drafted 审核意见. */
  const [fromDraft, setFromDraft] = createSignal(false)
  const [error, setError] = createSignal('')
  const [busy, setBusy] = createSignal(false)

  const submit = async (transition: Transition, withNote?: string) => {
    setError('')
    setBusy(true)
    try {
      const opinionUsed = withNote !== undefined && fromDraft()
      await api.transition(props.docId, transition.action, withNote, opinionUsed)
      setComposing(null)
      setNote('')
      setFromDraft(false)
      if (opinionUsed) props.onOpinionUsed?.()
    } catch (e) {
      if (e instanceof ApiFailure && e.code === 'workflow-conditions') compose({ transition, prompt: e.message, consequence: T.stepConsequence[transition.action] })
      else setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  /** Whether `transition` must wait for the drafted 审核意见 to be read. */
  const waitsForDraft = (transition: Transition) => transition.note !== undefined && props.draftUnread === true
  /** Whether a note for `transition` would send back what the step approves: said beside it, and the draft not put in. */
  const contradicts = (transition: Transition, text: string) => transition.action === 'approve' && sendsBack(text)
  const compose = (c: Composing) => {
    if (waitsForDraft(c.transition)) return setError(T.stepWaitsForOpinion)
    if (!note() && props.draftNote && !contradicts(c.transition, props.draftNote)) {
      setNote(props.draftNote)
      setFromDraft(true)
    }
    setComposing(c)
  }
  /** Steps that change who may edit ask first, saying what happens; the others go at once. */
  const [confirming, setConfirming] = createSignal<Transition | null>(null)
  /** What stood open when the confirmation was asked for. */
  const [stillOpen, setStillOpen] = createSignal<string[]>([])
  const start = (transition: Transition) => {
    if (transition.note === 'always') return compose({ transition, prompt: T.notePrompt(transition.label) })
    const consequence = T.stepConsequence[transition.action]
    if (consequence) {
      const open = props.standing?.() ?? []
      if (transition.note === 'to-override' && open.length > 0) return compose({ transition, prompt: T.overridePrompt(transition.label, open), consequence })
      setStillOpen(open)
      return setConfirming(transition)
    }
    void submit(transition)
  }

  return (
    <>
      <For each={props.role ? availableTransitions(props.status, props.role) : []}>
        {(t) => <button class="workflow" disabled={busy() || waitsForDraft(t)} title={waitsForDraft(t) ? T.stepWaitsForOpinion : undefined} onClick={() => start(t)}>{t.label}</button>}
      </For>
      <Show when={(props.role ? availableTransitions(props.status, props.role) : []).some(waitsForDraft)}>
        <span class="hint" data-testid="step-waits">{T.stepWaitsForOpinion}</span>
      </Show>
      <Show when={error()}>
        <span class="error" role="alert">{error()}</span>
      </Show>
      <Show when={confirming()}>
        {(t) => (
          <span class="confirm-inline" role="alertdialog" data-testid="confirm-step">
            {T.stepConsequence[t().action]}
            <Show when={stillOpen().length > 0}>
              <span class="still-open" data-testid="still-open">{T.stillOpen(stillOpen())}</span>
            </Show>
            <button class="workflow" disabled={busy()} onClick={() => {
              const step = t()
              setConfirming(null)
              void submit(step)
            }}>{T.confirmStep(t().label)}</button>
            <button onClick={() => setConfirming(null)}>{T.cancel}</button>
          </span>
        )}
      </Show>
      <Show when={composing()}>
        {(c) => (
          <form class="workflow-note" onSubmit={(e) => { e.preventDefault(); void submit(c().transition, note()) }}>
            <Show when={c().consequence}>{(said) => <span class="consequence">{said()}</span>}</Show>
            <label>
              {c().prompt}
              {/* The box takes the keys at once: the person clicked 退回修改 (or 审核通过 over what stands open) to write it. */}
              <textarea ref={(box) => queueMicrotask(() => box.focus())} value={note()} onInput={(e) => setNote(e.currentTarget.value)} rows={note().includes('\n') ? 12 : 3} required />
            </label>
            {/* The server takes a note of MIN_NOTE_LENGTH characters or more: a shorter one is said here, not refused there. */}
            <Show when={note().trim().length > 0 && note().trim().length < MIN_NOTE_LENGTH}>
              <span class="hint" data-testid="note-too-short">{T.noteTooShort(MIN_NOTE_LENGTH)}</span>
            </Show>
            <Show when={contradicts(c().transition, note() || (props.draftNote ?? ''))}>
              <span class="hint" data-testid="note-sends-back">{note() === '' ? T.draftSendsBack : T.noteSendsBack}</span>
            </Show>
            <button type="submit" class="workflow" disabled={busy() || note().trim().length < MIN_NOTE_LENGTH || contradicts(c().transition, note())}>{T.confirmStep(c().transition.label)}</button>
            <button type="button" onClick={() => { setComposing(null); setNote(''); setFromDraft(false) }}>{T.cancel}</button>
          </form>
        )}
      </Show>
    </>
  )
}
