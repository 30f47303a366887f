/**
 * The local copies kept when the server refused a change (see
 * `sync/local-drafts.ts`): when, why, and the text the server does not
 * have — to copy by hand, or, while this person may change the document,
 * to put back where it was typed as their suggestions (track changes), for
 * staff to accept or reject. Each field's text is listed once, whole, after
 * its project and field as the form names them, so it can be put back by
 * hand where it belongs. Compared with the document as it is now, so
 * text that reached the server meanwhile is not listed.
 */
import { createEffect, createMemo, createSignal, For, onCleanup, Show, type Accessor } from 'solid-js'
import type * as Y from 'yjs'
import { T } from '../i18n/zh-CN'
import { createLocalDrafts, type LocalDraft } from '../sync/local-drafts'
import { META_KEY, metaOf } from '@shared/model/y-document'
import { fieldPlace } from '../i18n/field-place'
import { alreadyBack, blockedBy, openLocalCopy, refusedFields, restoreAsSuggestions } from '../sync/refused-text'

/** What the panel and each of its copies are given: `version` changes whenever the document may have; `synced` says it holds the server's state to compare with. */
interface DocumentFacts {
  ydoc: Y.Doc
  version: Accessor<unknown>
  synced: Accessor<boolean>
  author: string
  mayRestore: Accessor<boolean>
  nameOf: (login: string) => string
}

/** `onSettled`: a copy was put back whole or deleted, so what the page said of it (where to fetch it) is done. */
export function LocalDraftsPanel(props: DocumentFacts & { docId: string; onSettled: () => void }) {
  const { drafts, remove } = createLocalDrafts(props.docId)
  return (
    <Show when={drafts().length > 0}>
      <section class="local-drafts" data-testid="local-drafts" role="region" aria-label={T.drafts(drafts().length)}>
        <h2>{T.drafts(drafts().length)}</h2>
        <For each={drafts()}>{(draft) => <DraftItem {...props} draft={draft} onDelete={() => { props.onSettled(); void remove(draft.id) }} />}</For>
      </section>
    </Show>
  )
}

function DraftItem(props: DocumentFacts & { draft: LocalDraft; onDelete: () => void; onSettled: () => void }) {
  const [copied, setCopied] = createSignal(false)
  const [confirmingDelete, setConfirmingDelete] = createSignal(false)
  const [restored, setRestored] = createSignal<string | null>(null)
  const [retry, setRetry] = createSignal(false)
  // The copy is read once; only the document it is compared with changes.
  const local = openLocalCopy(props.draft.state)
  onCleanup(() => local.destroy())
  const kind = metaOf(local).get(META_KEY.kind)
  // What is back already as one's own suggestion (before a reload, say) is neither listed nor put back again.
  const found = createMemo(() => {
    props.version()
    return refusedFields(local, props.ydoc)
      .map((f) => ({ ...f, runs: f.runs.filter((run) => !alreadyBack(props.ydoc, run, props.author)) }))
      .filter((f) => f.runs.length > 0)
  })
  const runs = () => found().flatMap((f) => f.runs)
  const lines = () => found().map((f) => T.draftField(fieldPlace(f.field, typeof kind === 'string' ? kind : undefined), f.runs.map((run) => T.draftRun(run.text.trim(), run.deleted)).join('…')))
  const copy = async () => {
    await navigator.clipboard.writeText(lines().join('\n'))
    setCopied(true)
  }
  const restore = () => {
    // A second press (once someone else's suggestion that held some back is decided) finds the rest put back already.
    const all = runs()
    const { homeless, blocked } = restoreAsSuggestions(props.ydoc, all, props.author, () => ({ id: crypto.randomUUID(), time: Date.now() }))
    const by = [...new Set(blocked.flatMap((b) => b.by))].map(props.nameOf)
    setRestored(T.restoredDraft(all.length - homeless.length - blocked.length, homeless.length, blocked.length, by))
    // What someone else's suggestion held back can be put back once it is decided: the button stays for that.
    setRetry(blocked.length > 0)
    if (homeless.length === 0 && blocked.length === 0) props.onSettled()
  }
  // Once the suggestions that held some back are decided, the panel says the next press will put them back, not
  // still that someone's suggestion stands in the way.
  createEffect(() => {
    if (retry() && runs().length > 0 && runs().every((run) => blockedBy(props.ydoc, run, props.author).length === 0)) setRestored(T.blockersDecided)
  })
  return (
    <article class="draft">
      <p>{T.draftSaved(new Date(props.draft.savedAt).toLocaleString('zh-CN'), props.draft.reason)}</p>
      <Show when={props.synced()} fallback={<p>{T.draftComparing}</p>}>
      {/* Once this press put it all back, what it did is said, not that the copy holds nothing the server lacks. */}
      <Show when={lines().length > 0} fallback={<Show when={restored() === null}><p>{T.draftNoText}</p></Show>}>
        <p>{T.draftText}</p>
        <ul class="refused-text">
          <For each={lines()}>{(line) => <li>{line}</li>}</For>
        </ul>
        <button onClick={() => void copy()}>{copied() ? T.copied : T.copyDraft}</button>
        <Show when={props.mayRestore() && (restored() === null || retry())}>
          <button onClick={restore}>{T.restoreDraft}</button>
        </Show>
      </Show>
      <Show when={restored()}>{(message) => <span role="status">{message()}</span>}</Show>
      </Show>
      <Show when={confirmingDelete()} fallback={<button onClick={() => setConfirmingDelete(true)}>{T.deleteDraft}</button>}>
        <span class="confirm-inline" role="alertdialog">
          {T.confirmDeleteDraft}
          <button onClick={() => props.onDelete()}>{T.deleteDraft}</button>
          <button onClick={() => setConfirmingDelete(false)}>{T.cancel}</button>
        </span>
      </Show>
    </article>
  )
}
