/** The bell: one's notifications, marking them read, and the events that wake an open page. */
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Ports } from '../../documents/ports'
import type { FeedEvent, NotificationFeed } from '../../notifications/notification-feed'
import { ApiError } from '../api-error'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 25_000

export function notificationRoutes(p: Pick<Ports, 'notifications'> & { feed: NotificationFeed }): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)

  /** Newest first, and how many are unread. */
  route('GET /api/notifications', async (c) => {
    const user = c.get('user')
    const [notices, unread] = await Promise.all([p.notifications.list(user.id), p.notifications.unreadCount(user.id)])
    return { notifications: notices, unread }
  })

  /** The ones given, or all. */
  route('POST /api/notifications/read', async (c, { ids }) => {
    await p.notifications.markRead(c.get('user').id, ids)
    return { ok: true }
  })

  /**
   * Server-sent events: `notified` whenever notifications were stored for
   * the caller (on any instance); the page then asks for its list.
   * `deadlines` whenever a bureau's 报送 deadlines or assignments changed;
   * an open document then asks for its deadline again. Several wake-ups of
   * a kind while one is being written make one event.
   */
  app.get('/api/notifications/events', (c) => {
    const pending = new Set<FeedEvent>()
    let wakeWriter: (() => void) | null = null
    const unsubscribe = p.feed.subscribe(c.get('user').id, (event) => {
      pending.add(event)
      wakeWriter?.()
    })
    if (!unsubscribe) throw new ApiError(429, 'too-many-pages', '打开的页面过多，请关闭一些页面后重试')
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => {
        unsubscribe()
        wakeWriter?.()
      })
      await stream.writeSSE({ event: 'ready', data: '' })
      while (!stream.aborted && !stream.closed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, KEEP_ALIVE_MS)
          wakeWriter = () => {
            clearTimeout(timer)
            resolve()
          }
          if (pending.size > 0) wakeWriter()
        })
        wakeWriter = null
        if (stream.aborted) break
        if (pending.size > 0) {
          const events = [...pending]
          pending.clear()
          for (const event of events) await stream.writeSSE({ event, data: '' })
        } else {
          await stream.write(': keep-alive\n\n')
        }
      }
      unsubscribe()
    })
  })
  return app
}
