/**
 * 汇总 for the finance bureau (and a department's 管理员, for their own):
 * every department's documents with kind, status, last change, money,
 * 执行率, findings, approval date and deadline; each 监控's and 自评's projects
 * with their 执行率 and 自评 总分/grade; totals per year; CSVs for Excel.
 */
import { createResource, For, Show } from 'solid-js'
import { api } from '../api/http'
import { navigate } from '../router'
import { T } from '../i18n/zh-CN'
import { relativeTime } from '../i18n/relative-time'
import { Bell } from './Bell'
import { Loaded } from './loaded'
import { createRereadWhenOnline } from './reread-when-online'
import { wanText } from '@shared/model/amounts'

export function DashboardPage() {
  const [board, { refetch }] = createResource(() => api.dashboard())
  createRereadWhenOnline(board, refetch)
  return (
    <main class="queue dashboard">
      <header>
        <button onClick={() => navigate('#/')}>{T.back}</button>
        <h1>{T.dashboard}</h1>
        <Bell />
        {/* Only beside a dashboard read: one refused (staff are told it is not theirs) has no file either. */}
        <Show when={board.state === 'ready' || board.state === 'refreshing'}><a class="button" href="/api/dashboard.csv" download="">{T.exportCsv}</a></Show>
      </header>
      <Loaded resource={board} what={T.dashboard} retry={refetch}>
        {(loaded) => (
          <Show when={loaded().rows.length > 0} fallback={<p>{T.dashboardEmpty}</p>}>
            <table data-testid="dashboard">
              <thead>
                <tr><For each={T.dashboardColumns}>{(h) => <th>{h}</th>}</For></tr>
              </thead>
              <tbody>
                <For each={loaded().rows}>
                  {(row) => (
                    <tr>
                      <td>{row.department}</td>
                      <td>
                        <a href={`#/doc/${row.id}`}>{row.title}</a>
                        <Show when={row.inYearTotal === false}> <span class="left-out">{T.notInYearTotal}</span></Show>
                      </td>
                      <td class="kind" data-kind={row.kind}>{T.kindLabel[row.kind] ?? row.kind}</td>
                      <td>{row.year ?? '—'}</td>
                      <td>{row.status}</td>
                      <td>{relativeTime(row.lastChange)}</td>
                      <td class="r total" classList={{ incomplete: row.leftOut > 0 }}>
                        {wanText(row.total)}
                        {/* As the editor's outline: a total that leaves a project out must never read as the whole document's. */}
                        <Show when={row.leftOut > 0}><span class="projects-left-out">{T.totalLeavesOut(row.leftOut)}</span></Show>
                      </td>
                      <td class="r rate">{row.kind === 'targets' ? '' : row.rate === null ? T.rateWithheld(row) || T.percent(null) : T.percent(row.rate)}</td>
                      <td class="r score">{row.kind === 'self-evaluation' ? T.departmentScore(row.earned, row.grade, row.unscored, row.ungraded) : ''}</td>
                      <td class="r"><span class="error">{row.errors}</span> / <span class="warning">{row.warnings}</span></td>
                      <td>{row.approvedAt ? new Date(row.approvedAt).toLocaleDateString('zh-CN') : '—'}</td>
                      <td classList={{ overdue: !!row.deadline?.overdue }}>{row.deadline ? T.deadline(row.deadline.dueAt, row.deadline.overdue) : '—'}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={loaded().projects.length > 0}>
              <h2>{T.dashboardProjects} <a class="button" href="/api/dashboard-projects.csv" download="">{T.exportProjectsCsv}</a></h2>
              <table data-testid="dashboard-projects">
                <thead>
                  <tr><For each={T.dashboardProjectColumns}>{(h) => <th>{h}</th>}</For></tr>
                </thead>
                <tbody>
                  <For each={loaded().projects}>
                    {(p) => (
                      <tr>
                        <td>{p.department}</td>
                        <td><a href={`#/doc/${p.id}`}>{p.title}</a></td>
                        <td class="kind" data-kind={p.kind}>{T.kindLabel[p.kind] ?? p.kind}</td>
                        <td>{p.year ?? '—'}</td>
                        <td>{p.status}</td>
                        <td>{p.name || p.code}</td>
                        <td class="r rate">{p.rate === null && p.unreadable ? T.unreadableRate : T.percent(p.rate)}</td>
                        <td class="r earned">{p.kind === 'self-evaluation' && p.earned !== null ? p.earned.toFixed(2) : '—'}</td>
                        <td class="grade">{T.gradeText(p.grade, p.ungraded) || '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <h2>{T.byYear}</h2>
            <table data-testid="dashboard-by-year">
              <thead><tr><th>{T.year}</th><th>{T.documentsCount}</th><th>{T.approvedCount}</th><th>{T.totalBudget}</th><th>{T.leftOutHeader}</th></tr></thead>
              <tbody>
                <For each={loaded().byYear}>
                  {(y) => (
                    <tr data-testid="year-total">
                      <td>{y.year}</td>
                      <td class="r">{y.documents}</td>
                      <td class="r">{y.approved}</td>
                      <td class="r total" classList={{ incomplete: y.projectsLeftOut > 0 }}>
                        {wanText(y.total)}
                        <Show when={y.projectsLeftOut > 0}><span class="projects-left-out">{T.totalLeavesOut(y.projectsLeftOut)}</span></Show>
                      </td>
                      <td class="left-out"><For each={y.leftOut}>{(l) => <div><a href={`#/doc/${l.id}`}>{T.leftOut(l.department, l.title, l.countedTitle)}</a></div>}</For></td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
    </main>
  )
}
