/**
 * The document list as last read, kept on this PC per account (localStorage),
 * so that offline the list page still leads to the documents opened before —
 * shown for what it is, the last loaded copy (`Loaded` says so), never as
 * live. Kept under the account's id: another person logging in on the same
 * PC never sees it, and logging out forgets it (`forgetUser`).
 */
import type { DocumentSummary } from './api/http'

const keyOf = (userId: number) => `jixiao:list:${userId}`

/** Keeps the list just read for `userId`; a full storage only loses the offline copy. */
export function keepList(userId: number, documents: DocumentSummary[]): void {
  try {
    localStorage.setItem(keyOf(userId), JSON.stringify(documents))
  } catch {
    // Quota: the list is still shown; only an offline reload will lack it.
  }
}

/** The list last kept for `userId`, or undefined when none was (or it cannot be read). */
export function keptList(userId: number): DocumentSummary[] | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(keyOf(userId)) ?? 'null') as unknown
    return Array.isArray(kept) ? (kept as DocumentSummary[]) : undefined
  } catch {
    return undefined
  }
}

export const forgetList = (userId: number) => localStorage.removeItem(keyOf(userId))
