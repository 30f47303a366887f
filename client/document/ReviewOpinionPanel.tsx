/**
 * 审核意见, for the finance reviewer: a draft from the current findings
 * (`draftOpinion`: a grade per project by the 88号 criteria, the common
 * problems once, changes per project, the resubmission date)
 * that the reviewer edits freely. The text is kept on the server with the
 * document (per reviewer and review round), saved as it is typed, so it
 * survives every step, a reload and another PC; 退回修改 and 审核通过 start
 * from it as their note, and the step that used it clears it. 导出审核意见书
 * writes the text as the reviewer edited it as a Word 审核意见书 (公文
 * page), made in the browser; the Word writer loads only when asked for.
 * The panel is a chunk of its own, loaded for reviewers only; the draft it
 * edits is `opinion-draft.ts`.
 */
import { createMemo, createSignal, Show } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { draftOpinion } from '@shared/checks/review-opinion'
import { blocksFromText, opinionText } from '@shared/checks/opinion-text'
import type { BudgetDocument } from '@shared/model/budget-document'
import { T } from '../i18n/zh-CN'
import { Loaded } from '../pages/loaded'
import type { ReviewOpinionDraft } from './opinion-draft'

async function downloadOpinion(text: string) {
  const { exportOpinionDocx } = await import('@shared/formats/docx/opinion-export')
  const blocks = blocksFromText(text)
  const bytes = await exportOpinionDocx(blocks)
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }))
  const link = document.createElement('a')
  link.href = url
  link.download = `${blocks[0]?.text || T.reviewOpinion}.docx`
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

export function ReviewOpinionPanel(props: {
  model: BudgetDocument | null
  findings: Finding[]
  /** Why some checks have not run ('' when all have): no grade is given, nor an opinion drafted, without them. */
  unrun: string
  draft: ReviewOpinionDraft
}) {
  const [confirming, setConfirming] = createSignal(false)
  const today = () => new Date().toISOString().slice(0, 10)
  // Read by the grades line and by each button that drafts from it: derived once per reading.
  const conclusion = createMemo(() => (props.model && !props.unrun ? draftOpinion(props.model, props.findings, { date: today() }) : null))
  const redraft = () => {
    setConfirming(false)
    const opinion = conclusion()
    if (opinion) props.draft.save(opinionText(opinion))
  }
  return (
    <section class="review-opinion" data-testid="review-opinion">
      <h2>{T.reviewOpinion}</h2>
      <Show when={props.unrun}>
        <p class="notice" role="alert">{props.unrun}</p>
      </Show>
      <Show when={conclusion()}>
        {(o) => (
          <p class="grades">
            {T.reviewGrades}：{o().projects.map((p) => `${p.number}.${p.grade}`).join('　')}　→　<strong>{T.conclusion}：{o().conclusion}</strong>
          </p>
        )}
      </Show>
      <Loaded resource={props.draft.read} what={T.reviewOpinion} retry={props.draft.reread}>
        {() => (
          <Show
            when={props.draft.text() && !confirming()}
            fallback={
              <Show when={confirming()} fallback={<button onClick={redraft} disabled={!conclusion()}>{T.draftOpinion}</button>}>
                <p>{T.confirmRedraft}</p>
                <button onClick={redraft}>{T.redraft}</button>
                <button onClick={() => setConfirming(false)}>{T.cancel}</button>
              </Show>
            }
          >
            <textarea aria-label={T.reviewOpinion} value={props.draft.text()} onInput={(e) => props.draft.save(e.currentTarget.value)} rows={14} />
            <p class="hint">
              <span class="opinion-saving" data-testid="opinion-saving">{T.opinionSaving[props.draft.saving()]}</span>
              {T.opinionHint}
            </p>
            <button class="small" onClick={() => setConfirming(true)} disabled={!conclusion()}>{T.redraft}</button>
            <button class="small" onClick={() => void downloadOpinion(props.draft.text())}>{T.exportOpinion}</button>
          </Show>
        )}
      </Loaded>
    </section>
  )
}
