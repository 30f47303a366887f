/**
 * The reviewer's 审核意见 draft as the page keeps it (`ReviewOpinionPanel`
 * edits it; 退回修改 and 审核通过 start from it as their note): kept on the
 * server with the document, per reviewer and review round.
 */
import { createResource, createSignal, onCleanup } from 'solid-js'
import { api } from '../api/http'
import { createRereadWhenSynced } from './reread-when-synced'

/** Where drafts were kept before the server kept them: moved to the server once, then forgotten here. */
const formerKey = (docId: string) => `jixiao:opinion:${docId}`
const SAVE_AFTER_MS = 400

export type OpinionSaving = 'saved' | 'saving' | 'failed'

/**
 * The reviewer's draft, read from the server when `reviewing()` and saved
 * back shortly after each change (the last change always wins). `used()`:
 * a step took it as its note and the server cleared it. `read`: whether the kept draft was read (for `Loaded`);
 * a read that failed (offline) is made again when `serverSynced()` turns true, and by `reread`.
 */
export function createOpinionDraft(docId: string, reviewing: () => boolean, serverSynced: () => boolean) {
  const [text, setText] = createSignal('')
  const [saving, setSaving] = createSignal<OpinionSaving>('saved')
  let timer: ReturnType<typeof setTimeout> | undefined
  let written = Promise.resolve()
  const store = (value: string) => {
    setSaving('saving')
    written = written.then(() =>
      api.keepOpinion(docId, value).then(
        () => {
          if (text() === value) setSaving('saved')
        },
        () => {
          setSaving('failed')
        },
      ),
    )
  }
  // Not read (offline): the panel says so rather than offer a new draft that would later overwrite the kept one.
  const [read, { refetch: reread }] = createResource(reviewing, async () => {
    const kept = (await api.opinion(docId)).opinion?.text ?? ''
    const former = localStorage.getItem(formerKey(docId)) ?? ''
    if (!kept && former) store(former)
    localStorage.removeItem(formerKey(docId))
    if (!text()) setText(kept || former)
    return true
  })
  createRereadWhenSynced(serverSynced, read, reread)
  /** Whether the kept draft was read: until it is, a step must not start its note from an empty one. */
  const known = () => read.state === 'ready' || read.state === 'refreshing'
  const save = (value: string) => {
    setText(value)
    clearTimeout(timer)
    setSaving('saving')
    timer = setTimeout(() => store(value), SAVE_AFTER_MS)
  }
  const used = () => {
    clearTimeout(timer)
    setText('')
    setSaving('saved')
  }
  onCleanup(() => {
    if (saving() === 'saving') {
      clearTimeout(timer)
      store(text())
    }
  })
  return { text, save, used, saving, read, reread, known }
}

export type ReviewOpinionDraft = ReturnType<typeof createOpinionDraft>
