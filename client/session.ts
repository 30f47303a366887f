/**
 * Who is logged in, remembered in localStorage so that the app still knows
 * (and can label its caret) when it opens offline. The server's cookie is
 * what actually authenticates.
 */
import { isRole, type Role } from '@shared/protocol/role'
import type { User } from './api/http'
import { forgetList } from './kept-list'

const KEY = 'jixiao:user'

export const rememberUser = (user: User) => localStorage.setItem(KEY, JSON.stringify(user))
/** On logout: the next person at this PC finds neither who was logged in nor their kept list of documents. */
export const forgetUser = () => {
  const user = rememberedUser()
  if (user) forgetList(user.id)
  localStorage.removeItem(KEY)
}

export function rememberedUser(): User | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as User | null
  } catch {
    return null
  }
}

/** The role last seen for a document, so the editor mirrors it offline too. */
const roleKey = (docId: string) => `jixiao:role:${docId}`
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
export function rememberedRole(docId: string): Role | null {
  const role = localStorage.getItem(roleKey(docId))
  return isRole(role) ? role : null
}
