/**
 * 审核分工 on 人员管理, for a finance bureau's 管理员: which of its 审核人员
 * reviews which department — listed, with a form to assign one (部门 and
 * 审核人员, chosen from lists) and 取消分配 on each row. A reviewer assigned
 * to a department reviews every document of it from their queue. The
 * server assigns through the same use case as the command line's
 * `org assign`, and says why not when it refuses.
 */
import { createResource, For, Show, type Accessor } from 'solid-js'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { Loaded } from './loaded'
import { createOutcome, OutcomeLine } from './outcome'
import { createRereadWhenOnline } from './reread-when-online'

/** `membersChanged`: changes when the bureau's members did (a reviewer added above is then offered here). */
export function ReviewerAssignments(props: { org: { id: number; name: string }; membersChanged: Accessor<number> }) {
  const org = props.org
  const [read, { refetch }] = createResource(props.membersChanged, () => api.reviewerAssignments(org.id))
  createRereadWhenOnline(read, refetch)
  const outcome = createOutcome()
  /** Assigns (or takes off) a reviewer, says so, and reads the list again. */
  const change = (department: string, reviewer: { name: string; displayName: string }, assigned: boolean) =>
    outcome.attempt(async () => {
      await api.assignReviewer(org.id, department, reviewer.name, assigned)
      await refetch()
      return assigned ? T.reviewerAssigned(reviewer.displayName, department) : T.reviewerUnassigned(reviewer.displayName, department)
    })

  return (
    <section class="org-members reviewer-assignments" data-testid={`assignments-${org.id}`}>
      <h2>{org.name} · {T.reviewerAssignments}</h2>
      <p class="hint">{T.reviewerAssignmentsHint}</p>
      <Loaded resource={read} what={T.reviewerAssignments} retry={refetch}>
        {(loaded) => (
          <>
            <Show when={loaded().assignments.length > 0} fallback={<p class="hint">{T.noAssignments}</p>}>
              <table>
                <thead>
                  <tr><th>{T.department}</th><th>{T.reviewerLabel}</th><th>{T.loginName}</th><th /></tr>
                </thead>
                <tbody>
                  <For each={loaded().assignments}>
                    {(a) => (
                      <tr data-assignment={`${a.department}:${a.reviewer}`}>
                        <td>{a.department}</td>
                        <td>{a.reviewerName}</td>
                        <td>{a.reviewer}</td>
                        <td>
                          <button class="small" onClick={() => void change(a.department, { name: a.reviewer, displayName: a.reviewerName }, false)}>
                            {T.unassignReviewer}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
            <Show when={loaded().reviewers.length > 0} fallback={<p class="hint">{T.noReviewers}</p>}>
              <Show when={loaded().departments.length > 0} fallback={<p class="hint">{T.noDepartments}</p>}>
                <form
                  class="add-member"
                  onSubmit={(event) => {
                    event.preventDefault()
                    const fields = new FormData(event.currentTarget)
                    const reviewer = loaded().reviewers.find((r) => r.name === fields.get('reviewer'))
                    if (reviewer) void change(String(fields.get('department')), reviewer, true)
                  }}
                >
                  <select name="department" aria-label={T.department}>
                    <For each={loaded().departments}>{(name) => <option value={name}>{name}</option>}</For>
                  </select>
                  <select name="reviewer" aria-label={T.reviewerLabel}>
                    <For each={loaded().reviewers}>{(r) => <option value={r.name}>{`${r.displayName}（${r.name}）`}</option>}</For>
                  </select>
                  <button type="submit">{T.assignReviewer}</button>
                </form>
              </Show>
            </Show>
          </>
        )}
      </Loaded>
      <OutcomeLine outcome={outcome} />
    </section>
  )
}
