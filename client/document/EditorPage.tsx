/**
 * One document open for editing: the session (`document-session.ts`)
 * and the parts of the page around the document — the workflow bar, the
 * ribbon, the outline, the threads, the review opinion, the history and
 * the checks.
 */
import { mayEditDirectly } from '@shared/review/workflow'
import { createEffect, lazy, onCleanup, Show } from 'solid-js'
import { revealPlace } from '../editor/place'
import { undoManagerOf } from '../editor/undo-step'
import { countSuggestions, suggestionAuthors } from '../editor/suggest-mode'
import { relativeTime } from '../i18n/relative-time'
import { T } from '../i18n/zh-CN'
import { navigate, toLogin } from '../router'
import { rememberedUser } from '../session'
import { ChecksPanel } from './ChecksPanel'
import { CommentComposer } from './CommentComposer'
import { createCommentDrafts } from './comment-drafts'
import { createDocumentSession, type DocumentSession } from './document-session'
import { LocalDraftsPanel } from './LocalDraftsPanel'
import { Outline } from './Outline'
import { createPeople } from './people'
import { SuggestionCard } from './SuggestionCard'
import { PasteBar } from './PasteBar'
import { createOpinionDraft } from './opinion-draft'
import { createSuggestionReview } from './suggestion-review'
import { ThreadsPanel } from './ThreadsPanel'
import { createThreadsLayout } from './threads-layout'
import { Toolbar } from './Toolbar'
import { WorkflowBar, WorkflowNotices } from './WorkflowBar'

// Chunks of their own, beside the editor's rather than in it: the history (versions, comparison, activity)
// and the reviewer's opinion (with its drafting rules) are not what the first screen waits for.
const HistoryPanel = lazy(() => import('./HistoryPanel').then((m) => ({ default: m.HistoryPanel })))
const ReviewOpinionPanel = lazy(() => import('./ReviewOpinionPanel').then((m) => ({ default: m.ReviewOpinionPanel })))

export function EditorPage(props: { docId: string }) {
  const user = rememberedUser()
  if (!user) {
    toLogin({ page: 'doc', id: props.docId })
    return null
  }
  const session = createDocumentSession(props.docId, user)
  return <DocumentPage session={session} />
}

