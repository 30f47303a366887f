/**
 * The app: one page per route (`router.ts`).
 */
import { createEffect, lazy, Match, Switch } from 'solid-js'
import { DocumentListPage } from './pages/DocumentListPage'
import { LoginPage } from './pages/LoginPage'
import { AccountPage } from './pages/AccountPage'
import { AdminPage } from './pages/AdminPage'
import { QueuePage } from './pages/QueuePage'
import { DashboardPage } from './pages/DashboardPage'
import { createRoute } from './router'
import { discardEarlySocket, openSocketEarly } from './sync/early-socket'

// The editor (Tiptap, Yjs, the checks) loads when a document is opened: the login and the list come without it.
const EditorPage = lazy(() => import('./document/EditorPage').then((m) => ({ default: m.EditorPage })))

export function App() {
  const route = createRoute()
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
