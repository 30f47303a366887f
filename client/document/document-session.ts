/**
 * One document open in the page: its connection (IndexedDB first, then the
 * server), the editor once there is content to bind to, and its parts —
 * where it stands in the workflow (`workflow-state.ts`), whether and how
 * this person may edit (`document-access.ts`), what it reads as
 * (`document-reading.ts`), its threads (`document-threads.ts`), who else is
 * here (`presence.ts`) and what a paste asks (`paste-questions.ts`).
 * Everything it registers is removed when the owning Solid scope is
 * disposed.
 */
import type { Editor } from '@tiptap/core'
import { createEffect, createResource, createSignal, on, onCleanup, type Accessor } from 'solid-js'
import type { LastYearResult } from '@shared/api/http-api'
import type * as Y from 'yjs'
import { asOfOf, contentOf, documentKindOf, META_KEY, metaOf } from '@shared/model/y-document'
import { targetsSourceOf } from '@shared/review/carried-cells'
import { api, type User } from '../api/http'
import { makeEditor, userColor } from '../editor/make-editor'
import { isLocalEdit } from '../editor/suggest-mode'
import { loadClipboardReader } from '../editor/table-paste'
import { T } from '../i18n/zh-CN'
import { fieldPlace } from '../i18n/field-place'
import { createDocConnection, type DocConnection } from '../sync/doc-connection'
import { createLastLoaded, isOffline, reasonOf } from '../pages/loaded'
import { createDocumentAccess, type DocumentAccess } from './document-access'
import { createDocumentReading, type DocumentReading } from './document-reading'
import { createDocumentThreads, type DocumentThreads } from './document-threads'
import { OPEN_MARK } from '../sync/open-marks'
import { caretFieldDeleted } from '../editor/caret-field'
import { addReader, mayReadCopy } from '../sync/local-readers'
import { takeRefusal } from '../sync/local-drafts'
import { takeImportNotice } from '../import-notice'
import { createPasteQuestions, type PasteQuestions } from './paste-questions'
import { createPresence, type Presence } from './presence'
import { createRereadWhenSynced } from './reread-when-synced'
import { createWorkflowState, type WorkflowState } from './workflow-state'

export type { Presence } from './presence'

export interface DocumentSession {
  readonly docId: string
  readonly user: User
  readonly connection: DocConnection
  /** The editor, once the document had content to bind to. */
  readonly editor: Accessor<Editor | null>
  /** Binds the editor into `host` once there is content (now, or when it arrives). */
  mount(host: HTMLElement): void
  /** A passing message for the person ('' for none). */
  readonly notice: Accessor<string>
  say(message: string): void
  /** The refused change this page reloaded after is restored or its copy deleted: the notice no longer says to fetch it. */
  settleRefusal(): void
  readonly workflow: WorkflowState
  readonly access: DocumentAccess
  readonly reading: DocumentReading
  readonly threads: DocumentThreads
  readonly present: Accessor<Presence[]>
  readonly paste: PasteQuestions
  /** What meta says the document is: its kind (absent: targets) and, for a 监控, its 截至月份. */
  facts(): { kind?: string; asOf?: string }
  /** 结果应用: for a draft started from last year's document, what last year's approved 自评 found ([] when none, or not read). */
  readonly lastYear: Accessor<readonly LastYearResult[]>
  /** 结果应用: why the checks against last year's results have not run (still loading, could not be read); '' when they have, or there are none to run. */
  readonly lastYearUnread: Accessor<string>
}

/** Why the 结果应用 checks did not run: the network, or the server's own message. */
const lastYearFailure = (error: unknown): string =>
  isOffline(error) ? T.lastYearUnreadOffline : T.lastYearUnread(reasonOf(error))

