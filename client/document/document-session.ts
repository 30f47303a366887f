/**
 * One document open in the page: its connection (IndexedDB first, then the
 * server), the editor once there is content to bind to, what the document
 * reads as (the model and the findings, derived once per pause in typing),
 * the workflow status, the threads, who else is here, and whether and how
 * this person may edit. Everything it registers is removed when the owning
 * Solid scope is disposed.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import type { BudgetDocument } from '@shared/model/budget-document'
import type { ProjectText } from '@shared/model/document-text'
import { modelFromText } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { readDocument } from '@shared/model/read-document'
import { contentOf, META_KEY, schemaVersionOf } from '@shared/model/y-document'
import type { Role } from '@shared/protocol/role'
import { listThreads, type ThreadView } from '@shared/review/threads'
import { statusOf, statusRecordOf, type Status } from '@shared/review/workflow'
import { api, type User } from '../api/http'
import { addProjects } from '../editor/add-projects'
import { makeLiveChecks } from '../editor/checks-panel'
import { refreshAnchors } from '../editor/comment-anchors'
import { readOnlyReason as computeReadOnlyReason } from '../editor/editability'
import { makeEditor, userColor } from '../editor/make-editor'
import { suggestionAuthors } from '../editor/suggest-mode'
import { T } from '../i18n/zh-CN'
import { rememberedRole, rememberRole, roleJustHeard } from '../session'
import { createDocConnection, type DocConnection } from '../sync/doc-connection'
import { afterPaint } from './after-paint'
import { OPEN_MARK } from './open-marks'

/** Someone with the document open, as their awareness state says. */
export interface Presence {
  clientId: number
  name: string
  color: string
}

const samePresence = (a: readonly Presence[], b: readonly Presence[]) =>
  a.length === b.length && a.every((p, i) => p.clientId === b[i]!.clientId && p.name === b[i]!.name && p.color === b[i]!.color)

export interface DocumentSession {
  readonly docId: string
  readonly user: User
  readonly connection: DocConnection
  /** The editor, once the document had content to bind to. */
  readonly editor: Accessor<Editor | null>
  readonly role: Accessor<Role | null>
  readonly status: Accessor<Status>
  readonly statusRecord: Accessor<ReturnType<typeof statusRecordOf>>
  /** Whether the document was started from last year's (so it can be compared with it). */
  readonly hasPredecessor: Accessor<boolean>
  readonly threads: Accessor<ThreadView[]>
  /** The thread last clicked or created. */
  readonly activeThread: Accessor<string | null>
  activateThread(id: string | null): void
  readonly model: Accessor<BudgetDocument | null>
  readonly findings: Accessor<Finding[]>
  /** Logins with suggestions pending in the document. */
  readonly suggestionAuthors: Accessor<string[]>
  readonly present: Accessor<Presence[]>
  /** Why this person cannot edit now ('' when they can). */
  readonly readOnlyReason: Accessor<string>
  /** Staff's own switch for suggestion mode (reviewers always suggest). */
  readonly suggesting: Accessor<boolean>
  toggleSuggesting(): void
  /** Whether one's edits are tracked as suggestions now. */
  readonly tracking: Accessor<boolean>
  readonly canComment: Accessor<boolean>
  /** A passing message for the person ('' for none). */
  readonly notice: Accessor<string>
  say(message: string): void
  /** What the last paste did or left out ('' for nothing to say), until the person closes it. */
  readonly pasteReport: Accessor<string>
  closePasteReport(): void
  /** 绩效目标表 just pasted, waiting for the person to say whether to add them as projects. */
  readonly pastedProjects: Accessor<ProjectText[] | null>
  answerPastedProjects(add: boolean): void
  /** Binds the editor into `host` once there is content (now, or when it arrives). */
  mount(host: HTMLElement): void
}

/** Typing pauses this long before the model and the checks are derived again. */
const DERIVE_AFTER_MS = 150

