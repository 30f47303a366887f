/** The bell: one's notifications, and marking them read. */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'

export function notificationRoutes(p: Pick<Ports, 'notifications'>): Hono<Env> {
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
  return app
}
