/** The finance side's overview: the review queue and the dashboard (also as CSV, and its projects' 执行率 and 自评 scores as another). */
import { Hono } from 'hono'
import type { Ports } from '../../documents/ports'
import type { Dashboard } from '@shared/api/http-api'
import { dashboard, reviewQueue } from '../../documents/review-queue'
import { lastYearResults } from '../../documents/last-year-results'
import { PROJECT_FIELDS } from '@shared/schema/fields'
import { projectsNotCounted } from '@shared/checks/total-leaves-out'
import { rateWithheld, UNREADABLE_RATE } from '@shared/kinds/rate-withheld'
import { gradeText, ungradedNotCounted } from '@shared/self-evaluation/full-marks'
import { csvFile } from '../csv'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'
import { wanText } from '@shared/model/amounts'

export function reviewRoutes(p: Ports): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)
  route('GET /api/queue', async (c) => reviewQueue(p, c.get('user'), { status: c.req.query('status'), sort: c.req.query('sort') }))
  route('GET /api/dashboard', (c) => dashboard(p, c.get('user')))
  route('GET /api/docs/:id/last-year', async (c) => ({ results: await lastYearResults(p, c.get('user'), c.req.param('id')) }))
  app.get('/api/dashboard.csv', async (c) =>
    c.body(dashboardCsv(await dashboard(p, c.get('user'))), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('绩效目标汇总.csv')}`,
    }),
  )
  app.get('/api/dashboard-projects.csv', async (c) =>
    c.body(projectsCsv((await dashboard(p, c.get('user'))).projects), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent('执行率与自评得分.csv')}`,
    }),
  )
  return app
}

const KIND_LABEL: Record<string, string> = { targets: '绩效目标', monitoring: '运行监控', 'self-evaluation': '绩效自评' }
const percent = (n: number | null) => (n === null ? '' : `${n.toFixed(2)}%`)
/**
 * A total's or a 总分's cell holds the number alone, so a spreadsheet adds the column (a note in the cell made it
 * text, which SUM skips without a word); what it leaves out is said in a column of its own, as the page says it
 * beside the figure. A total in 万元 keeps every digit it has (`wanText`), a 总分 is to 0.01.
 */
const amountCell = (n: number | null) => (n === null ? '' : wanText(n))
const scoreCell = (n: number | null) => (n === null ? '' : n.toFixed(2))
/** Why a 自评's department 总分 is blank or leaves projects out, as the page says it: projects not scored (or whose 得分 is to be checked), and those past full marks. */
const scoreWithheld = (r: Dashboard['rows'][number]) =>
  [r.kind === 'self-evaluation' && r.unscored > 0 ? `${r.unscored} 个项目未评分或得分待核对` : '', ungradedNotCounted(r.ungraded)].filter(Boolean).join('；')

/** Per project of every 监控 and 自评: its 执行率 and 总分/grade, for a spreadsheet. */
function projectsCsv(rows: Dashboard['projects']): string {
  return csvFile([
    ['部门', '文档', '类型', '年度', '状态', ...PROJECT_FIELDS.filter((f) => f.key === 'code' || f.key === 'name').map((f) => f.label), '执行率', '自评总分', '等级'],
    ...rows.map((r) => [r.department, r.title, KIND_LABEL[r.kind] ?? r.kind, r.year ?? '', r.status, r.code, r.name, r.rate === null && r.unreadable ? UNREADABLE_RATE : percent(r.rate), r.earned === null ? '' : r.earned.toFixed(2), gradeText(r.grade, r.ungraded)]),
  ])
}

/** The dashboard's rows for a spreadsheet (`csv.ts`: what Excel opens, with no cell run as a formula). */
function dashboardCsv({ rows, byYear }: Dashboard): string {
  const counted = new Map(byYear.flatMap((y) => y.leftOut).map((l) => [l.id, l.countedTitle]))
  // 是 / 否 with the document counted instead: a 监控 or 自评 carries its targets' money and is never added.
  const inYearTotal = (r: Dashboard['rows'][number]) => (r.inYearTotal === null ? '' : r.inYearTotal ? '是' : `否（已计“${counted.get(r.id) ?? ''}”）`)
  const when = (ms: number | null) => (ms ? new Date(ms).toISOString().slice(0, 10) : '')
  return csvFile([
    // The columns after 计入年度合计 came later: the columns before them stay where spreadsheets expect them.
    [
      '部门', '文档', '年度', '状态', '最后修改', '预算合计（万元）', '错误', '警告', '审核通过日期', '类型', '执行率', '未填执行数项目', '自评总分', '自评等级', '计入年度合计',
      '未填全年预算数项目', '资金数字无法读取项目', '预算合计未计入', '自评总分未计入',
    ],
    ...rows.map((r) => {
      const followUp = r.kind !== 'targets'
      return [
        r.department, r.title, r.year ?? '', r.status, when(r.lastChange), amountCell(r.total), r.errors, r.warnings, when(r.approvedAt), KIND_LABEL[r.kind] ?? r.kind,
        // A 执行率 withheld says why, as the page does: an empty cell would read as nothing to report.
        followUp ? (r.rate === null ? rateWithheld(r) : percent(r.rate)) : '', followUp ? r.missingExecuted : '', scoreCell(r.earned), r.grade ?? '', inYearTotal(r),
        followUp ? r.missingBudget : '', followUp ? r.unreadableFunds : '', projectsNotCounted(r.leftOut), scoreWithheld(r),
      ]
    }),
  ])
}
