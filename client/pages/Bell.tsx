/**
 * The bell: unread notifications counted beside it, the list when opened
 * (which marks them read), each leading to its document. Asked for when
 * the server says there are new ones (server-sent events, within a second
 * of a 报送 or an @mention), whenever the window regains focus, and every
 * few minutes in case something between here and the server holds the
 * events back.
 */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { relativeTime } from '../i18n/relative-time'
import { BellIcon } from './icons'
import { createLastLoaded, Loaded } from './loaded'
import { createRereadWhenOnline } from './reread-when-online'
import { createServerEvent } from './server-events'

export function Bell() {
  const [notices, { refetch }] = createResource(() => api.notifications())
  // As last read: a refresh that fails (offline, every few minutes) does not take the count away.
  const lastRead = createLastLoaded(notices)
  createRereadWhenOnline(notices, refetch)
  const unread = () => lastRead()?.unread ?? 0
  const [open, setOpen] = createSignal(false)
  const timer = setInterval(() => void refetch(), 180_000)
  const onFocus = () => void refetch()
  window.addEventListener('focus', onFocus)
  // `ready` comes on every (re)connection: what arrived while the stream was down is fetched then.
  createServerEvent('ready', onFocus)
  createServerEvent('notified', onFocus)
  onCleanup(() => {
    clearInterval(timer)
    window.removeEventListener('focus', onFocus)
  })
  const toggle = () => {
    const opening = !open()
    setOpen(opening)
    if (opening && unread() > 0) void api.markNotificationsRead().then(() => refetch())
  }
  return (
    <span class="bell">
      <button onClick={toggle} aria-expanded={open()} data-testid="bell" title={T.notifications}>
        <BellIcon />
        <Show when={unread() > 0}><span class="unread" data-testid="unread">{unread()}</span></Show>
      </button>
      <Show when={open()}>
        <div class="bell-list" role="dialog" aria-label={T.notifications}>
          <Loaded resource={notices} what={T.notifications} retry={refetch}>
            {(loaded) => (
              <Show when={loaded().notifications.length > 0} fallback={<p>{T.noNotifications}</p>}>
                <ol>
                  <For each={loaded().notifications}>
                    {(n) => (
                      <li classList={{ unread: !n.read }}>
                        <a href={`#/doc/${n.docId}`} onClick={() => setOpen(false)}>{n.text}</a>
                        <time>{relativeTime(n.at)}</time>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            )}
          </Loaded>
        </div>
      </Show>
    </span>
  )
}