export function createDocumentSession(docId: string, user: User): DocumentSession {
  performance.mark(OPEN_MARK.scripts)
  const connection = createDocConnection(docId)
  const { ydoc, provider } = connection
  const [editor, setEditor] = createSignal<Editor | null>(null)
  const [role, setRole] = createSignal(rememberedRole(docId))
  const [notice, say] = createSignal('')
  const [suggesting, setSuggesting] = createSignal(false)
  const [pasteReport, setPasteReport] = createSignal('')
  const [pastedProjects, setPastedProjects] = createSignal<ProjectText[] | null>(null)

  const predecessorIn = () => typeof ydoc.getMap('meta').get(META_KEY.predecessor) === 'string'
  const [status, setStatus] = createSignal<Status>(statusOf(ydoc))
  const [statusRecord, setStatusRecord] = createSignal(statusRecordOf(ydoc))
  const [hasPredecessor, setHasPredecessor] = createSignal(predecessorIn())
  // The server writes the status into meta; every replica hears it live.
  const onMeta = () => {
    setStatus(statusOf(ydoc))
    setStatusRecord(statusRecordOf(ydoc))
    setHasPredecessor(predecessorIn())
    refreshEditable()
  }
  ydoc.getMap('meta').observe(onMeta)
  onCleanup(() => ydoc.getMap('meta').unobserve(onMeta))

  const [threads, setThreads] = createSignal<ThreadView[]>(listThreads(ydoc))
  const [activeThread, activateThread] = createSignal<string | null>(null)
  const onThreads = () => {
    setThreads(listThreads(ydoc))
    const current = editor()
    if (current) refreshAnchors(current)
  }
  ydoc.getMap('threads').observeDeep(onThreads)
  onCleanup(() => ydoc.getMap('threads').unobserveDeep(onThreads))

  const readOnlyReason = () =>
    computeReadOnlyReason({
      denied: connection.facts().denied,
      refusal: connection.refusal(),
      schemaVersion: schemaVersionOf(ydoc),
      role: role(),
      status: status(),
    })
  const refreshEditable = () => {
    const current = editor()
    if (!current) return
    ;(current.storage as unknown as { suggestMode: { enabled: boolean } }).suggestMode.enabled = role() === 'reviewer' || suggesting()
    current.setEditable(readOnlyReason() === '')
  }

  const [model, setModel] = createSignal<BudgetDocument | null>(null)
  const [findings, setFindings] = createSignal<Finding[]>([])
  const [authors, setAuthors] = createSignal<string[]>([])
  const liveChecks = makeLiveChecks()
  /** The document read once: the outline, the checks and the review opinion all use this one reading. */
  const derive = (from: Editor) => {
    const text = readDocument(from.getJSON() as NodeJSON)
    const derived = modelFromText(text)
    setModel(derived)
    setAuthors(suggestionAuthors(from.state.doc))
    setFindings(liveChecks(from.state.doc, text, derived))
  }

  let host: HTMLElement | null = null
  let deriveTimer: ReturnType<typeof setTimeout> | undefined
  let cancelFirstDerive = () => {}
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
      editable: false,
      onActivateThread: activateThread,
      paste: { say: setPasteReport, offerProjects: (projects) => (setPasteReport(''), setPastedProjects(projects)) },
    })
    made.on('update', () => {
      clearTimeout(deriveTimer)
      deriveTimer = setTimeout(() => derive(made), DERIVE_AFTER_MS)
    })
    setEditor(made)
    refreshEditable()
    performance.mark(OPEN_MARK.editor)
    // The document is painted first; the outline, the checks and the opinion follow once it is on screen.
    cancelFirstDerive = afterPaint(() => {
      derive(made)
      performance.mark(OPEN_MARK.derived)
    })
  }
  onCleanup(() => {
    cancelFirstDerive()
    clearTimeout(deriveTimer)
    editor()?.destroy()
  })

  const onSync = (synced: boolean) => {
    if (!synced) return
    say('')
    start()
    refreshEditable()
  }
  provider.on('sync', onSync)
  onCleanup(() => provider.off('sync', onSync))

  // Awareness changes with every caret move; the people present change rarely, and only then should their list render.
  const [present, setPresent] = createSignal<Presence[]>([], { equals: samePresence })
  const onAwareness = () =>
    setPresent(
      [...provider.awareness.getStates()].flatMap(([clientId, state]) => {
        const u = (state as { user?: { name?: string; color?: string } }).user
        return u?.name ? [{ clientId, name: u.name, color: u.color ?? '#888' }] : []
      }),
    )
  provider.awareness.on('change', onAwareness)
  onAwareness() // the connection may have been opened early: whoever it already heard of is here
  onCleanup(() => provider.awareness.off('change', onAwareness))

  // Opened from the list, the role is the one the list just fetched; opened by its address, it is asked for.
  if (!roleJustHeard(docId)) api.documents().then(({ documents }) => {
    const mine = documents.find((d) => d.id === docId)
    if (!mine) return
    rememberRole(docId, mine.role)
    setRole(mine.role)
    refreshEditable()
  }, () => {}) // offline: keep the remembered role

  return {
    docId,
    user,
    connection,
    editor,
    role,
    status,
    statusRecord,
    hasPredecessor,
    threads,
    activeThread,
    activateThread,
    model,
    findings,
    suggestionAuthors: authors,
    present,
    readOnlyReason,
    suggesting,
    toggleSuggesting: () => {
      setSuggesting(!suggesting())
      refreshEditable()
    },
    tracking: () => readOnlyReason() === '' && (role() === 'reviewer' || suggesting()),
    canComment: () => !connection.facts().denied && role() !== null && role() !== 'viewer',
    notice,
    say,
    pasteReport,
    closePasteReport: () => setPasteReport(''),
    pastedProjects,
    answerPastedProjects: (add) => {
      const projects = pastedProjects()
      setPastedProjects(null)
      const current = editor()
      if (!add || !projects || !current?.isEditable) return
      if (current.chain().focus().command(({ state, dispatch }) => addProjects(projects)(state, dispatch)).run()) setPasteReport(T.paste.projectsAdded(projects.map((p) => p.name || p.code)))
    },
    mount: (element) => {
      host = element
      void connection.whenLocal.then(() => {
        performance.mark(OPEN_MARK.local)
        start()
        if (!hasContent() && !navigator.onLine) say(T.notAvailableOffline)
      })
    },
  }
}
