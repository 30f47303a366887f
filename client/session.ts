/**
 * Who is logged in, remembered in localStorage so that the app still knows
 * (and can label its caret) when it opens offline. The server's cookie is
 * what actually authenticates the requests; the page takes someone as
 * logged in on this browser only while they are remembered here (an
 * offline 退出 forgets them though it cannot clear the cookie: `logout.ts`).
 */
import { isRole, type Role } from '@shared/protocol/role'
import type { User } from './api/http'
import { forgetList } from './kept-list'

const KEY = 'jixiao:user'

/** Who this page is for: set by its own login and 退出, compared with what another tab leaves (`followOtherTabs`). */
let pageUserId: number | null = null

/** Roles are one person's: someone else logging in at this PC starts from none (else 王芳 got 李娜's 撤回报送). */
export const rememberUser = (user: User) => {
  if (rememberedUser()?.id !== user.id) forgetRoles()
  localStorage.setItem(KEY, JSON.stringify(user))
  pageUserId = user.id
}
/** On logout: the next person at this PC finds neither who was logged in, nor their kept list, nor their roles. */
export const forgetUser = () => {
  const user = rememberedUser()
  if (user) forgetList(user.id)
  forgetRoles()
  localStorage.removeItem(KEY)
  pageUserId = null
}

/**
 * A 退出 or a login in another tab of this browser is this page's too: it
 * starts again as the browser now stands — at the login page, or as the
 * one who logged in. Else a tab left open after an offline 退出 kept the
 * document on screen for whoever came to the PC next, and one left open
 * under another person's login labelled their edits with the old name
 * while the browser's cookie was the new person's. What was typed in it is
 * in the browser's copy of the document already (y-indexeddb writes each
 * change as it is made).
 */
export function followOtherTabs(): void {
  pageUserId = rememberedUser()?.id ?? null
  window.addEventListener('storage', (event) => {
    if (event.key !== KEY && event.key !== null) return
    if ((rememberedUser()?.id ?? null) !== pageUserId) location.reload()
  })
}

export function rememberedUser(): User | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as User | null
  } catch {
    return null
  }
}

/** The role last seen for a document, so the editor mirrors it offline too. */
const ROLE_PREFIX = 'jixiao:role:'
const roleKey = (docId: string) => `${ROLE_PREFIX}${docId}`
/** When this page last heard each document's role from the server (the list fetches them all). */
const heardAt = new Map<string, number>()
/** A role heard this recently is the one to open with: the document was just chosen from the list. */
const FRESH_MS = 30_000
export const rememberRole = (docId: string, role: Role) => {
  localStorage.setItem(roleKey(docId), role)
  heardAt.set(docId, Date.now())
}
/** Whether the remembered role came from the server moments ago, in this page (so opening need not ask again). */
export const roleJustHeard = (docId: string) => Date.now() - (heardAt.get(docId) ?? -Infinity) < FRESH_MS
function forgetRoles(): void {
  heardAt.clear()
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((key): key is string => key?.startsWith(ROLE_PREFIX) === true)
  for (const key of keys) localStorage.removeItem(key)
}
export function rememberedRole(docId: string): Role | null {
  const role = localStorage.getItem(roleKey(docId))
  return isRole(role) ? role : null
}
