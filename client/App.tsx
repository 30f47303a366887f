/**
 * The app: one page per route (`router.ts`).
 */
import { createEffect, lazy, Match, Switch } from 'solid-js'
import { createRoute } from './router'
import { rememberedUser } from './session'
import { discardEarlySocket, openSocketEarly } from './sync/early-socket'

// Each page is a chunk of its own, loaded when its route is shown: a document opened from a link waits for
// the editor alone (Tiptap, Yjs), not for the list, the dashboard or the admin pages, and the list comes
// without the editor. The service worker keeps every one of them (shell.json), so all open offline.
const LoginPage = lazy(() => import('./pages/LoginPage').then((m) => ({ default: m.LoginPage })))
const DocumentListPage = lazy(() => import('./pages/DocumentListPage').then((m) => ({ default: m.DocumentListPage })))
const AccountPage = lazy(() => import('./pages/AccountPage').then((m) => ({ default: m.AccountPage })))
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })))
const QueuePage = lazy(() => import('./pages/QueuePage').then((m) => ({ default: m.QueuePage })))
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })))
const EditorPage = lazy(() => import('./document/EditorPage').then((m) => ({ default: m.EditorPage })))

export function App() {
  // Logged in on this browser is who is remembered here (`session.ts`): after 退出, offline too, nobody is.
  const route = createRoute(() => rememberedUser() !== null)
  const docId = () => {
    const now = route()
    return now.page === 'doc' ? now.id : null
  }
  // The document's local copy and its server connection start now, beside the editor's chunk, not after it
  // (and one opened early for a document left before its page came is closed).
  let openedEarly = false
  createEffect(() => {
    const id = docId()
    if (id === null && !openedEarly) return
    openedEarly = true
    // The socket first, from this chunk: the server loads the document while the browser loads the editor.
    if (id === null) discardEarlySocket()
    else openSocketEarly(id)
    void import('./sync/doc-connection').then((m) => m.openEarly(id))
  })
  return (
    <Switch>
      <Match when={route().page === 'login'}>
        <LoginPage />
      </Match>
      <Match when={route().page === 'dashboard'}>
        <DashboardPage />
      </Match>
      <Match when={route().page === 'queue'}>
        <QueuePage />
      </Match>
      <Match when={route().page === 'account'}>
        <AccountPage />
      </Match>
      <Match when={route().page === 'admin'}>
        <AdminPage />
      </Match>
      <Match when={route().page === 'list'}>
        <DocumentListPage />
      </Match>
      <Match when={docId()} keyed>
        {(id) => <EditorPage docId={id} />}
      </Match>
    </Switch>
  )
}
