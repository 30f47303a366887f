/**
 * Recoverable local copies: when the server refuses a change, the whole
 * local replica is kept here — in its own IndexedDB database, apart from
 * the y-indexeddb copy that is then reset — with the server's reason, and
 * listed with the document until the user deletes it. Nothing written on
 * this machine is thrown away without a copy.
 *
 * `createLocalDrafts` ties the list to the Solid owner.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js'

export interface LocalDraft {
  id: number
  docId: string
  savedAt: number
  /** Why the server refused, in its words. */
  reason: string
  /** The whole local replica (`Y.encodeStateAsUpdate`) at the refusal. */
  state: Uint8Array
}

const DB_NAME = 'jixiao-drafts'
const STORE = 'drafts'

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true })
      store.createIndex('docId', 'docId')
    }
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open()
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode)
      const request = work(tx.objectStore(STORE))
      // Resolved when the transaction commits, not when the request succeeds: only then is it on disk.
      tx.oncomplete = () => resolve(request.result)
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
  } finally {
    db.close()
  }
}

/** Stores a copy; resolves once it is committed. Rejects when it could not be (quota, private mode). */
export const saveDraft = (draft: Omit<LocalDraft, 'id'>): Promise<number> => run('readwrite', (store) => store.add(draft) as IDBRequest<number>)

export const listDrafts = (docId: string): Promise<LocalDraft[]> =>
  run('readonly', (store) => store.index('docId').getAll(docId) as IDBRequest<LocalDraft[]>)

export const deleteDraft = (id: number): Promise<void> => run('readwrite', (store) => store.delete(id) as IDBRequest<undefined>)

const refusedKey = (docId: string) => `jixiao:refused:${docId}`

/**
 * Kept across the reload that follows a refusal (`doc-connection.ts`): the page comes back as the server has it,
 * its status 已同步, and the person must be told there and then why their change is gone and where its copy is.
 */
export function noteRefusal(docId: string, reason: string): void {
  sessionStorage.setItem(refusedKey(docId), reason)
}

/** The refusal noted before this page's reload, once. */
export function takeRefusal(docId: string): string | null {
  const reason = sessionStorage.getItem(refusedKey(docId))
  sessionStorage.removeItem(refusedKey(docId))
  return reason
}

export function createLocalDrafts(docId: string): { drafts: Accessor<LocalDraft[]>; remove(id: number): Promise<void> } {
  const [drafts, setDrafts] = createSignal<LocalDraft[]>([])
  let live = true
  const reload = () =>
    listDrafts(docId)
      .then((list) => live && setDrafts(list))
      .catch(() => {}) // no IndexedDB: nothing to list
  void reload()
  onCleanup(() => {
    live = false
  })
  return {
    drafts,
    async remove(id) {
      await deleteDraft(id)
      await reload()
    },
  }
}
