/**
 * The ribbon, grouped as Word users know it (文件 / 编辑 / 表格 / 审阅), with
 * each group offered only to who may use it, its shortcuts, the find bar,
 * and the questions asked before a change that is hard to see (删除项目,
 * 全部接受/拒绝).
 */
import type { Command } from '@tiptap/pm/state'
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js'
import { AuthorIndex } from '@shared/history/authorship'
import { STATUS } from '@shared/review/workflow'
import { api, download } from '../api/http'
import { showAuthorship } from '../editor/authorship-view'
import { undoKeysOutsideEditor } from '../editor/native-undo'
import { undoManagerOf, watchDepth } from '../editor/undo-step'
import { carriesTargets } from '@shared/review/carried-cells'
import { addIndicator, addProject, deleteIndicator, deleteProject, moveIndicator, moveProject, projectAt } from '../editor/row-commands'
import { T } from '../i18n/zh-CN'
import { changeAttribution } from '../i18n/change-attribution'
import { CommentIcon, ExportIcon, FindIcon, PrintIcon, RedoIcon, TrackIcon, UndoIcon } from '../pages/icons'
import type { CommentDrafts } from './comment-drafts'
import type { DocumentSession } from './document-session'
import { FindBar } from './FindBar'
import { createPrinting } from './printing'
import type { SuggestionReview } from './suggestion-review'

