/** The finance side's overview: the review queue and the dashboard (also as CSV). */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import { dashboard, dashboardCsv, reviewQueue } from '../../documents/review-queue'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'

export function reviewRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)
  route('GET /api/queue', async (c) => reviewQueue(p, c.get('user'), { status: c.req.query('status'), sort: c.req.query('sort') }))
  route('GET /api/dashboard', (c) => dashboard(p, c.get('user')))
  app.get('/api/dashboard.csv', async (c) =>
    c.body(dashboardCsv((await dashboard(p, c.get('user'))).rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('绩效目标汇总.csv')}`,
    }),
  )
  return app
}
