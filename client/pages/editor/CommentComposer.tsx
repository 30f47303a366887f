/**
 * The page's own composer for a new comment (never a browser prompt), with
 * @-completion of the document's people.
 */
import { createSignal, Show } from 'solid-js'
import { T } from '../../i18n/zh-CN'
import type { CommentDrafts } from './comment-drafts'
import { MentionHints } from './MentionHints'

export function CommentComposer(props: { drafts: CommentDrafts; namesStarting: (prefix: string) => string[] }) {
  const [text, setText] = createSignal('')
  return (
    <Show when={props.drafts.composing()}>
      {(anchor) => (
        <form
          class="comment-composer"
          data-testid="comment-composer"
          onSubmit={(event) => {
            event.preventDefault()
            props.drafts.submit(text())
            setText('')
          }}
        >
          <label>
            {T.commentOn(anchor().quote.slice(0, 40))}
            <textarea value={text()} onInput={(e) => setText(e.currentTarget.value)} rows={3} autofocus aria-label={T.addComment} />
            <MentionHints text={text()} namesStarting={props.namesStarting} onPick={setText} />
          </label>
          <button type="submit" disabled={text().trim() === ''}>{T.addComment}</button>
          <button type="button" onClick={() => { setText(''); props.drafts.cancel() }}>{T.cancel}</button>
        </form>
      )}
    </Show>
  )
}
