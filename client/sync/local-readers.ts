/**
 * Who may see this browser's copy of a document before the server has
 * said so: the accounts the server let open it here. The copy stays for
 * whoever's unsynced work it holds, but someone else logging in at this PC
 * and opening it offline would read a document they may have no right to
 * (a tester read another department's whole document so). Kept beside the
 * mark that the browser holds a copy (`jixiao:held:DOC`), which earlier
 * versions set to '1': such a copy names nobody until the server is asked.
 */
const heldKey = (docId: string) => `jixiao:held:${docId}`

/** Whether this browser keeps a copy of the document in IndexedDB. */
export const holdsCopy = (docId: string): boolean => localStorage.getItem(heldKey(docId)) !== null

function readersOf(docId: string): string[] {
  try {
    const readers = JSON.parse(localStorage.getItem(heldKey(docId)) ?? '[]') as unknown
    return Array.isArray(readers) ? readers.filter((r): r is string => typeof r === 'string') : []
  } catch {
    return []
  }
}

/** The browser now keeps a copy (readers unchanged if it already did). */
export function markHeld(docId: string): void {
  if (!holdsCopy(docId)) localStorage.setItem(heldKey(docId), '[]')
}

/** The copy is gone (reset to the server's state). */
export const forgetHeld = (docId: string): void => localStorage.removeItem(heldKey(docId))

/** The server let `user` open the document here. */
export function addReader(docId: string, user: string): void {
  const readers = readersOf(docId)
  if (!readers.includes(user)) localStorage.setItem(heldKey(docId), JSON.stringify([...readers, user]))
}

/** Whether `user` may be shown the local copy before the server answers. */
export const mayReadCopy = (docId: string, user: string): boolean => readersOf(docId).includes(user)
