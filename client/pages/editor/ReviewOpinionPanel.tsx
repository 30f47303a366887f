/**
 * 审核意见, for the finance reviewer: a draft from the current findings
 * (`draftOpinion`: a grade per project by the 88号 criteria, the common
 * problems once, changes per project, the resubmission date)
 * that the reviewer edits freely. The text is kept on this machine until
 * the reviewer acts; 退回修改 and 审核通过 then start from it as their note,
 * so it is stored with the step's version and shown to staff.
 */
import { createSignal, Show } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { draftOpinion } from '@shared/checks/review-opinion'
import { opinionText } from '@shared/checks/opinion-text'
import type { BudgetDocument } from '@shared/model/budget-document'
import { T } from '../../i18n/zh-CN'

const storageKey = (docId: string) => `jixiao:opinion:${docId}`

export function createOpinionDraft(docId: string) {
  const [text, setText] = createSignal(localStorage.getItem(storageKey(docId)) ?? '')
  const save = (value: string) => {
    setText(value)
    if (value) localStorage.setItem(storageKey(docId), value)
    else localStorage.removeItem(storageKey(docId))
  }
  return { text, save }
}

export type ReviewOpinionDraft = ReturnType<typeof createOpinionDraft>

export function ReviewOpinionPanel(props: {
  model: BudgetDocument | null
  findings: Finding[]
  draft: ReviewOpinionDraft
}) {
  const [confirming, setConfirming] = createSignal(false)
  const today = () => new Date().toISOString().slice(0, 10)
  const conclusion = () => (props.model ? draftOpinion(props.model, props.findings, { date: today() }) : null)
  const redraft = () => {
    setConfirming(false)
    const opinion = conclusion()
    if (opinion) props.draft.save(opinionText(opinion))
  }
  return (
    <section class="review-opinion" data-testid="review-opinion">
      <h2>{T.reviewOpinion}</h2>
      <Show when={conclusion()}>
        {(o) => (
          <p class="grades">
            {o().projects.map((p) => `${p.number}.${p.grade}`).join('　')}　→　<strong>{T.conclusion}：{o().conclusion}</strong>
          </p>
        )}
      </Show>
      <Show
        when={props.draft.text() && !confirming()}
        fallback={
          <Show when={confirming()} fallback={<button onClick={redraft} disabled={!props.model}>{T.draftOpinion}</button>}>
            <p>{T.confirmRedraft}</p>
            <button onClick={redraft}>{T.redraft}</button>
            <button onClick={() => setConfirming(false)}>{T.cancel}</button>
          </Show>
        }
      >
        <textarea aria-label={T.reviewOpinion} value={props.draft.text()} onInput={(e) => props.draft.save(e.currentTarget.value)} rows={14} />
        <p class="hint">{T.opinionHint}</p>
        <button class="small" onClick={() => setConfirming(true)}>{T.redraft}</button>
      </Show>
    </section>
  )
}
