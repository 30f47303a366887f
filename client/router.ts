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

/** The hash of a route, written anew from the route (never a string given from outside). */
export function hashOf(route: Route): string {
  return route.page === 'doc' ? `#/doc/${route.id}` : route.page === 'list' ? '#/' : `#/${route.page}`
}

/** Where the login page came from in this tab (sessionStorage: per tab, and it outlives a reload of the login page). */
const RETURN_KEY = 'jixiao:after-login'

/**
 * The page to go back to after a login, from what was kept: only one of the app's own routes, written anew
 * from its parsed form (an outside address, or anything not a route, is none); neither the login nor the
 * list (where a login goes anyway).
 */
export function returnHash(kept: string | null): string | null {
  if (kept === null) return null
  const route = parseRoute(kept)
  return route.page === 'login' || route.page === 'list' || hashOf(route) !== kept ? null : hashOf(route)
}

/**
 * To the login page, in place of `from` (the current route unless told), which the next login in this tab
 * comes back to (`afterLogin`): a link followed while logged out is not dropped.
 */
export function toLogin(from: Route = parseRoute(location.hash)): void {
  const back = returnHash(hashOf(from))
  if (back) sessionStorage.setItem(RETURN_KEY, back)
  else sessionStorage.removeItem(RETURN_KEY)
  // In place of the page asked for: Back does not lead to it again only to come back here.
  location.replace('#/login')
}

/** After a login: the page the login was asked for from (once), or null to go to the person's usual start. */
export function afterLogin(): string | null {
  const back = returnHash(sessionStorage.getItem(RETURN_KEY))
  sessionStorage.removeItem(RETURN_KEY)
  return back
}

/**
 * The current route, following the hash; one listener for the app's lifetime. Someone not logged in on this
 * browser (`loggedIn`: who is remembered here, not the session cookie, which an offline 退出 cannot clear) is
 * on the login page whatever the hash names, and comes back to it after logging in (`toLogin`).
 */
export function createRoute(loggedIn: () => boolean): Accessor<Route> {
  const current = (): Route => {
    const route = parseRoute(location.hash)
    if (route.page === 'login' || loggedIn()) return route
    toLogin(route)
    return { page: 'login' }
  }
  const [route, setRoute] = createSignal(current())
  window.addEventListener('hashchange', () => setRoute(current()))
  return route
}
