/**
 * 报送截止 on 人员管理, for a finance bureau's 管理员: the deadline set for
 * each budget year, a form to set one (year and date) and a button to take
 * one away. The server sets it through the same use case as the command
 * line's `org deadline`, and says why not when it refuses.
 */
import { createResource, For, Show } from 'solid-js'
import { api } from '../api/http'
import { T } from '../i18n/zh-CN'
import { Loaded } from './loaded'
import { createOutcome, OutcomeLine } from './outcome'
import { createRereadWhenOnline } from './reread-when-online'

export function BureauDeadlines(props: { org: { id: number; name: string } }) {
  const org = props.org
  const [deadlines, { refetch }] = createResource(() => api.bureauDeadlines(org.id).then((r) => r.deadlines))
  createRereadWhenOnline(deadlines, refetch)
  const outcome = createOutcome()
  /** Sets (or, with null, removes) a year's deadline, says so, and reads the list again. */
  const change = (year: number, date: string | null) =>
    outcome.attempt(async () => {
      await api.setDeadline(org.id, year, date)
      await refetch()
      return date === null ? T.deadlineRemoved(year) : T.deadlineSet(year, date)
    })

  return (
    <section class="org-members bureau-deadlines" data-testid={`deadlines-${org.id}`}>
      <h2>{org.name} · {T.deadlines}</h2>
      <p class="hint">{T.deadlinesHint}</p>
      <Loaded resource={deadlines} what={T.deadlines} retry={refetch}>
        {(loaded) => (
          <Show when={loaded().length > 0} fallback={<p class="hint">{T.noDeadlines}</p>}>
            <table>
              <thead>
                <tr><th>{T.budgetYear}</th><th>{T.deadlineDate}</th><th /></tr>
              </thead>
              <tbody>
                <For each={loaded()}>
                  {(deadline) => (
                    <tr data-year={deadline.year}>
                      <td>{deadline.year}</td>
                      <td>{deadline.date}</td>
                      <td><button class="small" onClick={() => void change(deadline.year, null)}>{T.removeDeadline}</button></td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Loaded>
      <form
        class="add-member"
        onSubmit={(event) => {
          event.preventDefault()
          const form = event.currentTarget
          const fields = new FormData(form)
          void change(Number(fields.get('year')), String(fields.get('date')))
        }}
      >
        <input name="year" type="number" required min={2000} max={2100} step={1} value={new Date().getFullYear() + 1} aria-label={T.budgetYear} />
        <input name="date" type="date" required aria-label={T.deadlineDate} />
        <button type="submit">{T.setDeadline}</button>
      </form>
      <OutcomeLine outcome={outcome} />
    </section>
  )
}
