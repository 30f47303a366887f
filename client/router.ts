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

/** The current route, following the hash; one listener for the app's lifetime. */
export function createRoute(): Accessor<Route> {
  const [route, setRoute] = createSignal(parseRoute(location.hash))
  window.addEventListener('hashchange', () => setRoute(parseRoute(location.hash)))
  return route
}
