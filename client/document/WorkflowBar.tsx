/**
 * The top line of the editor: back to the list, whether the work is saved
 * and synced, the document's status and the workflow steps this person may
 * take, who else is here, and whether one's edits are tracked; below it,
 * the submission deadline and, for a returned document, why it came back.
 */
import { createResource, For, Match, Show, Switch } from 'solid-js'
import { approvalBlockers, reviewState } from '@shared/review/approval'
import { STATUS } from '@shared/review/workflow'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { navigate } from '../router'
import { syncLabel, syncState } from '../sync/sync-status'
import { Bell } from '../pages/Bell'
import { createLastLoaded, loadFailure } from '../pages/loaded'
import { createServerEvent } from '../pages/server-events'
import type { DocumentSession } from './document-session'
import type { ReviewOpinionDraft } from './opinion-draft'
import { createRereadWhenSynced } from './reread-when-synced'
import { WorkflowActions } from './WorkflowActions'

export function WorkflowBar(props: { session: DocumentSession; opinion: ReviewOpinionDraft }) {
  const s = props.session
  return (
    <header class="toolbar">
      <button onClick={() => navigate('#/')}>{T.back}</button>
      <span class={`sync-status ${syncState(s.connection.facts())}`} data-testid="sync-status">
        {syncLabel(s.connection.facts())}
      </span>
      {/* Until the document is here (IndexedDB or the server) its status is unknown: 编制中 and 报送 would be a guess. */}
      <Show when={s.editor()}>
        <span class="doc-status" data-testid="doc-status">{s.workflow.status()}</span>
        <WorkflowActions
          docId={s.docId}
          status={s.workflow.status()}
          role={s.access.role()}
          {...(s.access.role() === 'reviewer' ? { draftNote: props.opinion.text(), onOpinionUsed: props.opinion.used, draftUnread: !props.opinion.known() } : {})}
          standing={() => approvalBlockers({ ...reviewState(s.connection.ydoc), errorFindings: s.reading.findings().filter((f) => f.severity === 'error').length })}
        />
      </Show>
      <span class="people">
        <For each={s.present()}>{(p) => <span class="avatar" style={{ 'background-color': p.color }} title={p.name}>{p.name.slice(0, 1)}</span>}</For>
      </span>
      <span class="spacer" />
      <Bell />
      <Show when={s.access.tracking()}>
        <span class="track-badge" data-testid="track-badge" title={T.trackingHint}>{T.tracking}</span>
      </Show>
    </header>
  )
}

export function WorkflowNotices(props: { session: DocumentSession; nameOf: (login: string) => string }) {
  const s = props.session
  // Read again when the status changes: 报送 ends "overdue". A read that failed is said so (no line reads as
  // no deadline), and made again once the server is reached; one that fails after a success keeps what it read.
  const [deadline, { refetch }] = createResource(() => [s.docId, s.workflow.status()] as const, ([id]) => api.deadline(id).then((r) => r.deadline))
  createRereadWhenSynced(() => s.connection.facts().serverSynced, deadline, refetch)
  // Read again when the bureau sets, changes or removes a deadline, or assigns its reviewers anew (the server's
  // event, as the bell's), and when the events' stream comes back (a change may have come while it was down).
  createServerEvent('deadlines', () => void refetch())
  createServerEvent('ready', () => void refetch())
  const lastDeadline = createLastLoaded(deadline)
  // The note a step came with: a 退回意见, or the reason a reviewer approved over what stood open (stored with the status).
  const noted = () => {
    const record = s.workflow.record()
    return (record?.value === STATUS.returned || record?.value === STATUS.approved) && record.note ? record : null
  }
  return (
    <>
      <Switch>
        <Match when={lastDeadline()}>
          {(d) => <p class="deadline" classList={{ overdue: d().overdue }} data-testid="deadline">{T.deadline(d().dueAt, d().overdue)}</p>}
        </Match>
        <Match when={deadline.state === 'errored' && lastDeadline() === undefined}>
          <p class="deadline unknown" role="alert" data-testid="deadline">{loadFailure(T.submissionDeadline, deadline.error)}</p>
        </Match>
      </Switch>
      <Show when={noted()}>
        {(record) => (
          <p class="return-note" data-testid={record().value === STATUS.approved ? 'approval-note' : 'return-note'}>
            <strong>{(record().value === STATUS.approved ? T.approvalNote : T.returnNote)(props.nameOf(record().by), new Date(record().at).toLocaleString('zh-CN'))}</strong>
            {record().note}
          </p>
        )}
      </Show>
    </>
  )
}
