/**
 * The versions of a document and what changed since one of them: the
 * workflow's versions (报送, 退回修改 with its note, 审核通过), shortcuts
 * to "what they changed since I returned it" and to last year's document
 * (when this one was started from it), and a read-only change list in the
 * suggestions' look — insertions underlined, deletions struck.
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import type { FieldChange } from '@shared/history/document-diff'
import type { TextSegment } from '@shared/history/text-diff'
import { STATUS, type StatusRecord } from '@shared/review/workflow'
import { api, type Comparison } from '../api/http'
import { T } from '../i18n/zh-CN'
import { relativeTime } from '../i18n/relative-time'
import { personName } from '../i18n/person-name'
import { changeAttribution } from '../i18n/change-attribution'
import { activityLine } from './activity-line'
import { missesStepVersion, rereadAfter } from './step-version'
import { createLastLoaded, Loaded } from '../pages/loaded'
import { createRereadWhenSynced } from './reread-when-synced'
import type { Place } from '../editor/place'
import { wanText } from '@shared/model/amounts'

const nameIn = (people: Record<string, string>) => (login: string | null) => personName(people, login)
/** A compared total, saying when it leaves projects out: a project no longer counted must not read as a cut. */
const shownTotal = (total: number | null, leftOut: number) => `${total === null ? '—' : wanText(total)}${T.totalLeavesOut(leftOut)}`

