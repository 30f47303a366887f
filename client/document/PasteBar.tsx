/**
 * What a paste did or asks, in the sticky bars so the person sees it
 * wherever in the document they pasted: pasted 绩效目标表 offered as new
 * projects (asked first), and what a table pasted onto indicator rows
 * filled, added, left out or kept as written.
 */
import { Show } from 'solid-js'
import { T } from '../i18n/zh-CN'
import type { DocumentSession } from './document-session'

export function PasteBar(props: { session: DocumentSession }) {
  const s = props.session
  return (
    <>
      <Show when={s.paste.projects()}>
        {(projects) => (
          <p class="confirm-bar" role="alertdialog" data-testid="confirm-paste-projects">
            {T.paste.askProjects(projects().map((p) => p.name || p.code))}
            <button onClick={() => s.paste.answer(true)}>{T.paste.addProjects}</button>
            <button onClick={() => s.paste.answer(false)}>{T.cancel}</button>
          </p>
        )}
      </Show>
      <Show when={s.paste.report()}>
        <p class="confirm-bar" role="status" data-testid="paste-report">
          {s.paste.report()}
          <button onClick={() => s.paste.closeReport()}>{T.close}</button>
        </p>
      </Show>
    </>
  )
}
