/**
 * The suggestion at the cursor, in a card beside the document as in Word's
 * balloons: who suggested it (姓名), when, what, and — for staff — accept
 * or reject it there. Read again as the cursor moves or the text changes;
 * drawn again only when it is another suggestion or its words changed.
 */
import { createEffect, createSignal, onCleanup, Show } from 'solid-js'
import { suggestionHere, type SuggestionHere } from '../editor/suggestion-here'
import { relativeTime } from '../i18n/relative-time'
import { T } from '../i18n/zh-CN'
import type { DocumentSession } from './document-session'
import type { SuggestionReview } from './suggestion-review'

const same = (a: SuggestionHere | null, b: SuggestionHere | null) =>
  a === b || (a !== null && b !== null && a.id === b.id && a.kind === b.kind && a.text === b.text && a.oldText === b.oldText)

const kindLabel = (here: SuggestionHere) =>
  here.kind === 'row-insert' || here.kind === 'row-delete' ? T.suggestionKind[here.kind](T.rowName[here.row ?? ''] ?? '') : T.suggestionKind[here.kind]

export function SuggestionCard(props: { session: DocumentSession; review: SuggestionReview; nameOf: (login: string) => string }) {
  const s = props.session
  const [here, setHere] = createSignal<SuggestionHere | null>(null, { equals: same })
  createEffect(() => {
    const editor = s.editor()
    if (!editor) return
    const read = () => setHere(suggestionHere(editor.state, editor.state.selection.from))
    read()
    editor.on('transaction', read)
    onCleanup(() => editor.off('transaction', read))
  })
  const mayDecide = () => s.access.readOnlyReason() === '' && s.access.role() !== 'reviewer'
  return (
    <Show when={here()}>
      {(h) => (
        <section class="suggestion-card" classList={{ deletion: h().kind.endsWith('delete') }} data-testid="suggestion-card" aria-label={T.suggestionCard}>
          <header>
            <strong>{props.nameOf(h().author)}</strong>
            <time title={new Date(h().time).toLocaleString('zh-CN')}>{relativeTime(h().time)}</time>
          </header>
          <p>
            {kindLabel(h())}
            <Show when={h().kind === 'replace'} fallback={<Show when={h().text}>：<q>{h().text}</q></Show>}>
              ：<del>{h().oldText}</del> → <ins>{h().text}</ins>
            </Show>
          </p>
          <Show when={mayDecide()}>
            <div class="decide">
              <button onClick={() => props.review.decideHere(true)}>{T.acceptOne}</button>
              <button onClick={() => props.review.decideHere(false)}>{T.rejectOne}</button>
            </div>
          </Show>
        </section>
      )}
    </Show>
  )
}
