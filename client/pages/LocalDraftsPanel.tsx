/**
 * The local copies kept when the server refused a change (see
 * `sync/local-drafts.ts`): when, why, and the text the server does not
 * have, to copy back in by hand. Compared with the document as it is now,
 * so text that reached the server meanwhile is not listed.
 */
import { createMemo, createSignal, For, Show, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { T } from '../i18n/zh-CN'
import { createLocalDrafts, type LocalDraft } from '../sync/local-drafts'
import { refusedText } from '../sync/refused-text'

/** `version` changes whenever the document may have; `synced` says it holds the server's state to compare with. */
export function LocalDraftsPanel(props: { docId: string; ydoc: Y.Doc; version: Accessor<unknown>; synced: Accessor<boolean> }) {
  const { drafts, remove } = createLocalDrafts(props.docId)
  return (
    <Show when={drafts().length > 0}>
      <section class="local-drafts" data-testid="local-drafts" role="region" aria-label={T.drafts(drafts().length)}>
        <h2>{T.drafts(drafts().length)}</h2>
        <For each={drafts()}>{(draft) => <DraftItem draft={draft} ydoc={props.ydoc} version={props.version} synced={props.synced} onDelete={() => void remove(draft.id)} />}</For>
      </section>
    </Show>
  )
}

function DraftItem(props: { draft: LocalDraft; ydoc: Y.Doc; version: Accessor<unknown>; synced: Accessor<boolean>; onDelete: () => void }) {
  const [copied, setCopied] = createSignal(false)
  const runs = createMemo(() => {
    props.version()
    return refusedText(props.draft.state, props.ydoc)
  })
  const copy = async () => {
    await navigator.clipboard.writeText(runs().join('\n'))
    setCopied(true)
  }
  return (
    <article class="draft">
      <p>{T.draftSaved(new Date(props.draft.savedAt).toLocaleString('zh-CN'), props.draft.reason)}</p>
      <Show when={props.synced()} fallback={<p>{T.draftComparing}</p>}>
      <Show when={runs().length > 0} fallback={<p>{T.draftNoText}</p>}>
        <p>{T.draftText}</p>
        <ul class="refused-text">
          <For each={runs()}>{(run) => <li>{run}</li>}</For>
        </ul>
        <button onClick={() => void copy()}>{copied() ? T.copied : T.copyDraft}</button>
      </Show>
      </Show>
      <button onClick={() => confirm(T.confirmDeleteDraft) && props.onDelete()}>{T.deleteDraft}</button>
    </article>
  )
}
