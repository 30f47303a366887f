/**
 * The bell: unread notifications counted beside it, the list when opened
 * (which marks them read), each leading to its document. Asked for every
 * half minute and whenever the window regains focus.
 */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { relativeTime } from '../i18n/relative-time'

/** Drawn, not an emoji: a machine without an emoji font showed the emoji as an empty box. */
const BellIcon = () => (
  <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
    <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" />
    <path d="M10 19a2 2 0 0 0 4 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
  </svg>
)

export function Bell() {
  const [notices, { refetch }] = createResource(() => api.notifications().catch(() => ({ notifications: [], unread: 0 })))
  const [open, setOpen] = createSignal(false)
  const timer = setInterval(() => void refetch(), 30_000)
  const onFocus = () => void refetch()
  window.addEventListener('focus', onFocus)
  onCleanup(() => {
    clearInterval(timer)
    window.removeEventListener('focus', onFocus)
  })
  const toggle = () => {
    const opening = !open()
    setOpen(opening)
    if (opening && (notices()?.unread ?? 0) > 0) void api.markNotificationsRead().then(() => refetch())
  }
  return (
    <span class="bell">
      <button onClick={toggle} aria-expanded={open()} data-testid="bell" title={T.notifications}>
        <BellIcon />
        <Show when={(notices()?.unread ?? 0) > 0}><span class="unread" data-testid="unread">{notices()!.unread}</span></Show>
      </button>
      <Show when={open()}>
        <div class="bell-list" role="dialog" aria-label={T.notifications}>
          <Show when={(notices()?.notifications ?? []).length > 0} fallback={<p>{T.noNotifications}</p>}>
            <ol>
              <For each={notices()!.notifications}>
                {(n) => (
                  <li classList={{ unread: !n.read }}>
                    <a href={`#/doc/${n.docId}`} onClick={() => setOpen(false)}>{n.text}</a>
                    <time>{relativeTime(n.at)}</time>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </div>
      </Show>
    </span>
  )
}
