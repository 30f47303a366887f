/** The finance side's overview: the review queue and the dashboard (also as CSV). */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import type { Dashboard } from '@shared/api/http-api'
import { dashboard, reviewQueue } from '../../documents/review-queue'
import { csvFile } from '../csv'
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

/** The dashboard's rows for a spreadsheet (`csv.ts`: what Excel opens, with no cell run as a formula). */
function dashboardCsv(rows: Dashboard['rows']): string {
  const when = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : '')
  return csvFile([
    ['部门', '文档', '年度', '状态', '最后修改', '预算合计（万元）', '错误', '警告', '审核通过日期'],
    ...rows.map((r) => [r.department, r.title, r.year ?? '', r.status, when(r.lastChange), r.total.toFixed(2), r.errors, r.warnings, when(r.approvedAt)]),
  ])
}