export function createDocumentSession(docId: string, user: User): DocumentSession {
  performance.mark(OPEN_MARK.scripts)
  const connection = createDocConnection(docId)
  const { ydoc, provider } = connection
  const [editor, setEditor] = createSignal<Editor | null>(null)
  const [notice, say] = createSignal('')

  // The server writes the status into meta; whether one may edit follows it.
  const workflow = createWorkflowState(ydoc, () => access.refresh())
  const access = createDocumentAccess(docId, connection, workflow.status, editor)
  const threads = createDocumentThreads(ydoc, editor)
  // The kind the server wrote into meta when it made the document (it never changes); a 监控's 截至月份, which its editors change.
  const kind = () => documentKindOf(ydoc)
  const asOf = () => asOfOf(ydoc)
  // Changed directly while one may edit directly, as the server allows (a reviewer comments; meta has no suggestions).
  const mayChangeAsOf = () => access.role() === 'editor' && access.readOnlyReason() === ''
  const changeAsOf = (value: string) => ydoc.transact(() => metaOf(ydoc).set(META_KEY.asOf, value))
  // 结果应用: asked once the document says it has a predecessor; the outline shows it and the checks read against it.
  // Until it is read the checks that need it have not run, and the checks panel says so (checks silently run without
  // it would read as passed); a read that failed is made again once the document reaches the server.
  const [lastYearResource, { refetch: rereadLastYear }] = createResource(
    () => workflow.hasPredecessor() || null,
    () => api.lastYear(docId).then((r) => r.results),
  )
  createRereadWhenSynced(() => connection.facts().serverSynced, lastYearResource, rereadLastYear)
  const lastYearRead = createLastLoaded(lastYearResource)
  const lastYear = () => lastYearRead() ?? []
  const lastYearUnread = () =>
    !workflow.hasPredecessor() || lastYearRead() !== undefined ? ''
    : lastYearResource.state === 'errored' ? lastYearFailure(lastYearResource.error)
    : T.lastYearLoading
  const reading = createDocumentReading(() => ({ kind: kind(), asOf: asOf(), lastYear: lastYear(), changeAsOf: { mayChange: mayChangeAsOf(), change: changeAsOf } }))
  // A new 截至月份 (here or from anyone) moves the plan's share at once; so does whether one may change it.
  const onMeta = (event: Y.YMapEvent<unknown>) => {
    const made = editor()
    if (made && event.keysChanged.has(META_KEY.asOf)) reading.readSoon(made, 0)
  }
  metaOf(ydoc).observe(onMeta)
  onCleanup(() => metaOf(ydoc).unobserve(onMeta))
  createEffect(on(mayChangeAsOf, () => {
    const made = editor()
    if (made && kind() === 'monitoring') reading.readSoon(made, 0)
  }, { defer: true }))
  // Results that arrive after the first reading are checked against at once, not at the next keystroke.
  createEffect(on(lastYear, (results) => {
    const made = editor()
    if (made && results.length > 0) reading.readSoon(made, 0)
  }, { defer: true }))
  const paste = createPasteQuestions(editor)
  // A refused Ctrl+Z is said until the person goes on: the next undo that works, or their next edit.
  let undoRefusal = ''
  const settleUndoNotice = () => {
    if (undoRefusal && notice() === undoRefusal) say('')
  }
  // A colleague deleted the row the caret is in: typing must not go on in the next cell the editor moved it to.
  // The caret as it was before the change (the editor moves it, and tells the awareness, while the change is applied).
  let caretBefore: unknown = null
  const beforeChange = (transaction: Y.Transaction) => {
    caretBefore = transaction.local ? null : (provider.awareness.getLocalState() as { cursor?: { head?: unknown } } | null)?.cursor?.head
  }
  const afterChange = (transaction: Y.Transaction) => {
    const made = editor()
    if (transaction.local || !made?.isFocused || !caretFieldDeleted(transaction, caretBefore)) return
    made.commands.blur()
    say(T.caretFieldDeleted)
  }
  ydoc.on('beforeTransaction', beforeChange)
  ydoc.on('afterTransaction', afterChange)
  onCleanup(() => {
    ydoc.off('beforeTransaction', beforeChange)
    ydoc.off('afterTransaction', afterChange)
  })

  let host: HTMLElement | null = null
  // Until the document has content (from IndexedDB or the server) there is nothing to bind to:
  // an editor on an empty fragment would write a second, empty document into it.
  const hasContent = () => contentOf(ydoc).length > 0
  const start = () => {
    if (editor() || !host || !hasContent()) return
    const made = makeEditor({
      element: host,
      ydoc,
      provider,
      user: { name: user.displayName, color: userColor(user.name) },
      userName: user.name,
      // As `access.refresh()` sets it next: made so, the view is not updated through again (a layout forced) to become so.
      editable: access.readOnlyReason() === '',
      onActivateThread: threads.activate,
      paste: paste.listener,
      kind,
      onCarriedRefused: () => say(T.carriedRefused(targetsSourceOf(ydoc))),
      onUndoStep: ({ outcome, where }, direction) =>
        outcome === 'others-changed-it' ? say((undoRefusal = T.undoRefused(direction === 'undo' ? '撤销' : '重做', where ? fieldPlace(where, kind()).join(' · ') : ''))) : settleUndoNotice(),
    })
    made.on('update', ({ transaction }) => {
      reading.readSoon(made)
      if (isLocalEdit(transaction)) settleUndoNotice()
    })
    setEditor(made)
    access.refresh()
    performance.mark(OPEN_MARK.editor)
    // The document is painted first; the outline, the checks and the opinion follow once it is on screen,
    // and then the clipboard's reader, which no paste needs before.
    reading.readSoon(made, 'painted', () => {
      performance.mark(OPEN_MARK.derived)
      void loadClipboardReader()
    })
  }
  onCleanup(() => editor()?.destroy())

  /**
   * What the server's answer settles: this account may read the local copy; and what is said with it (once; ''
   * after): what an import could not read, and the refusal that reloaded this page (which now reads 已同步).
   */
  let refusalNotice = ''
  const heardServer = (): string => {
    addReader(docId, user.name)
    const refused = takeRefusal(docId)
    if (refused) refusalNotice = T.refusedJustNow(refused)
    return [takeImportNotice(docId), refused ? refusalNotice : ''].filter(Boolean).join('；')
  }
  const settleRefusal = () => {
    if (refusalNotice) say(notice().replace(`；${refusalNotice}`, '').replace(refusalNotice, ''))
    refusalNotice = ''
  }
  const onSync = (synced: boolean) => {
    if (!synced) return
    // A reconnection's answer clears the notice line as before; the first says what its import could not read.
    say(heardServer())
    start()
    access.refresh()
  }
  provider.on('sync', onSync)
  onCleanup(() => provider.off('sync', onSync))

  return {
    docId,
    user,
    connection,
    editor,
    mount: (element) => {
      host = element
      void connection.whenLocal.then(() => {
        performance.mark(OPEN_MARK.local)
        // A copy another account opened here waits for the server to say this one may read it (the connection
        // opened early may have heard the server before this session listened).
        if (provider.synced) {
          const unread = heardServer()
          if (unread) say(unread)
        }
        if (mayReadCopy(docId, user.name)) start()
        if (navigator.onLine || editor()) return
        say(hasContent() ? T.copyOfAnotherAccount : T.notAvailableOffline)
      })
    },
    notice,
    say,
    settleRefusal,
    workflow,
    access,
    reading,
    threads,
    present: createPresence(provider.awareness),
    paste,
    facts: () => ({ kind: kind(), asOf: asOf() }),
    lastYear,
    lastYearUnread,
  }
}