function DocumentPage(props: { session: DocumentSession }) {
  const s = props.session
  const names = createPeople(s.docId)
  const review = createSuggestionReview(s)
  const comments = createCommentDrafts(s)
  const opinion = createOpinionDraft(s.docId, () => s.access.role() === 'reviewer', () => s.connection.facts().serverSynced)
  const layout = createThreadsLayout()
  createEffect(() => {
    const m = s.reading.model()
    document.title = T.tabTitle(m ? [m.title, m.year ? `${m.year}年` : ''].filter(Boolean).join(' ') : '')
  })
  onCleanup(() => (document.title = T.tabTitle('')))
  /** No access (not allowed, not found, logged out): a plain page saying so, not the editor's chrome around nothing. */
  const denied = () => s.connection.facts().denied
  const threads = () => (
    <ThreadsPanel
      threads={s.threads.list()}
      // Read through the model, so anchors are resolved again whenever the text changes.
      editor={() => (s.reading.model(), s.editor())}
      ydoc={s.connection.ydoc}
      userName={s.user.name}
      active={s.threads.active()}
      canComment={s.access.canComment()}
      onActivate={s.threads.activate}
      nameOf={names.nameOf}
      beside={layout.beside()}
      onToggleLayout={layout.toggle}
    />
  )

  /** A suggestion's author and time on hover, by name (the marks store the login). */
  const describeSuggestion = (event: MouseEvent) => {
    const el = (event.target as HTMLElement).closest<HTMLElement>('[data-insertion],[data-deletion],[data-suggestion]')
    if (!el) return
    const raw = el.dataset.insertion ?? el.dataset.deletion ?? el.dataset.suggestion
    const kind = el.dataset.insertion !== undefined ? T.suggestionKind.insert : el.dataset.deletion !== undefined ? T.suggestionKind.delete : T.suggestedRow
    try {
      const info = JSON.parse(raw ?? '') as { author?: string; time?: number }
      if (info.author) el.title = `${names.nameOf(info.author)} · ${info.time ? relativeTime(info.time) : ''} ${kind}`
    } catch {
      // not a suggestion's JSON: leave the title alone
    }
  }

  /**
   * Whether the document is here (from IndexedDB or the server): until it is, nothing of it is shown — no toolbar,
   * no counts of findings or comments (0 错误 would read as a clean document), no history or opinion. A document
   * never opened on this PC, opened offline, stays so, with the session's notice saying why.
   */
  const loaded = () => s.editor() !== null

  /** The toolbar wraps to one or two rows with the window's width: the side columns stick just below it. */
  const trackHeight = (bars: HTMLElement) => {
    const measured = new ResizeObserver(() => bars.parentElement?.style.setProperty('--bars-height', `${bars.offsetHeight}px`))
    measured.observe(bars)
    onCleanup(() => measured.disconnect())
  }

  return (
    <div class="editor-page" classList={{ tracking: s.access.tracking(), denied: denied() !== null }}>
      <Show when={denied()}>
        {(why) => (
          <section class="no-access" role="alert" data-testid="no-access">
            <h1>{T.status.denied}</h1>
            <p>{T.deniedReason[why()]}</p>
            <button onClick={() => (why() === 'unauthenticated' ? toLogin({ page: 'doc', id: s.docId }) : navigate('#/'))}>{why() === 'unauthenticated' ? T.login : T.backToList}</button>
          </section>
        )}
      </Show>
      <div class="bars" ref={trackHeight}>
        <WorkflowBar session={s} opinion={opinion} />
        <Show when={loaded()}>
          <Toolbar session={s} review={review} comments={comments} nameOf={names.nameOf} />
          <PasteBar session={s} />
        </Show>
        {/* With the bars, which stay on screen: a refusal said at the top of a long document would be out of sight. */}
        {/* Both when both: after a refusal of an offline edit to a submitted document, why it is read-only and where the edit went. */}
        <Show when={s.access.readOnlyReason() || s.notice()}>
          <p class="notice" role="status">{[s.access.readOnlyReason(), s.notice()].filter(Boolean).join('；')}</p>
        </Show>
      </div>
      <CommentComposer drafts={comments} namesStarting={names.namesStarting} />
      <Show when={loaded()}>
        <WorkflowNotices session={s} nameOf={names.nameOf} />
      </Show>
      <LocalDraftsPanel
        docId={s.docId}
        ydoc={s.connection.ydoc}
        version={s.reading.model}
        synced={() => s.connection.facts().serverSynced}
        author={s.user.name}
        mayRestore={() => loaded() && s.access.readOnlyReason() === ''}
        nameOf={names.nameOf}
        onSettled={s.settleRefusal}
      />
      <div class="workspace" classList={{ beside: layout.beside() }}>
        <Show when={loaded()}>
          <Outline session={s} />
        </Show>
        <article class="document" classList={{ loading: !loaded() }} ref={(host) => s.mount(host)} onMouseOver={describeSuggestion} />
        <Show when={loaded() && layout.beside()}>{threads()}</Show>
        <Show when={loaded()}>
          <aside class="side">
            <SuggestionCard session={s} review={review} nameOf={names.nameOf} />
            <Show when={!layout.beside()}>{threads()}</Show>
            <Show when={s.access.role() === 'reviewer'}>
              <ReviewOpinionPanel model={s.reading.model()} findings={s.reading.findings()} unrun={s.lastYearUnread()} draft={opinion} />
            </Show>
            <HistoryPanel
              docId={s.docId}
              status={s.workflow.status()}
              statusRecord={s.workflow.record()}
              hasPredecessor={s.workflow.hasPredecessor()}
              serverSynced={s.connection.facts().serverSynced}
              canSave={s.access.role() === 'editor'}
              canRestore={s.access.role() === 'editor' && mayEditDirectly(s.workflow.status())}
              pendingSuggestions={() => {
                const doc = s.editor()?.state.doc
                return doc ? { count: countSuggestions(doc), authors: suggestionAuthors(doc).map(names.nameOf) } : { count: 0, authors: [] }
              }}
              onJump={(place) => {
                const editor = s.editor()
                if (editor) revealPlace(editor, place)
              }}
              onRestored={() => {
                const editor = s.editor()
                if (editor) undoManagerOf(editor.state)?.clear()
              }}
            />
            <ChecksPanel session={s} onComment={comments.fromFinding} commented={(finding) => !!comments.threadOfFinding(finding)} />
          </aside>
        </Show>
      </div>
    </div>
  )
}
