/**
 * Who is logged in, remembered in localStorage so that the app still knows
 * (and can label its caret) when it opens offline. The server's cookie is
 * what actually authenticates.
 */
import { isRole, type Role } from '@shared/protocol/role'
import type { User } from './api/http'

const KEY = 'jixiao:user'

export const rememberUser = (user: User) => localStorage.setItem(KEY, JSON.stringify(user))
export const forgetUser = () => localStorage.removeItem(KEY)

export function rememberedUser(): User | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as User | null
  } catch {
    return null
  }
}

/** The role last seen for a document, so the editor mirrors it offline too. */
const roleKey = (docId: string) => `jixiao:role:${docId}`
export const rememberRole = (docId: string, role: Role) => localStorage.setItem(roleKey(docId), role)
export function rememberedRole(docId: string): Role | null {
  const role = localStorage.getItem(roleKey(docId))
  return isRole(role) ? role : null
}
