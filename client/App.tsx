/**
 * The app: login, the document list, and the editor, chosen by the URL
 * hash (`#/login`, `#/`, `#/account`, `#/doc/ID`) so the service worker serves one page.
 */
import { createSignal, lazy, Match, onCleanup, Switch } from 'solid-js'
import { DocumentListPage } from './pages/DocumentListPage'
import { LoginPage } from './pages/LoginPage'
import { AccountPage } from './pages/AccountPage'
import { QueuePage } from './pages/QueuePage'
import { DashboardPage } from './pages/DashboardPage'

// The editor (Tiptap, Yjs, the checks) loads when a document is opened: the login and the list come without it.
const EditorPage = lazy(() => import('./pages/EditorPage').then((m) => ({ default: m.EditorPage })))

export type Route = { page: 'login' } | { page: 'list' } | { page: 'account' } | { page: 'queue' } | { page: 'dashboard' } | { page: 'doc'; id: string }

export function parseRoute(hash: string): Route {
  const doc = /^#\/doc\/([A-Za-z0-9_-]+)$/.exec(hash)
  if (doc) return { page: 'doc', id: doc[1]! }
  if (hash === '#/login') return { page: 'login' }
  if (hash === '#/account') return { page: 'account' }
  if (hash === '#/queue') return { page: 'queue' }
  if (hash === '#/dashboard') return { page: 'dashboard' }
  return { page: 'list' }
}

export const navigate = (hash: string) => {
  location.hash = hash
}

export function App() {
  const [route, setRoute] = createSignal(parseRoute(location.hash))
  const onHash = () => setRoute(parseRoute(location.hash))
  window.addEventListener('hashchange', onHash)
  onCleanup(() => window.removeEventListener('hashchange', onHash))
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
      <Match when={route().page === 'list'}>
        <DocumentListPage />
      </Match>
      <Match when={route().page === 'doc' && (route() as { id: string }).id} keyed>
        {(id) => <EditorPage docId={id} />}
      </Match>
    </Switch>
  )
}
