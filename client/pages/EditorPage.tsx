/**
 * One document open for editing: opened from IndexedDB first, synced with
 * the server when it can be, with the sync status, who else is here, the
 * outline with live totals, the table operations, the workflow, suggestions
 * (track changes), comment threads and the finance checks.
 */
import type { Editor } from '@tiptap/core'
import type { Command } from '@tiptap/pm/state'
import { createMemo, createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import { departmentTotal } from '@shared/checks/rules/arithmetic'
import type { BudgetDocument } from '@shared/model/budget-document'
import { deriveModel } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { contentOf, META_KEY, schemaVersionOf } from '@shared/model/y-document'
import { mayEditDirectly, STATUS, statusOf, statusRecordOf, type Status } from '@shared/review/workflow'
import { api } from '../api/http'
import { exportFormats, importFormats } from '@shared/formats/registry'
import { navigate } from '../App'
import { makeEditor, userColor } from '../editor/make-editor'
import { createThread, listThreads, type ThreadView } from '@shared/review/threads'
import { findingGroups, makeLiveChecks, locateFinding, revealPlace } from '../editor/checks-panel'
import { readOnlyReason as computeReadOnlyReason } from '../editor/editability'
import { anchorOfSelection, anchorRange, refreshAnchors } from '../editor/comment-anchors'
import { countSuggestions, decideSuggestions, suggestionAt, suggestionAuthors } from '../editor/suggest-mode'
import { ThreadsPanel } from './ThreadsPanel'
import { LocalDraftsPanel } from './LocalDraftsPanel'
import { HistoryPanel } from './HistoryPanel'
import { createOpinionDraft, ReviewOpinionPanel } from './ReviewOpinionPanel'
import { createPeople } from './people'
import { FindBar } from './FindBar'
import { MentionHints } from './MentionHints'
import { Bell } from './Bell'
import { WorkflowActions } from './WorkflowActions'
import { addIndicator, addProject, deleteIndicator, deleteProject, moveIndicator, moveProject, projectAt } from '../editor/row-commands'
import { T } from '../i18n/zh-CN'
import { relativeTime } from '../i18n/relative-time'
import { showAuthorship } from '../editor/authorship-view'
import { AuthorIndex } from '@shared/history/authorship'
import { rememberedRole, rememberedUser, rememberRole } from '../session'
import { createDocConnection } from '../sync/doc-connection'
import { syncLabel, syncState } from '../sync/sync-status'

interface Person {
  clientId: number
  name: string
  color: string
}

export function EditorPage(props: { docId: string }) {
  const user = rememberedUser()
  if (!user) {
    navigate('#/login')
    return null
  }
  const connection = createDocConnection(props.docId)
  let host!: HTMLDivElement
  let editor: Editor | null = null
  const [role, setRole] = createSignal(rememberedRole(props.docId))
  const [model, setModel] = createSignal<BudgetDocument | null>(null)
  const [people, setPeople] = createSignal<Person[]>([])
  const [notice, setNotice] = createSignal('')
  const [ready, setReady] = createSignal(false)
  const [findings, setFindings] = createSignal<Finding[]>([])
  const [status, setStatus] = createSignal<Status>(statusOf(connection.ydoc))
  const [threads, setThreads] = createSignal<ThreadView[]>(listThreads(connection.ydoc))
  const [activeThread, setActiveThread] = createSignal<string | null>(null)
  connection.ydoc.getMap('threads').observeDeep(() => {
    setThreads(listThreads(connection.ydoc))
    if (editor) refreshAnchors(editor)
  })
  const activateThread = (id: string) => {
    setActiveThread(id)
    document.querySelector(`.thread[data-thread="${id}"]`)?.scrollIntoView({ block: 'nearest' })
  }
  const opinionDraft = createOpinionDraft(props.docId)
  // Read again when the status changes: 报送 ends "overdue".
  const [deadline] = createResource(() => [props.docId, status()] as const, ([id]) => api.deadline(id).then((r) => r.deadline, () => null))
  const names = createPeople(props.docId)
  /** A suggestion's author and time on hover, by name (the marks store the login). */
  const describeSuggestion = (event: MouseEvent) => {
    const el = (event.target as HTMLElement).closest<HTMLElement>('[data-insertion],[data-deletion],[data-suggestion]')
    if (!el) return
    const raw = el.dataset.insertion ?? el.dataset.deletion ?? el.dataset.suggestion
    const kind = el.dataset.insertion !== undefined ? T.suggestedInsert : el.dataset.deletion !== undefined ? T.suggestedDelete : T.suggestedRow
    try {
      const info = JSON.parse(raw ?? '') as { author?: string; time?: number }
      if (info.author) el.title = `${names.nameOf(info.author)} · ${info.time ? relativeTime(info.time) : ''} ${kind}`
    } catch {
      // not a suggestion's JSON: leave the title alone
    }
  }
  const canComment = () => !connection.facts().denied && role() !== null && role() !== 'viewer'
  const startThread = (anchor: NonNullable<ReturnType<typeof anchorOfSelection>>, text: string) => {
    const id = crypto.randomUUID()
    createThread(connection.ydoc, { id, ...anchor, author: user.name, text, now: Date.now(), commentId: crypto.randomUUID() })
    activateThread(id)
  }
  /** 添加批注: the selection is anchored when the composer opens, so typing the comment cannot move it. */
  const [composing, setComposing] = createSignal<NonNullable<ReturnType<typeof anchorOfSelection>> | null>(null)
  const [commentText, setCommentText] = createSignal('')
  const addComment = () => {
    const anchor = editor ? anchorOfSelection(editor) : null
    if (!anchor) return setNotice(T.selectTextToComment)
    setCommentText('')
    setComposing(anchor)
  }
  const submitComment = (event: Event) => {
    event.preventDefault()
    const anchor = composing()
    if (!anchor || !commentText().trim()) return
    startThread(anchor, commentText().trim())
    setComposing(null)
  }
  const findingToComment = (finding: Finding) => {
    const range = editor ? locateFinding(editor, finding) : null
    if (!editor || !range) return
    editor.chain().setTextSelection(range).run()
    const anchor = anchorOfSelection(editor)
    if (anchor) startThread(anchor, finding.message)
  }
  /** Open threads per project (0-based), from where their anchors are now; recomputed as the document or the threads change. */
  const threadCounts = createMemo(() => {
    model()
    const part = editor?.state.doc.lastChild
    if (!editor || !part) return [] as number[]
    const counts = Array<number>(part.childCount).fill(0)
    const partStart = editor.state.doc.content.size - part.nodeSize + 1
    for (const thread of threads()) {
      const range = thread.status === 'open' ? anchorRange(editor.state, thread) : null
      if (!range || range.from < partStart) continue
      let offset = partStart
      for (let i = 0; i < part.childCount; i++) {
        const size = part.child(i).nodeSize
        if (range.from < offset + size) {
          counts[i]!++
          break
        }
        offset += size
      }
    }
    return counts
  })
  const [statusRecord, setStatusRecord] = createSignal(statusRecordOf(connection.ydoc))
  const predecessorIn = () => typeof connection.ydoc.getMap('meta').get(META_KEY.predecessor) === 'string'
  const [hasPredecessor, setHasPredecessor] = createSignal(predecessorIn())
  // The server writes the status into meta; every replica hears it live.
  connection.ydoc.getMap('meta').observe(() => {
    setStatus(statusOf(connection.ydoc))
    setStatusRecord(statusRecordOf(connection.ydoc))
    setHasPredecessor(predecessorIn())
    refreshEditable()
  })
  const liveChecks = makeLiveChecks()

  const readOnlyReason = () =>
    computeReadOnlyReason({
      denied: connection.facts().denied,
      refusal: connection.refusal(),
      schemaVersion: schemaVersionOf(connection.ydoc),
      role: role(),
      status: status(),
    })
  const [suggesting, setSuggesting] = createSignal(false)
  const refreshEditable = () => {
    if (!editor) return
    // Reviewers always suggest; staff may switch suggestion mode on.
    ;(editor.storage as unknown as { suggestMode: { enabled: boolean } }).suggestMode.enabled = role() === 'reviewer' || suggesting()
    editor.setEditable(readOnlyReason() === '')
  }
  const toggleSuggesting = () => {
    setSuggesting(!suggesting())
    refreshEditable()
  }
  /** Whether one's edits are being tracked as suggestions: always for a reviewer, when switched on for staff. */
  const tracking = () => readOnlyReason() === '' && (role() === 'reviewer' || suggesting())
  const [finding, setFinding] = createSignal(false)
  const shortcuts = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey
    if (mod && !event.shiftKey && event.key.toLowerCase() === 'h') {
      event.preventDefault()
      setFinding(true)
    } else if (mod && event.shiftKey && event.key.toLowerCase() === 'e' && role() !== 'reviewer' && readOnlyReason() === '') {
      event.preventDefault()
      toggleSuggesting()
    }
  }
  document.addEventListener('keydown', shortcuts)
  onCleanup(() => document.removeEventListener('keydown', shortcuts))
  const [showingAuthors, setShowingAuthors] = createSignal(false)
  let authorshipTimer: ReturnType<typeof setInterval> | undefined
  const loadAuthorship = () =>
    api.authorship(props.docId).then(({ sessions, people }) => {
      if (!editor || !showingAuthors()) return
      const name = (login: string | null) => (login ? (people[login] ?? login) : T.system)
      showAuthorship(editor, { index: new AuthorIndex(sessions), describe: (a) => `${name(a.by)} · ${relativeTime(a.at)}` })
    }, (e: Error) => setNotice(e.message))
  const toggleAuthors = () => {
    const on = !showingAuthors()
    setShowingAuthors(on)
    clearInterval(authorshipTimer)
    if (!on) return editor && showAuthorship(editor, null)
    void loadAuthorship()
    authorshipTimer = setInterval(() => void loadAuthorship(), 60_000)
  }
  onCleanup(() => clearInterval(authorshipTimer))
  const [authors, setAuthors] = createSignal<string[]>([])
  const [authorFilter, setAuthorFilter] = createSignal('')
  /** 接受/拒绝修订: the selection's suggestions, or the one at the cursor — never all of them unasked. */
  const decide = (accept: boolean) => () => {
    if (!editor) return
    const { from, to, empty } = editor.state.selection
    const here = empty ? suggestionAt(editor.state, from) : null
    if (empty && !here) return setNotice(T.noSuggestionHere)
    const tr = decideSuggestions(editor.state, accept, {
      ...(here ? { id: here.id } : { range: { from, to } }),
      ...(authorFilter() ? { author: authorFilter() } : {}),
    })
    if (tr) editor.view.dispatch(tr)
    else setNotice(T.noSuggestionHere)
  }
  /** 全部接受/全部拒绝 (of the chosen author): asks first, saying how many. */
  /** 全部接受/拒绝 in the whole document, or in the project at the cursor (接受/拒绝本项目修订): asked first, saying how many. */
  const [decidingAll, setDecidingAll] = createSignal<{ accept: boolean; count: number; project?: { name: string; from: number; to: number } } | null>(null)
  const scopeFilter = (project?: { from: number; to: number }) => ({
    ...(authorFilter() ? { author: authorFilter() } : {}),
    ...(project ? { range: { from: project.from, to: project.to } } : {}),
  })
  const askAll = (accept: boolean, inProject = false) => () => {
    if (!editor) return
    const project = inProject ? projectAt(editor.state) : undefined
    if (inProject && !project) return setNotice(T.noProjectHere)
    setDecidingAll({ accept, count: countSuggestions(editor.state.doc, scopeFilter(project ?? undefined)), ...(project ? { project } : {}) })
  }
  const decideAll = () => {
    const asked = decidingAll()
    setDecidingAll(null)
    if (!editor || !asked) return
    const tr = decideSuggestions(editor.state, asked.accept, scopeFilter(asked.project))
    if (tr) editor.view.dispatch(tr)
  }

  // Until the document has content (from IndexedDB or the server) there is
  // nothing to bind to: an editor on an empty fragment would write a second,
  // empty document into it.
  const hasContent = () => contentOf(connection.ydoc).length > 0
  const start = () => {
    if (editor || !hasContent()) return
    editor = makeEditor({
      element: host,
      ydoc: connection.ydoc,
      provider: connection.provider,
      user: { name: user.displayName, color: userColor(user.name) },
      userName: user.name,
      editable: false,
      onActivateThread: activateThread,
    })
    refreshEditable()
    let timer: ReturnType<typeof setTimeout> | undefined
    const derive = () => {
      setModel(deriveModel(editor!.getJSON() as NodeJSON))
      setAuthors(suggestionAuthors(editor!.state.doc))
      setFindings(liveChecks(editor!))
    }
    editor.on('update', () => {
      clearTimeout(timer)
      timer = setTimeout(derive, 150)
    })
    derive()
    setReady(true)
  }

  onMount(() => {
    void connection.whenLocal.then(() => {
      start()
      if (!hasContent() && !navigator.onLine) setNotice(T.notAvailableOffline)
    })
    connection.provider.on('sync', (synced: boolean) => {
      if (synced) {
        setNotice('')
        start()
        refreshEditable()
      }
    })
    const awareness = connection.provider.awareness
    const onAwareness = () =>
      setPeople(
        [...awareness.getStates()].flatMap(([clientId, state]) => {
          const u = (state as { user?: { name?: string; color?: string } }).user
          return u?.name ? [{ clientId, name: u.name, color: u.color ?? '#888' }] : []
        }),
      )
    awareness.on('change', onAwareness)
    void api
      .documents()
      .then(({ documents }) => {
        const mine = documents.find((d) => d.id === props.docId)
        if (mine) {
          rememberRole(props.docId, mine.role)
          setRole(mine.role)
          refreshEditable()
        }
      })
      .catch(() => {}) // offline: keep the remembered role
  })
  onCleanup(() => editor?.destroy())

  const run = (command: Command) => () => {
    if (!editor || !editor.isEditable) return
    editor.chain().focus().command(({ state, dispatch }) => command(state, dispatch)).run()
  }
  /** 删除项目 asks first, naming the project. */
  const [deletingProject, setDeletingProject] = createSignal<string | null>(null)
  const importProjects = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    api.importProjects(props.docId, file).then(({ added }) => setNotice(T.projectsImported(added)), (e: Error) => setNotice(e.message))
  }
  const removeProject = () => setDeletingProject(model()?.projects.find((_, i) => isInProject(i))?.name ?? '')
  const isInProject = (index: number) => {
    const el = document.querySelectorAll('section[data-node="project"]')[index]
    const at = editor?.view.domAtPos(editor.state.selection.from).node
    return !!el && !!at && el.contains(at)
  }
  const countFor = (project: number) => findings().filter((f) => f.project === project && f.severity !== 'info').length
  const worstFor = (project: number) => (findings().some((f) => f.project === project && f.severity === 'error') ? 'error' : 'warning')
  const goTo = (section: string) => document.querySelector(`[data-node="${section}"]`)?.scrollIntoView({ behavior: 'smooth' })
  const goToProject = (index: number) => document.querySelectorAll('section[data-node="project"]')[index]?.scrollIntoView({ behavior: 'smooth' })

  return (
    <div class="editor-page" classList={{ tracking: tracking() }}>
      <div class="bars">
      <header class="toolbar">
        <button onClick={() => navigate('#/')}>{T.back}</button>
        <span class={`sync-status ${syncState(connection.facts())}`} data-testid="sync-status">
          {syncLabel(connection.facts())}
        </span>
        <span class="doc-status" data-testid="doc-status">{status()}</span>
        <WorkflowActions
          docId={props.docId}
          status={status()}
          role={role()}
          {...(role() === 'reviewer' ? { draftNote: opinionDraft.text(), onDone: () => opinionDraft.save('') } : {})}
        />
        <span class="people">
          <For each={people()}>{(p) => <span class="avatar" style={{ 'background-color': p.color }} title={p.name}>{p.name.slice(0, 1)}</span>}</For>
        </span>
        <span class="spacer" />
        <Bell />
        <Show when={tracking()}>
          <span class="track-badge" data-testid="track-badge" title={T.trackingHint}>{T.tracking}</span>
        </Show>
      </header>
      <nav class="ribbon" aria-label={T.toolbar}>
        <div class="tool-group" role="group" aria-label={T.groupFile}>
          <span class="group-label">{T.groupFile}</span>
          <details class="menu" data-testid="export-menu">
            <summary class="button">{T.exportMenu}</summary>
            <div class="menu-items">
              <For each={exportFormats()}>
                {(format) => (
                  <>
                    <a href={api.exportUrl(props.docId, format.id)} download="">{format.label}（.{format.extensions[0]}）</a>
                    <Show when={format.tracksChanges}>
                      <a href={api.exportUrl(props.docId, format.id, true)} download="">{T.withTrackedChanges(format.label)}</a>
                    </Show>
                  </>
                )}
              </For>
            </div>
          </details>
          <button onClick={() => window.print()} title="Ctrl+P">{T.print}</button>
        </div>
        <Show when={readOnlyReason() === ''}>
          <div class="tool-group" role="group" aria-label={T.groupEdit}>
            <span class="group-label">{T.groupEdit}</span>
            <button onClick={() => editor?.commands.undo()} title="Ctrl+Z">{T.undo}</button>
            <button onClick={() => editor?.commands.redo()} title="Ctrl+Y / Ctrl+Shift+Z">{T.redo}</button>
            <button classList={{ active: finding() }} onClick={() => setFinding(!finding())} title="Ctrl+H" data-testid="toggle-find">{T.findReplace}</button>
          </div>
          <div class="tool-group" role="group" aria-label={T.groupTable}>
            <span class="group-label">{T.groupTable}</span>
            {/* In suggestion mode adding and deleting rows become proposals; moving cannot be proposed. */}
            <button onClick={run(addIndicator)} title="Enter">{T.addIndicator}</button>
            <button onClick={run(deleteIndicator)}>{T.deleteIndicator}</button>
            <Show when={role() !== 'reviewer' && !suggesting()}>
              <button onClick={run(moveIndicator(-1))}>{T.moveUp}</button>
              <button onClick={run(moveIndicator(1))}>{T.moveDown}</button>
            </Show>
            <button onClick={run(addProject)}>{T.addProject}</button>
            <Show when={role() !== 'reviewer' && !suggesting()}>
              <button onClick={run(moveProject(-1))}>{T.moveProjectUp}</button>
              <button onClick={run(moveProject(1))}>{T.moveProjectDown}</button>
            </Show>
            <button onClick={removeProject}>{T.deleteProject}</button>
            <Show when={role() === 'editor' && !suggesting()}>
              <label class="button" title={T.importProjectsHint}>
                {T.importProjects}
                <input type="file" accept={importFormats().flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',')} hidden onChange={importProjects} />
              </label>
            </Show>
          </div>
        </Show>
        <div class="tool-group" role="group" aria-label={T.groupReview}>
          <span class="group-label">{T.groupReview}</span>
          <Show when={readOnlyReason() === '' && role() !== 'reviewer'}>
            <button classList={{ active: suggesting() }} onClick={toggleSuggesting} aria-pressed={suggesting()} title="Ctrl+Shift+E">{T.suggestMode}</button>
            <Show when={authors().length > 0}>
              <select aria-label={T.suggestionAuthor} value={authorFilter()} onChange={(e) => setAuthorFilter(e.currentTarget.value)}>
                <option value="">{T.allAuthors}</option>
                <For each={authors()}>{(a) => <option value={a}>{names.nameOf(a)}</option>}</For>
              </select>
              <button onClick={decide(true)} title={T.decideHint}>{T.accept}</button>
              <button onClick={decide(false)} title={T.decideHint}>{T.reject}</button>
              <button onClick={askAll(true)}>{T.acceptAll}</button>
              <button onClick={askAll(false)}>{T.rejectAll}</button>
              <button onClick={askAll(true, true)}>{T.acceptProject}</button>
              <button onClick={askAll(false, true)}>{T.rejectProject}</button>
            </Show>
          </Show>
          <Show when={canComment()}>
            <button onClick={addComment}>{T.addComment}</button>
          </Show>
          <button classList={{ active: showingAuthors() }} onClick={toggleAuthors} aria-pressed={showingAuthors()} data-testid="toggle-authors">{T.showAuthors}</button>
        </div>
      </nav>
      <Show when={finding()}>
        <FindBar editor={() => editor ?? null} onClose={() => setFinding(false)} />
      </Show>
      </div>
      <Show when={composing()}>
        {(anchor) => (
          <form class="comment-composer" data-testid="comment-composer" onSubmit={submitComment}>
            <label>
              {T.commentOn(anchor().quote.slice(0, 40))}
              <textarea value={commentText()} onInput={(e) => setCommentText(e.currentTarget.value)} rows={3} autofocus aria-label={T.addComment} />
              <MentionHints text={commentText()} namesStarting={names.namesStarting} onPick={setCommentText} />
            </label>
            <button type="submit" disabled={commentText().trim() === ''}>{T.addComment}</button>
            <button type="button" onClick={() => setComposing(null)}>{T.cancel}</button>
          </form>
        )}
      </Show>
      <Show when={deletingProject() !== null}>
        <p class="confirm-bar" role="alertdialog" data-testid="confirm-delete-project">
          {T.confirmDeleteProject(deletingProject()!)}
          <button onClick={() => { setDeletingProject(null); run(deleteProject)() }}>{T.deleteProject}</button>
          <button onClick={() => setDeletingProject(null)}>{T.cancel}</button>
        </p>
      </Show>
      <Show when={decidingAll()}>
        {(asked) => (
          <p class="confirm-bar" role="alertdialog" data-testid="confirm-all">
            {T.confirmAll(asked().accept, asked().count, authorFilter() ? names.nameOf(authorFilter()) : '', asked().project?.name)}
            <button onClick={decideAll} disabled={asked().count === 0}>{asked().accept ? T.acceptAll : T.rejectAll}</button>
            <button onClick={() => setDecidingAll(null)}>{T.cancel}</button>
          </p>
        )}
      </Show>
      <Show when={readOnlyReason() || notice()}>
        <p class="notice" role="status">{readOnlyReason() || notice()}</p>
      </Show>
      <Show when={deadline()}>
        {(d) => <p class="deadline" classList={{ overdue: d().overdue }} data-testid="deadline">{T.deadline(d().dueAt, d().overdue)}</p>}
      </Show>
      <Show when={statusRecord()?.value === STATUS.returned && statusRecord()?.note}>
        <p class="return-note" data-testid="return-note">
          <strong>{T.returnNote(statusRecord()!.by, new Date(statusRecord()!.at).toLocaleString('zh-CN'))}</strong>
          {statusRecord()!.note}
        </p>
      </Show>
      <LocalDraftsPanel
        docId={props.docId}
        ydoc={connection.ydoc}
        version={model}
        synced={() => connection.facts().serverSynced}
        author={user.name}
        mayRestore={() => ready() && readOnlyReason() === ''}
      />
      <div class="workspace">
        <nav class="outline">
          <h2>{T.outline}</h2>
          <Show when={model()}>
            {(m) => (
              <>
                <ul class="sections">
                  <li><a href="#" onClick={(e) => { e.preventDefault(); goTo('goalsSection') }}>{T.goals}</a></li>
                  <li><a href="#" onClick={(e) => { e.preventDefault(); goTo('subGoalsSection') }}>{T.subGoals}</a></li>
                  <li><a href="#" onClick={(e) => { e.preventDefault(); goTo('safeguardsSection') }}>{T.safeguards}</a></li>
                </ul>
                <p class="total" data-testid="department-total">{T.departmentTotal(departmentTotal(m()).toFixed(2))}</p>
                <ol>
                  <For each={m().projects}>
                    {(p, i) => (
                      <li>
                        <a href="#" onClick={(e) => { e.preventDefault(); goToProject(i()) }}>{T.project(i() + 1, p.name)}</a>
                        <Show when={(threadCounts()[i()] ?? 0) > 0}>
                          <span class="count comments" title={T.comments}>{threadCounts()[i()]}</span>
                        </Show>
                        <Show when={countFor(i() + 1) > 0}>
                          <span class={`count ${worstFor(i() + 1)}`} title={T.checks}>{countFor(i() + 1)}</span>
                        </Show>
                        <span class="amount">{p.budget.total?.toFixed(2) ?? '—'}</span>
                      </li>
                    )}
                  </For>
                </ol>
              </>
            )}
          </Show>
        </nav>
        <article class="document" classList={{ loading: !ready() }} ref={host} onMouseOver={describeSuggestion} />
        <aside class="side">
        <ThreadsPanel
          threads={threads()}
          // Read through the signals that change with the document, so anchors are resolved again once the
          // editor exists and whenever its text changes (resolved before the first sync, every thread looked detached).
          editor={() => (ready(), model(), editor)}
          ydoc={connection.ydoc}
          userName={user.name}
          active={activeThread()}
          canComment={canComment()}
          onActivate={setActiveThread}
          nameOf={names.nameOf}
        />
        <Show when={role() === 'reviewer'}>
          <ReviewOpinionPanel model={model() ?? null} findings={findings()} draft={opinionDraft} />
        </Show>
        <HistoryPanel docId={props.docId} status={status()} hasPredecessor={hasPredecessor()} canSave={role() === 'editor'} canRestore={role() === 'editor' && mayEditDirectly(status())} onJump={(place) => editor && revealPlace(editor, place)} />
        <section class="checks" data-testid="checks">
          <h2>{T.checks}（{T.findingCounts(findings())}）</h2>
          {/* Grouped by place — Part 1, then each project — errors first within each. */}
          <For each={findingGroups(findings(), model()?.projects.map((p) => p.name) ?? [])}>
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
                        <a href="#" onClick={(e) => { e.preventDefault(); if (editor) revealPlace(editor, f) }}>
                          <Show when={f.indicator !== null}><span class="where">{T.rowNumber(f.indicator!)}</span></Show>
                          {f.message}
                        </a>
                        <Show when={canComment()}>
                          <button class="small" onClick={() => findingToComment(f)}>{T.findingToComment}</button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </details>
            )}
          </For>
        </section>
        </aside>
      </div>
    </div>
  )
}
