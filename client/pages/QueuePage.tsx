/**
 * 审核队列, the finance reviewer's home: every document of the departments
 * they review (绩效目标, 运行监控, 绩效自评, each with its own kind's findings), with status, who submitted it and when, the money, the
 * findings and the review work still open, and how long it has waited.
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { api, type QueueRow } from '../api/http'
import { navigate } from '../router'
import { T } from '../i18n/zh-CN'
import { relativeTime } from '../i18n/relative-time'
import { personName } from '../i18n/person-name'
import { Bell } from './Bell'
import { Loaded } from './loaded'
import { createRereadWhenOnline } from './reread-when-online'
import { wanText } from '@shared/model/amounts'

export function QueuePage() {
  const [sort, setSort] = createSignal<'waiting' | 'department' | 'findings'>('waiting')
  const [status, setStatus] = createSignal('')
  const [queue, { refetch }] = createResource(() => [sort(), status()] as const, ([s, st]) => api.queue(s, st))
  createRereadWhenOnline(queue, refetch)
  return (
          <main class="queue">
            <header>
              <button onClick={() => navigate('#/')}>{T.back}</button>
              <h1>{T.reviewQueue}</h1>
              <Bell />
              <label>{T.sortBy}
                <select value={sort()} onChange={(e) => setSort(e.currentTarget.value as 'waiting' | 'department' | 'findings')}>
                  <option value="waiting">{T.sortWaiting}</option>
                  <option value="department">{T.sortDepartment}</option>
                  <option value="findings">{T.sortFindings}</option>
                </select>
              </label>
              <label>{T.statusFilter}
                <select value={status()} onChange={(e) => setStatus(e.currentTarget.value)}>
                  <option value="">{T.allStatuses}</option>
                  <For each={['编制中', '已报送', '审核中', '退回修改', '审核通过']}>{(s) => <option value={s}>{s}</option>}</For>
                </select>
              </label>
            </header>
            <Loaded resource={queue} what={T.reviewQueue} retry={refetch}>
              {(loaded) => {
                const name = (login: string) => personName(loaded().people, login)
                return (
            <Show when={loaded().queue.length > 0} fallback={<p>{T.queueEmpty}</p>}>
              <table data-testid="queue">
                <thead>
                  <tr>
                    <For each={T.queueColumns}>{(h) => <th>{h}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={loaded().queue}>
                    {(row: QueueRow) => (
                      <tr>
                        <td>{row.departmentOrg}</td>
                        <td><a href={`#/doc/${row.id}`}>{row.title}</a></td>
                        <td class="kind" data-kind={row.kind}>{T.kindLabel[row.kind] ?? row.kind}</td>
                        <td>{row.year ?? '—'}</td>
                        <td class="status">{row.status.value}</td>
                        <td>{row.submitted ? `${name(row.submitted.by)} · ${relativeTime(row.submitted.at)}` : '—'}</td>
                        <td class="r">
                          {wanText(row.total)}
                          <Show when={row.leftOut > 0}><span class="projects-left-out">{T.totalLeavesOut(row.leftOut)}</span></Show>
                        </td>
                        <td class="findings"><span class="error">{row.findings.error}</span> / <span class="warning">{row.findings.warning}</span></td>
                        <td class="r">{row.openThreads}</td>
                        <td class="r">{row.pendingSuggestions}</td>
                        <td class="r">{row.daysWaiting ?? '—'}</td>
                        <td classList={{ overdue: !!row.deadline?.overdue }}>{row.deadline ? T.deadline(row.deadline.dueAt, row.deadline.overdue) : '—'}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          )
        }}
      </Loaded>
    </main>
  )
}
