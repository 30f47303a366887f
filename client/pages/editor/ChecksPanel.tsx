/**
 * The finance checks, live: grouped by place (Part 1, then each project),
 * errors first and opened; a finding leads to its cell, and a reviewer or
 * staff member can turn it into a comment there.
 */
import { For, Show } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { findingGroups } from '../../editor/checks-panel'
import { revealPlace } from '../../editor/place'
import { T } from '../../i18n/zh-CN'
import type { DocumentSession } from './document-session'

export function ChecksPanel(props: { session: DocumentSession; onComment: (finding: Finding) => void }) {
  const s = props.session
  const reveal = (finding: Finding) => {
    const editor = s.editor()
    if (editor) revealPlace(editor, finding)
  }
  return (
    <section class="checks" data-testid="checks">
      <h2>{T.checks}（{T.findingCounts(s.findings())}）</h2>
      <For each={findingGroups(s.findings(), s.model()?.projects.map((p) => p.name) ?? [])}>
        {(group) => (
          <details class="finding-group" open={group.errors > 0}>
            <summary>
              {group.title}
              <span class="counts">{T.findingCounts(group.findings)}</span>
            </summary>
            <ol>
              <For each={group.findings}>
                {(f) => (
                  <li class={f.severity}>
                    <a href="#" onClick={(e) => { e.preventDefault(); reveal(f) }}>
                      <Show when={f.indicator !== null}><span class="where">{T.rowNumber(f.indicator!)}</span></Show>
                      {f.message}
                    </a>
                    <Show when={s.canComment()}>
                      <button class="small" onClick={() => props.onComment(f)}>{T.findingToComment}</button>
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </details>
        )}
      </For>
    </section>
  )
}
