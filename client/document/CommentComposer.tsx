/**
 * The page's own composer for a new comment (never a browser prompt), with
 * @-completion of the document's people. It opens beside the selection,
 * wherever the reader is in the document, and takes the keystrokes at once
 * (a reviewer's next keys must not become a suggestion in the text).
 * Ctrl+Enter posts; Escape or 取消 close it. Posting or closing leaves the
 * page where it is.
 */
import { createSignal, Show } from 'solid-js'
import { Portal } from 'solid-js/web'
import { T } from '../i18n/zh-CN'
import type { CommentDrafts } from './comment-drafts'
import { MentionHints } from './MentionHints'

/** The widest the composer gets, and the margin it keeps from the window's edges and from the selection. */
const WIDTH = 420
const MARGIN = 12
const GAP = 6

export function CommentComposer(props: { drafts: CommentDrafts; namesStarting: (prefix: string) => string[] }) {
  const [text, setText] = createSignal('')
  let form: HTMLFormElement | undefined
  const cancel = () => {
    setText('')
    props.drafts.cancel()
  }
  /** Below the selection; above it when there is no room below and there is above (under the sticky bars). */
  const [above, setAbove] = createSignal(false)
  const place = (form: HTMLFormElement) => {
    const { top, bottom } = props.drafts.place()
    const height = form.offsetHeight
    const barsBottom = document.querySelector('.bars')?.getBoundingClientRect().bottom ?? 0
    const roomBelow = window.scrollY + window.innerHeight - bottom - GAP
    const roomAbove = top - GAP - (window.scrollY + barsBottom)
    setAbove(height > roomBelow && height <= roomAbove)
    if (!above() && height > roomBelow) window.scrollBy({ top: height - roomBelow + MARGIN })
  }
  // Created before it is in the page: placed and focused once it is, without scrolling (it is in view). The Portal
  // mounts it within the update that opened it, so a microtask focuses it before the next key is handled; waiting
  // for a frame lost the first character typed fast after the click (or on a loaded machine) to the button.
  const takeFocus = (textarea: HTMLTextAreaElement) => {
    const focus = () => {
      if (textarea.form) place(textarea.form)
      textarea.focus({ preventScroll: true })
    }
    queueMicrotask(() => (textarea.isConnected ? focus() : requestAnimationFrame(focus)))
  }
  const top = (form?: HTMLFormElement) => (above() ? props.drafts.place().top - GAP - (form?.offsetHeight ?? 0) : props.drafts.place().bottom + GAP)
  const left = () => Math.max(MARGIN, Math.min(props.drafts.place().left, window.scrollX + document.documentElement.clientWidth - WIDTH - MARGIN))
  return (
    <Show when={props.drafts.composing()}>
      {(anchor) => (
        <Portal>
          <form
            ref={form}
            class="comment-composer"
            data-testid="comment-composer"
            style={{ top: `${top(form)}px`, left: `${left()}px`, width: `${WIDTH}px` }}
            onSubmit={(event) => {
              event.preventDefault()
              props.drafts.submit(text())
              setText('')
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') cancel()
              // Ctrl+Enter posts, as in the chat and mail programs people write comments in.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && text().trim() !== '') {
                event.preventDefault()
                event.currentTarget.requestSubmit()
              }
            }}
          >
            <label>
              {T.commentOn(anchor().quote.slice(0, 40))}
              <textarea ref={takeFocus} value={text()} onInput={(e) => setText(e.currentTarget.value)} rows={3} aria-label={T.addComment} />
              <MentionHints text={text()} namesStarting={props.namesStarting} onPick={setText} />
            </label>
            <div class="actions">
              <button type="submit" disabled={text().trim() === ''}>{T.addComment}</button>
              <button type="button" onClick={cancel}>{T.cancel}</button>
            </div>
          </form>
        </Portal>
      )}
    </Show>
  )
}
