/**
 * Where the app is: the URL hash (`#/login`, `#/`, `#/account`, `#/admin`,
 * `#/queue`, `#/dashboard`, `#/doc/ID`), so that the service worker serves
 * one page for all of them. Pages navigate through here and never import
 * one another or the app.
 */
import { createSignal, type Accessor } from 'solid-js'

export type Route =
  | { page: 'login' }
  | { page: 'list' }
  | { page: 'account' }
  | { page: 'admin' }
  | { page: 'queue' }
  | { page: 'dashboard' }
  | { page: 'doc'; id: string }

const SIMPLE_PAGES = ['login', 'account', 'admin', 'queue', 'dashboard'] as const

export function parseRoute(hash: string): Route {
  const doc = /^#\/doc\/([A-Za-z0-9_-]+)$/.exec(hash)
  if (doc) return { page: 'doc', id: doc[1]! }
  const page = SIMPLE_PAGES.find((name) => hash === `#/${name}`)
  return page ? { page } : { page: 'list' }
}

export const navigate = (hash: string) => {
  location.hash = hash
}

/**
 * The current route, following the hash; one listener for the app's lifetime. Someone not logged in on this
 * browser (`loggedIn`: who is remembered here, not the session cookie, which an offline 退出 cannot clear) is
 * on the login page whatever the hash names.
 */
export function createRoute(loggedIn: () => boolean): Accessor<Route> {
  const current = (): Route => {
    const route = parseRoute(location.hash)
    if (route.page === 'login' || loggedIn()) return route
    // In place of the page asked for: Back does not lead to it again only to come back here.
    location.replace('#/login')
    return { page: 'login' }
  }
  const [route, setRoute] = createSignal(current())
  window.addEventListener('hashchange', () => setRoute(current()))
  return route
}
