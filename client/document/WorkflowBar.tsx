/**
 * The top line of the editor: back to the list, whether the work is saved
 * and synced, the document's status and the workflow steps this person may
 * take, who else is here, and whether one's edits are tracked; below it,
 * the submission deadline and, for a returned document, why it came back.
 */
import { createResource, For, Show } from 'solid-js'
import { STATUS } from '@shared/review/workflow'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { navigate } from '../router'
import { syncLabel, syncState } from '../sync/sync-status'
import { Bell } from '../pages/Bell'
import type { DocumentSession } from './document-session'
import type { ReviewOpinionDraft } from './opinion-draft'
import { WorkflowActions } from './WorkflowActions'

export function WorkflowBar(props: { session: DocumentSession; opinion: ReviewOpinionDraft }) {
  const s = props.session
  return (
    <header class="toolbar">
      <button onClick={() => navigate('#/')}>{T.back}</button>
      <span class={`sync-status ${syncState(s.connection.facts())}`} data-testid="sync-status">
        {syncLabel(s.connection.facts())}
      </span>
      <span class="doc-status" data-testid="doc-status">{s.workflow.status()}</span>
      <WorkflowActions
        docId={s.docId}
        status={s.workflow.status()}
        role={s.access.role()}
        {...(s.access.role() === 'reviewer' ? { draftNote: props.opinion.text(), onOpinionUsed: props.opinion.used } : {})}
      />
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
  // Read again when the status changes: 报送 ends "overdue".
  const [deadline] = createResource(() => [s.docId, s.workflow.status()] as const, ([id]) => api.deadline(id).then((r) => r.deadline, () => null))
  const returned = () => {
    const record = s.workflow.record()
    return record?.value === STATUS.returned && record.note ? record : null
  }
  return (
    <>
      <Show when={deadline()}>
        {(d) => <p class="deadline" classList={{ overdue: d().overdue }} data-testid="deadline">{T.deadline(d().dueAt, d().overdue)}</p>}
      </Show>
      <Show when={returned()}>
        {(record) => (
          <p class="return-note" data-testid="return-note">
            <strong>{T.returnNote(props.nameOf(record().by), new Date(record().at).toLocaleString('zh-CN'))}</strong>
            {record().note}
          </p>
        )}
      </Show>
    </>
  )
}