export function Toolbar(props: { session: DocumentSession; review: SuggestionReview; comments: CommentDrafts; nameOf: (login: string) => string }) {
  const s = props.session
  const review = props.review
  const editable = () => s.access.readOnlyReason() === ''
  /** Moving rows cannot be proposed: offered only to those who edit directly. */
  const editsDirectly = () => s.access.role() !== 'reviewer' && !s.access.suggesting()
  const printing = createPrinting(s.editor, props.nameOf, s.facts)
  // The formats' list comes with their readers (the registry): a chunk of its own, loaded once the document is
  // there, not before the first screen.
  const [formats] = createResource(() => s.editor() !== null || null, () => import('@shared/formats/registry'))
  const exportFormats = () => formats()?.exportFormats() ?? []
  const importFormats = () => formats()?.importFormats() ?? []

  const run = (command: Command) => () => {
    const editor = s.editor()
    if (!editor || !editor.isEditable) return
    editor.chain().focus().command(({ state, dispatch }) => command(state, dispatch)).run()
  }

  const [finding, setFinding] = createSignal(false)
  /** Each Ctrl+F / Ctrl+H: the bar's search field takes the keys, already open or not. */
  const [findAsked, setFindAsked] = createSignal(0)
  const shortcuts = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey
    // Ctrl+F too: in a long document the tables far from the window are not drawn, so the browser's own find would miss them.
    if (mod && !event.shiftKey && (event.key.toLowerCase() === 'h' || event.key.toLowerCase() === 'f')) {
      event.preventDefault()
      setFinding(true)
      setFindAsked((n) => n + 1)
    } else if (mod && event.shiftKey && event.key.toLowerCase() === 'e' && s.access.role() !== 'reviewer' && editable()) {
      event.preventDefault()
      s.access.toggleSuggesting()
    }
  }
  document.addEventListener('keydown', shortcuts)
  onCleanup(() => document.removeEventListener('keydown', shortcuts))
  // Ctrl+Z on a button beside the editor (the card's 接受, the toolbar's) undoes in the editor, not in the browser's history.
  const undoKeys = undoKeysOutsideEditor(s.editor)
  document.addEventListener('keydown', undoKeys)
  onCleanup(() => document.removeEventListener('keydown', undoKeys))

  /** 撤销 and 重做 greyed when there is nothing to take back or to do again (after a reload, or a refused step). */
  const [depth, setDepth] = createSignal({ undo: false, redo: false })
  createEffect(() => {
    const editor = s.editor()
    const undoManager = editor && undoManagerOf(editor.state)
    if (undoManager) onCleanup(watchDepth(undoManager, setDepth))
  })

  // Why the last export was refused, while it is said: a download that then works takes it back.
  let exportRefusal = ''
  const settleExportRefusal = () => {
    if (exportRefusal && s.notice() === exportRefusal) s.say('')
  }

  /** 显示作者: who wrote what, refreshed each minute while shown. */
  const [showingAuthors, setShowingAuthors] = createSignal(false)
  let authorshipTimer: ReturnType<typeof setInterval> | undefined
  const loadAuthorship = () =>
    api.authorship(s.docId).then(({ sessions, people }) => {
      const editor = s.editor()
      if (!editor || !showingAuthors()) return
      showAuthorship(editor, { index: new AuthorIndex(sessions), describe: (a) => changeAttribution(people, a) })
    }, (e: Error) => s.say(e.message))
  const toggleAuthors = () => {
    const on = !showingAuthors()
    setShowingAuthors(on)
    clearInterval(authorshipTimer)
    const editor = s.editor()
    if (!on) return editor && showAuthorship(editor, null)
    void loadAuthorship()
    authorshipTimer = setInterval(() => void loadAuthorship(), 60_000)
  }
  onCleanup(() => clearInterval(authorshipTimer))

  /** 删除项目 asks first, naming the project. */
  const [deletingProject, setDeletingProject] = createSignal<string | null>(null)
  const askDeleteProject = () => {
    const editor = s.editor()
    const project = editor ? projectAt(editor.state) : null
    if (!project) return s.say(T.noProjectHere)
    setDeletingProject(project.name)
  }
  const importProjects = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    // A warning (a form of another year) is said with the result, not instead of it.
    api.importProjects(s.docId, file).then(
      ({ added, warnings, noted }) => s.say([T.projectsImported(added), ...(noted > 0 ? [T.importUnread(warnings.slice(0, noted))] : []), ...warnings.slice(noted)].join('；')),
      (e: Error) => s.say(e.message),
    )
  }

  return (
    <>
      <nav class="ribbon" aria-label={T.toolbar}>
        <div class="tool-group" role="group" aria-label={T.groupFile}>
          <span class="group-label">{T.groupFile}</span>
          <details class="menu" data-testid="export-menu">
            <summary class="button"><ExportIcon />{T.exportMenu}</summary>
            {/* A download leaves the page where it is: the menu closes as a chosen menu does. */}
            <div class="menu-items" onClick={(e) => { if ((e.target as HTMLElement).closest('a')) e.currentTarget.closest('details')!.open = false }}>
              <For each={exportFormats()}>
                {(format) => (
                  <>
                    <a href={api.exportUrl(s.docId, format.id)} download="">{format.label}（.{format.extensions[0]}）</a>
                    <Show when={format.tracksChanges}>
                      <a href={api.exportUrl(s.docId, format.id, true)} download="">{T.withTrackedChanges(format.label)}</a>
                    </Show>
                    <Show when={format.carriesOpinion && (s.access.role() === 'reviewer' || s.workflow.status() === STATUS.returned || s.workflow.status() === STATUS.approved)}>
                      {/* The one export the server refuses in the ordinary course (no 审核意见 yet): fetched, so the page can say why. */}
                      <a href={api.exportUrl(s.docId, format.id, false, true)} download="" onClick={(e) => {
                        e.preventDefault()
                        download(e.currentTarget.href).then(settleExportRefusal, (error: Error) => s.say((exportRefusal = error.message)))
                      }}>{T.withOpinion(format.label)}</a>
                    </Show>
                  </>
                )}
              </For>
            </div>
          </details>
          <details class="menu" data-testid="print-menu">
            <summary class="button" title="Ctrl+P"><PrintIcon />{T.print}</summary>
            <div class="menu-items">
              <button onClick={(e) => { e.currentTarget.closest('details')!.open = false; printing.print(false) }}>{T.printClean}</button>
              <button onClick={(e) => { e.currentTarget.closest('details')!.open = false; printing.print(true) }}>{T.printTracked}</button>
            </div>
          </details>
        </div>
        <Show when={editable()}>
          <div class="tool-group" role="group" aria-label={T.groupEdit}>
            <span class="group-label">{T.groupEdit}</span>
            <button onClick={() => s.editor()?.commands.undo()} disabled={!depth().undo} title="Ctrl+Z"><UndoIcon />{T.undo}</button>
            <button onClick={() => s.editor()?.commands.redo()} disabled={!depth().redo} title="Ctrl+Y / Ctrl+Shift+Z"><RedoIcon />{T.redo}</button>
            <button classList={{ active: finding() }} onClick={() => setFinding(!finding())} title="Ctrl+H" data-testid="toggle-find"><FindIcon />{T.findReplace}</button>
          </div>
          {/* A 监控 or 自评 carries its targets' rows and projects as approved: nothing here could change them. (The model is the reactive reading of the kind; meta is read once, maybe before it arrives.) */}
          <Show when={!carriesTargets(s.reading.model()?.kind ?? s.facts().kind)}>
            <div class="tool-group" role="group" aria-label={T.groupTable}>
              <span class="group-label">{T.groupTable}</span>
              {/* In suggestion mode adding and deleting rows become proposals. */}
              <button onClick={run(addIndicator)} title="Enter">{T.addIndicator}</button>
              <button onClick={run(deleteIndicator)}>{T.deleteIndicator}</button>
              <Show when={editsDirectly()}>
                <button onClick={run(moveIndicator(-1))}>{T.moveUp}</button>
                <button onClick={run(moveIndicator(1))}>{T.moveDown}</button>
              </Show>
              <button onClick={run(addProject)}>{T.addProject}</button>
              <Show when={editsDirectly()}>
                <button onClick={run(moveProject(-1))}>{T.moveProjectUp}</button>
                <button onClick={run(moveProject(1))}>{T.moveProjectDown}</button>
              </Show>
              <button onClick={askDeleteProject}>{T.deleteProject}</button>
              <Show when={s.access.role() === 'editor' && !s.access.suggesting()}>
                <label class="button" title={T.importProjectsHint}>
                  {T.importProjects}
                  <input type="file" accept={importFormats().flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',')} onChange={importProjects} />
                </label>
              </Show>
            </div>
          </Show>
        </Show>
        <div class="tool-group" role="group" aria-label={T.groupReview}>
          <span class="group-label">{T.groupReview}</span>
          <Show when={editable() && s.access.role() !== 'reviewer'}>
            <button classList={{ active: s.access.suggesting() }} onClick={() => s.access.toggleSuggesting()} aria-pressed={s.access.suggesting()} title="Ctrl+Shift+E"><TrackIcon />{T.suggestMode}</button>
            <Show when={s.reading.suggestionAuthors().length > 0}>
              <select aria-label={T.suggestionAuthor} value={review.authorFilter()} onChange={(e) => review.setAuthorFilter(e.currentTarget.value)}>
                <option value="">{T.allAuthors}</option>
                <For each={s.reading.suggestionAuthors()}>{(a) => <option value={a}>{props.nameOf(a)}</option>}</For>
              </select>
              <button onClick={() => review.decideHere(true)} title={T.decideHint}>{T.accept}</button>
              <button onClick={() => review.decideHere(false)} title={T.decideHint}>{T.reject}</button>
              <button onClick={() => review.askAll(true)}>{T.acceptAll}</button>
              <button onClick={() => review.askAll(false)}>{T.rejectAll}</button>
              <button onClick={() => review.askAll(true, true)}>{T.acceptProject}</button>
              <button onClick={() => review.askAll(false, true)}>{T.rejectProject}</button>
            </Show>
          </Show>
          <Show when={s.access.canComment()}>
            <button onClick={() => props.comments.open()}><CommentIcon />{T.addComment}</button>
          </Show>
          <button classList={{ active: showingAuthors() }} onClick={toggleAuthors} aria-pressed={showingAuthors()} data-testid="toggle-authors">{T.showAuthors}</button>
        </div>
      </nav>
      <Show when={finding()}>
        <FindBar editor={() => s.editor()} onClose={() => setFinding(false)} asked={findAsked} mayReplace={() => s.access.readOnlyReason() === ''} />
      </Show>
      <Show when={deletingProject() !== null}>
        <p class="confirm-bar" role="alertdialog" data-testid="confirm-delete-project">
          {T.confirmDeleteProject(deletingProject()!)}
          <button onClick={() => { setDeletingProject(null); run(deleteProject)() }}>{T.deleteProject}</button>
          <button onClick={() => setDeletingProject(null)}>{T.cancel}</button>
        </p>
      </Show>
      <Show when={review.pending()}>
        {(asked) => (
          <p class="confirm-bar" role="alertdialog" data-testid="confirm-all">
            {T.confirmAll(asked().accept, asked().count, review.authorFilter() ? props.nameOf(review.authorFilter()) : '', asked().project?.name)}
            <button onClick={() => review.confirm()} disabled={asked().count === 0}>{T.confirmDecide(asked().accept, asked().count)}</button>
            <button onClick={() => review.cancel()}>{T.cancel}</button>
          </p>
        )}
      </Show>
    </>
  )
}
