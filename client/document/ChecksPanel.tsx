/**
 * The finance checks, live: grouped by place (Part 1, then each project),
 * errors first and opened; a finding leads to its cell, and a reviewer or
 * staff member can turn it into a comment there. Checks that have not run
 * (结果应用, while last year's results are not read) are said so above.
 */
import { createMemo, createRenderEffect, For, Index, Show } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { namesOwnRow } from '@shared/checks/names-own-row'
import { findingGroups } from '../editor/checks-panel'
import { revealPlace } from '../editor/place'
import { T } from '../i18n/zh-CN'
import type { DocumentSession } from './document-session'

/** A group opens when it comes to have errors; otherwise it stays open or closed as the reader left it. */
function openOnFirstError(details: HTMLDetailsElement, errors: () => number): void {
  createRenderEffect<number>((before) => {
    const now = errors()
    if (before === 0 && now > 0) details.open = true
    return now
  }, 0)
}

export function ChecksPanel(props: { session: DocumentSession; onComment: (finding: Finding) => void; commented: (finding: Finding) => boolean }) {
  const s = props.session
  const reveal = (finding: Finding) => {
    const editor = s.editor()
    if (editor) revealPlace(editor, finding)
  }
  // Each change derives new findings; groups are keyed by their title and rows by position, so only
  // what changed is redrawn, and a group someone closed stays closed.
  const groups = createMemo(() => new Map(findingGroups(s.reading.findings(), s.reading.model()?.projects.map((p) => p.name) ?? []).map((g) => [g.title, g])))
  const titles = createMemo(() => [...groups().keys()], undefined, { equals: (a, b) => a.length === b.length && a.every((t, i) => t === b[i]) })
  return (
    <section class="checks" data-testid="checks">
      <h2>{T.checks}（{T.findingCounts(s.reading.findings())}）</h2>
      {/* Checks that could not run are named: their findings missing must not read as passed. */}
      <Show when={s.lastYearUnread()}>
        <p class="notice" role="alert" data-testid="checks-incomplete">{s.lastYearUnread()}</p>
      </Show>
      <For each={titles()}>
        {(title) => {
          // A group going away is read once more before its row is removed.
          const group = () => groups().get(title) ?? { title, errors: 0, findings: [] }
          return (
            <details class="finding-group" ref={(el) => openOnFirstError(el, () => group().errors)}>
              <summary>
                {title}
                <span class="counts">{T.findingCounts(group().findings)}</span>
              </summary>
              <ol>
                <Index each={group().findings}>
                  {(f) => (
                    <li class={f().severity}>
                      <a href="#" onClick={(e) => { e.preventDefault(); reveal(f()) }}>
                        <Show when={f().indicator !== null && !namesOwnRow(f())}><span class="where">{T.rowNumber(f().indicator!)}</span></Show>
                        {f().message}
                      </a>
                      <Show when={s.access.canComment()}>
                        <button class="small" onClick={() => props.onComment(f())}>{props.commented(f()) ? T.findingCommented : T.findingToComment}</button>
                      </Show>
                    </li>
                  )}
                </Index>
              </ol>
            </details>
          )
        }}
      </For>
    </section>
  )
}
