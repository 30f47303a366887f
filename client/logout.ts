/**
 * 退出 works without the network, as the rest of the app does: the person is
 * logged out on this browser at once — who they are, their kept list and
 * their roles forgotten (`forgetUser`), so every page but the login asks for
 * a login (`createRoute`) — and the server's session is ended when the
 * server can be reached. The session cookie is HttpOnly, so the page cannot
 * clear it: until the server ends the session the browser still carries it,
 * and the page never goes by it (it goes by the remembered user, which the
 * next login sets). The request left pending is sent again at the next start
 * of the app, each time the browser comes back online, and before the next
 * login (whose new cookie replaces the old one anyway). Documents' local
 * copies (IndexedDB) stay, as at any logout: they hold work not yet synced.
 */
import { api, ApiFailure } from './api/http'
import { forgetUser } from './session'

/** Set from 退出 until the server has ended the session (localStorage: it outlives the tab and a reload). */
const PENDING = 'jixiao:logout-pending'

/** How long 退出 waits for the server before showing the login page anyway (the request goes on, and is sent again if it fails). */
const WAIT_FOR_SERVER_MS = 3_000

/**
 * Logs out: forgets the person here at once, then asks the server to end the session, waiting for its answer
 * at most a few seconds (so that, online, the login page comes after the session ended). Never throws: a
 * failed request stays pending and is sent again (`sendPendingLogout`).
 */
export async function logOut(): Promise<void> {
  forgetUser()
  localStorage.setItem(PENDING, '1')
  let waited: ReturnType<typeof setTimeout> | undefined
  await Promise.race([sendPendingLogout(), new Promise<void>((resolve) => (waited = setTimeout(resolve, WAIT_FOR_SERVER_MS)))])
  clearTimeout(waited)
}

/** Whether a logout has not reached the server yet. */
export const logoutPending = () => localStorage.getItem(PENDING) !== null

/** The logout request on its way, if one is. */
let sending: Promise<void> | undefined

/**
 * Ends the server session of a logout made while it could not be reached; does nothing when none is pending.
 * The request stays pending when the network or the server failed (a status of 500 or more); any other answer
 * means the server has no session of this cookie left to end (it ends whatever the cookie names, or none).
 */
export function sendPendingLogout(): Promise<void> {
  if (!logoutPending()) return Promise.resolve()
  // One request at a time: a second one's answer (deleting the cookie) arriving after the next login's would log that out.
  sending ??= api
    .logout()
    .then(
      () => true,
      (e: unknown) => e instanceof ApiFailure && e.status !== 0 && e.status < 500,
    )
    .then((ended) => {
      if (ended) localStorage.removeItem(PENDING)
    })
    .finally(() => (sending = undefined))
  return sending
}

/** After a login: its cookie replaced the old session's, which this browser can no longer end. */
export const loggedInAgain = () => localStorage.removeItem(PENDING)

/** For the app's lifetime: the pending logout is sent now and each time the browser is back online. */
export function keepSendingPendingLogout(): void {
  void sendPendingLogout()
  window.addEventListener('online', () => void sendPendingLogout())
}