export function HistoryPanel(props: {
  docId: string
  status: string
  /** The status as the last step set it: its version is read when it is stored. */
  statusRecord: StatusRecord | null
  hasPredecessor: boolean
  /** Whether the document is synced with the server: a read that failed (offline) is made again when it turns true. */
  serverSynced: boolean
  canSave: boolean
  canRestore: boolean
  /** The document's pending suggestions now, read when a restore is asked: one restores over them (and drops those the version lacks). */
  pendingSuggestions: () => { count: number; authors: string[] }
  /** Shows a change's place in the editor. */
  onJump: (place: Place) => void
  /** A restore this person asked for was made (a change of the server's, which their Ctrl+Z must not reach past). */
  onRestored: () => void
}) {
  // Read again when the status changes: every workflow step stores a version (just after the status reaches us).
  const [versions, { refetch }] = createResource(
    () => [props.docId, props.status, props.statusRecord?.at] as const,
    async ([id]) => {
      const status = props.statusRecord
      for (let attempt = 0; ; attempt++) {
        const read = (await api.versions(id)).versions
        const wait = missesStepVersion(read, status) ? rereadAfter(attempt) : null
        if (wait === null) return read
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    },
  )
  createRereadWhenSynced(() => props.serverSynced, versions, refetch)
  const [comparison, setComparison] = createSignal<Comparison | null>(null)
  const [error, setError] = createSignal('')
  const compare = (from: number | 'last-return' | 'predecessor') => {
    setError('')
    api.compare(props.docId, from).then(setComparison, (e: Error) => setError(e.message))
  }
  const [confirming, setConfirming] = createSignal<number | null>(null)
  /** The pending suggestions a restore asked for now would restore over, if any. */
  const pendingNow = () => {
    const pending = props.pendingSuggestions()
    return pending.count > 0 ? pending : null
  }
  /** The project whose 恢复此项目 waits for the person's yes, as 恢复此版本 does. */
  const [confirmingProject, setConfirmingProject] = createSignal<string | null>(null)
  const projectKey = (project: { code: string; name: string }) => `${project.code}\u0000${project.name}`
  const restore = (versionId: number, project?: { code: string; name: string }) => {
    setConfirming(null)
    setConfirmingProject(null)
    setError('')
    api.restore(props.docId, versionId, project).then(() => {
      props.onRestored()
      void refetch()
    }, (e: Error) => setError(e.message))
  }
  /** The version a comparison starts from, when it is one of this document's (projects can then be restored from it). */
  const fromVersion = (c: Comparison) => ('id' in c.from && props.canRestore ? c.from.id : null)
  const [versionName, setVersionName] = createSignal('')
  const saveVersion = (event: Event) => {
    event.preventDefault()
    setError('')
    api.saveVersion(props.docId, versionName().trim()).then(() => {
      setVersionName('')
      void refetch()
    }, (e: Error) => setError(e.message))
  }
  /** The versions as last read (kept when a later read fails, as `Loaded` shows them); none until they were read. */
  const lastVersions = createLastLoaded(versions)
  const versionList = () => lastVersions() ?? []
  const hasReturn = () => versionList().some((v) => v.status === STATUS.returned)
  const [showActivity, setShowActivity] = createSignal(false)
  const [activity, { refetch: rereadActivity }] = createResource(
    () => (showActivity() ? ([props.docId, props.status, versionList()] as const) : false),
    ([id]) => api.activity(id),
  )
  createRereadWhenSynced(() => props.serverSynced, activity, rereadActivity)

  return (
    <section class="history" data-testid="history">
      <h2>{T.history}</h2>
      <Show when={props.canSave}>
        <form class="save-version" onSubmit={saveVersion}>
          <input value={versionName()} onInput={(e) => setVersionName(e.currentTarget.value)} placeholder={T.versionName} maxLength={100} aria-label={T.versionName} />
          <button type="submit" disabled={versionName().trim() === ''}>{T.saveVersion}</button>
        </form>
      </Show>
      <Show when={hasReturn()}>
        <button data-testid="since-last-return" onClick={() => compare('last-return')}>{T.sinceLastReturn}</button>
      </Show>
      <Show when={props.hasPredecessor}>
        <button data-testid="compare-predecessor" onClick={() => compare('predecessor')}>{T.comparePredecessor}</button>
      </Show>
      <Loaded resource={versions} what={T.history} retry={refetch}>
        {(loaded) => (
          <Show when={loaded().length > 0} fallback={<p class="empty">{T.noVersions}</p>}>
            <ol class="versions">
              <For each={[...loaded()].reverse()}>
                {(v) => (
                  <li>
                    <span class="name">{v.name}</span>
                    <time>{new Date(v.createdAt).toLocaleString('zh-CN')}</time>
                    <Show when={v.note}><span class="note">{v.note}</span></Show>
                    <button class="small" onClick={() => compare(v.id)}>{T.compareWithNow}</button>
                    <Show when={props.canRestore}>
                      <Show when={confirming() === v.id} fallback={<button class="small" onClick={() => setConfirming(v.id)}>{T.restoreVersion}</button>}>
                        {/* A reviewer's pending suggestions went without a word (a tryout): the question says so. */}
                        <Show when={pendingNow()}>
                          {(pending) => <span class="warning" data-testid="restore-drops-suggestions">{T.restoreDropsSuggestions(pending().count, pending().authors)}</span>}
                        </Show>
                        <button class="small" data-testid="confirm-restore" title={T.restoreEndsUndo} onClick={() => restore(v.id)}>{T.confirmRestore}</button>
                        <button class="small" onClick={() => setConfirming(null)}>{T.cancel}</button>
                      </Show>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        )}
      </Loaded>
      <button class="small" data-testid="toggle-activity" onClick={() => setShowActivity(!showActivity())}>{showActivity() ? T.hideActivity : T.showActivity}</button>
      <Show when={showActivity()}>
        <Loaded resource={activity} what={T.activity} retry={rereadActivity}>
          {(log) => (
            <Show when={log().activity.length > 0} fallback={<p class="empty">{T.noActivity}</p>}>
              <ol class="activity" data-testid="activity">
                <For each={log().activity.slice(0, 200)}>
                  {(a) => (
                    <li class={`activity-${a.kind}`}>
                      <strong>{nameIn(log().people)(a.by)}</strong> {activityLine(a, nameIn(log().people))}
                      <time title={new Date(a.at).toLocaleString('zh-CN')}>{relativeTime(a.at)}</time>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          )}
        </Loaded>
      </Show>
      <Show when={error()}><p class="notice">{error()}</p></Show>
      <Show when={comparison()}>
        {(c) => (
          <div class="comparison" data-testid="comparison">
            <h3>
              {T.comparing(c().from.name)}：{c().diff.summary.text}
              <button class="small" onClick={() => setComparison(null)}>{T.closeComparison}</button>
            </h3>
            <Show when={c().diff.totals.before !== c().diff.totals.after}>
              <p>{T.totalChange(shownTotal(c().diff.totals.before, c().diff.leftOut.before), shownTotal(c().diff.totals.after, c().diff.leftOut.after))}</p>
            </Show>
            <ul>
              <For each={c().diff.narrative}>{(change) => <Change change={change} people={c().people} onJump={() => props.onJump({ project: null, indicator: null, field: change.field })} />}</For>
              <For each={c().diff.projects}>
                {(project) => (
                  <li class="project-change">
                    <strong>{project.kind === 'added' ? `${T.projectAdded}：` : project.kind === 'removed' ? `${T.projectRemoved}：` : ''}{project.name}</strong>
                    <Show when={project.kind !== 'added' && fromVersion(c())}>
                      {(versionId) => (
                        <Show
                          when={confirmingProject() === projectKey(project)}
                          fallback={<button class="small" data-testid="restore-project" onClick={() => setConfirmingProject(projectKey(project))}>{T.restoreProject}</button>}
                        >
                          <button class="small" data-testid="confirm-restore-project" title={T.restoreEndsUndo} onClick={() => restore(versionId(), { code: project.code, name: project.name })}>{T.confirmRestore}</button>
                          <button class="small" onClick={() => setConfirmingProject(null)}>{T.cancel}</button>
                        </Show>
                      )}
                    </Show>
                    <Show when={project.kind === 'changed' && project}>
                      {(p) => (
                        <ul>
                          <For each={p().fields}>{(change) => <Change change={change} people={c().people} onJump={() => props.onJump({ project: p().index, indicator: null, field: change.field })} />}</For>
                          <For each={p().rows}>
                            {(row) =>
                              row.kind === 'changed' ? (
                                <For each={row.fields}>
                                  {(change) => <Change change={change} people={c().people} prefix={`${row.after.level3}·`} onJump={() => props.onJump({ project: p().index, indicator: row.index, field: change.field })} />}
                                </For>
                              ) : (
                                <li class={row.kind}>
                                  {row.kind === 'added' ? T.rowAdded : T.rowRemoved}：
                                  {row.kind === 'added' ? <ins>{row.row.level3}（{row.row.value}）</ins> : <del>{row.row.level3}（{row.row.value}）</del>}
                                </li>
                              )
                            }
                          </For>
                        </ul>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </Show>
    </section>
  )
}

function Change(props: { change: FieldChange; people: Record<string, string>; prefix?: string; onJump: () => void }) {
  return (
    <li class="field-change">
      <a class="label" href="#" title={T.jumpToChange} onClick={(e) => { e.preventDefault(); props.onJump() }}>{props.prefix ?? ''}{props.change.label}：</a>
      <For each={props.change.segments}>
        {(segment: TextSegment, i) => {
          if (segment.op === 'delete') return <del>{segment.text}</del>
          if (segment.op === 'equal') return <span>{segment.text}</span>
          // A replacement reads old → new.
          const replacing = props.change.segments[i() - 1]?.op === 'delete'
          return <>{replacing && <span class="arrow"> → </span>}<ins>{segment.text}</ins></>
        }}
      </For>
      <Show when={props.change.lastChange}>
        {(last) => (
          <span class="changed-by" data-testid="changed-by" title={new Date(last().at).toLocaleString('zh-CN')}>
            {changeAttribution(props.people, last())}
          </span>
        )}
      </Show>
    </li>
  )
}
