/**
 * The comment threads: in document order (detached ones, whose text was
 * deleted, last, with the text they were about), filterable, each with its
 * replies; reply, resolve, reopen, and edit or delete one's own comments.
 * Clicking a thread selects its text.
 *
 * Beside the text (`beside`), each card sits in the margin at the height of
 * its text (`margin-layout.ts`), placed again whenever the threads, the
 * text or the page's layout change; otherwise they are a list.
 */
import type { Editor } from '@tiptap/core'
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js'
import type * as Y from 'yjs'
import { deleteComment, editComment, reply, setStatus, type ThreadView } from '@shared/review/threads'
import { anchorRange } from '../editor/comment-anchors'
import { relativeTime } from '../i18n/relative-time'
import { T } from '../i18n/zh-CN'
import { layOutMargin } from './margin-layout'

export type ThreadFilter = 'all' | 'open' | 'resolved' | 'mine'

export function ThreadsPanel(props: {
  threads: ThreadView[]
  editor: () => Editor | null
  ydoc: Y.Doc
  userName: string
  active: string | null
  canComment: boolean
  onActivate: (id: string) => void
  /** A login's display name. */
  nameOf: (login: string) => string
  beside: boolean
  onToggleLayout: () => void
}) {
  const [filter, setFilter] = createSignal<ThreadFilter>('open')
  let list!: HTMLOListElement
  // The thread just clicked in the text or just created comes into view.
  createEffect(() => {
    const id = props.active
    if (id) queueMicrotask(() => list.querySelector(`.thread[data-thread="${id}"]`)?.scrollIntoView({ block: 'nearest' }))
  })
  /** The comment being edited in place. */
  const [editing, setEditing] = createSignal<string | null>(null)
  const now = () => Date.now()
  const newId = () => crypto.randomUUID()

  // Resolved once per change of the threads, the filter or the text: the list and the margin layout both read it.
  const located = createMemo(() => {
    const editor = props.editor()
    const shown = props.threads.filter((t) =>
      filter() === 'all' ? true : filter() === 'mine' ? t.createdBy === props.userName || t.comments.some((c) => c.author === props.userName) : t.status === filter(),
    )
    return shown
      .map((thread) => ({ thread, range: editor ? anchorRange(editor.state, thread) : null }))
      .sort((a, b) => (a.range?.from ?? Infinity) - (b.range?.from ?? Infinity))
  })

  const select = (thread: ThreadView) => {
    props.onActivate(thread.id)
    const editor = props.editor()
    const range = editor ? anchorRange(editor.state, thread) : null
    if (editor && range) {
      editor.view.focus()
      editor.chain().setTextSelection(range).run()
      // To the middle of the window, as the checks' 定位 takes a cell: scrolled merely into view, it sat on the window's bottom edge.
      const { node } = editor.view.domAtPos(range.from)
      ;(node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'center' })
    }
  }

  /** Beside the text: every card to the height of its text, none overlapping. */
  const place = () => {
    const cards = [...list.children] as HTMLElement[]
    if (!props.beside) {
      list.style.height = ''
      return cards.forEach((card) => (card.style.top = ''))
    }
    const editor = props.editor()
    const base = list.getBoundingClientRect().top
    const ranges = new Map(located().map(({ thread, range }) => [thread.id, range]))
    const items = cards.map((card) => {
      const range = ranges.get(card.dataset.thread ?? '')
      return { desired: editor && range ? editor.view.coordsAtPos(range.from).top - base : null, height: card.offsetHeight }
    })
    const active = cards.findIndex((card) => card.dataset.thread === props.active)
    const tops = layOutMargin(items, active >= 0 ? active : null)
    cards.forEach((card, i) => (card.style.top = `${tops[i]}px`))
    const last = cards.length - 1
    list.style.height = last >= 0 ? `${tops[last]! + items[last]!.height}px` : ''
  }
  let frame = 0
  const placeSoon = () => {
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(place)
  }
  onCleanup(() => cancelAnimationFrame(frame))
  createEffect(() => {
    located()
    void props.active
    void props.beside
    placeSoon()
  })
  // Tables laid out for the first time as they scroll into view change the text's heights.
  const resized = new ResizeObserver(placeSoon)
  createEffect(() => {
    resized.disconnect()
    const editor = props.editor()
    if (editor) resized.observe(editor.view.dom)
    resized.observe(list)
  })
  onCleanup(() => resized.disconnect())

  return (
    <section class="threads" classList={{ beside: props.beside }} data-testid="threads">
      <header>
        <h2>{T.comments}（{props.threads.filter((t) => t.status === 'open').length}）</h2>
        <button class="small" onClick={() => props.onToggleLayout()} aria-pressed={props.beside} data-testid="threads-layout">
          {props.beside ? T.threadsAsList : T.threadsBeside}
        </button>
        <select aria-label={T.commentFilter} value={filter()} onChange={(e) => setFilter(e.currentTarget.value as ThreadFilter)}>
          <option value="open">{T.filterOpen}</option>
          <option value="resolved">{T.filterResolved}</option>
          <option value="mine">{T.filterMine}</option>
          <option value="all">{T.filterAll}</option>
        </select>
      </header>
      <ol ref={list}>
        <For each={located()}>
          {({ thread, range }) => (
            <li class="thread" classList={{ active: props.active === thread.id, resolved: thread.status === 'resolved', detached: !range }} data-thread={thread.id}>
              <blockquote onClick={() => select(thread)}>
                {thread.quote}
                <Show when={!range}>
                  <span class="detached-note">{T.detached}</span>
                </Show>
              </blockquote>
              <For each={thread.comments}>
                {(comment) => (
                  <div class="comment">
                    <span class="author">{props.nameOf(comment.author)}</span>
                    <time class="when" title={new Date(comment.time).toLocaleString('zh-CN')}>{relativeTime(comment.editedAt ?? comment.time)}{comment.editedAt ? T.edited : ''}</time>
                    <Show when={!comment.deleted} fallback={<span class="deleted">{T.commentDeleted}</span>}>
                      <Show when={editing() === comment.id} fallback={<span class="text">{comment.text}</span>}>
                        <form class="edit-comment" onSubmit={(e) => {
                          e.preventDefault()
                          const text = (e.currentTarget.elements.namedItem('text') as HTMLTextAreaElement).value.trim()
                          if (text) editComment(props.ydoc, thread.id, comment.id, text, now())
                          setEditing(null)
                        }}>
                          <textarea name="text" rows="2" value={comment.text} aria-label={T.editComment} />
                          <button type="submit" class="small">{T.save}</button>
                          <button type="button" class="small" onClick={() => setEditing(null)}>{T.cancel}</button>
                        </form>
                      </Show>
                      <Show when={comment.author === props.userName && props.canComment && editing() !== comment.id}>
                        <button class="small" onClick={() => setEditing(comment.id)}>{T.edit}</button>
                        <button class="small" onClick={() => deleteComment(props.ydoc, thread.id, comment.id, now())}>{T.delete}</button>
                      </Show>
                    </Show>
                  </div>
                )}
              </For>
              <Show when={props.canComment}>
                <form class="reply" onSubmit={(e) => {
                  e.preventDefault()
                  const input = e.currentTarget.elements.namedItem('reply') as HTMLTextAreaElement
                  if (input.value.trim()) reply(props.ydoc, thread.id, { id: newId(), author: props.userName, text: input.value.trim(), now: now() })
                  input.value = ''
                }}>
                  <textarea name="reply" rows="1" placeholder={T.replyPlaceholder} />
                  <button type="submit" class="small">{T.reply}</button>
                  <button type="button" class="small" onClick={() => setStatus(props.ydoc, thread.id, thread.status === 'open' ? 'resolved' : 'open', props.userName, now())}>
                    {thread.status === 'open' ? T.resolve : T.reopen}
                  </button>
                </form>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </section>
  )
}
