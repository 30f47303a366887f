/**
 * One open document in the browser: the Y.Doc, its IndexedDB copy (opened
 * first — the network only syncs) and the WebSocket to the server (the
 * session cookie authenticates it). Reconnects with jitter; stops on
 * 4401/4403/4404 and says why.
 *
 * When the server refuses a change, this replica holds something the
 * server will never take, and every later update builds on it: it starts
 * again from the server's state — but only after the whole local copy is
 * committed to the local drafts store (`local-drafts.ts`), where the user
 * finds it with the server's reason. If the copy cannot be saved, nothing
 * is reset.
 *
 * `makeDocConnection` returns something the caller must `dispose()`;
 * `createDocConnection` ties it to the Solid owner, taking over the one
 * `openEarly` started when the route named the document (so the local copy
 * and the server's state load while the editor's code does).
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import * as Y from 'yjs'
import { IndexeddbPersistence, storeState } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as decoding from 'lib0/decoding'
import { CLOSE, isRetryable } from '@shared/protocol/close-code'
import { OPEN_MARK } from './open-marks'
import { EarlyOrNewSocket, syncBase } from './early-socket'
import { AUTH, MESSAGE } from '@shared/protocol/message-type'
import { T } from '../i18n/zh-CN'
import { noteRefusal, saveDraft } from './local-drafts'
import { forgetHeld, holdsCopy, markHeld } from './local-readers'
import { batchSends } from './send-batches'
import { batchStores } from './store-batches'
import type { Denial, SyncFacts } from './sync-status'

export interface DocConnection {
  ydoc: Y.Doc
  provider: WebsocketProvider
  facts: Accessor<SyncFacts>
  /** Why the server refused a change of ours, if it did. */
  refusal: Accessor<string | null>
  /** Resolves once the IndexedDB copy is loaded (or found empty). */
  whenLocal: Promise<void>
  dispose(): void
}

const pendingKey = (docId: string) => `jixiao:pending:${docId}`

/** 0.5–1.5 × the exponential backoff, capped: clients that lost the server together come back spread out. */
export const reconnectDelay = (attempt: number, random = Math.random): number =>
  Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)) * (0.5 + random())

export function makeDocConnection(docId: string): DocConnection {
  const ydoc = new Y.Doc()
  const persistence = new IndexeddbPersistence(`jixiao:${docId}`, ydoc)
  // The socket the entry script opened for this document, if it did (early-socket.ts).
  const provider = new WebsocketProvider(syncBase(), docId, ydoc, { connect: false, WebSocketPolyfill: EarlyOrNewSocket })
  // A keystroke's own work ends at the editor: the copy is written when idle, the others told after the frame.
  const stores = batchStores(persistence)
  // The copy read from IndexedDB may hold others' changes: the server judges it apart from one's typing.
  const sends = batchSends(provider, (origin) => origin === persistence)
  const flushAll = () => {
    sends.flush()
    stores.flush()
  }
  // Leaving or hiding the page (a reload, a closed tab, a phone putting it away) writes and sends what waits.
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flushAll()
  }
  window.addEventListener('pagehide', flushAll)
  document.addEventListener('visibilitychange', onHidden)
  const [facts, setFacts] = createSignal<SyncFacts>({
    local: false,
    connection: 'disconnected',
    serverSynced: false,
    pending: Number(localStorage.getItem(pendingKey(docId)) ?? 0),
    browserOnline: navigator.onLine,
    denied: null,
  })
  const update = (change: Partial<SyncFacts>) => {
    setFacts({ ...facts(), ...change })
    localStorage.setItem(pendingKey(docId), String(facts().pending))
  }

  const whenLocal = persistence.whenSynced.then(() => {
    // y-indexeddb appends a full state on every load and trims only after 500
    // updates: store one compact state now so the database does not grow.
    void storeState(persistence, true)
    markHeld(docId)
    update({ local: true })
    provider.connect()
  })
  ydoc.on('update', (_update: Uint8Array, origin: unknown) => {
    const local = origin !== provider && origin !== persistence
    if (local && !(provider.wsconnected && provider.synced)) update({ pending: facts().pending + 1 })
  })
  provider.on('status', ({ status }) => update({ connection: status, ...(status === 'connected' ? {} : { serverSynced: false }) }))
  provider.on('sync', (synced: boolean) => {
    if (synced && performance.getEntriesByName(OPEN_MARK.server).length === 0) performance.mark(OPEN_MARK.server)
    update({ serverSynced: synced, ...(synced ? { pending: 0 } : {}) })
  })

  const [refusal, setRefusal] = createSignal<string | null>(null)
  const keepThenReset = async (reason: string) => {
    try {
      await saveDraft({ docId, savedAt: Date.now(), reason, state: Y.encodeStateAsUpdate(ydoc) })
    } catch {
      setRefusal(`${reason}。${T.draftNotSaved}`)
      return
    }
    localStorage.removeItem(pendingKey(docId))
    forgetHeld(docId)
    stores.discard()
    await persistence.clearData()
    noteRefusal(docId, reason)
    location.reload()
  }
  provider.messageHandlers[MESSAGE.auth] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) !== AUTH.permissionDenied) return // the only auth message there is
    const reason = decoding.readVarString(decoder)
    if (refusal() !== null) return
    setRefusal(reason)
    provider.disconnect()
    void keepThenReset(reason)
  }

  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  provider.on('connection-close', (event) => {
    if (!event || !isRetryable(event.code)) return
    // Take reconnection over from the provider (it has no jitter).
    provider.shouldConnect = false
    clearTimeout(timer)
    timer = setTimeout(() => provider.connect(), reconnectDelay(attempt++))
  })
  provider.on('sync', (synced: boolean) => {
    if (synced) attempt = 0
  })
  provider.on('closed', ({ code }) => {
    const denied: Denial = code === CLOSE.unauthenticated ? 'unauthenticated' : code === CLOSE.documentNotFound ? 'notFound' : 'forbidden'
    update({ denied, connection: 'disconnected' })
  })
  // Back online: do not wait for the backoff. Gone offline: say so now, not
  // when the socket's 30-second watchdog notices.
  const online = () => {
    update({ browserOnline: true })
    if (!facts().denied && !provider.wsconnected) {
      clearTimeout(timer)
      provider.connect()
    }
  }
  const offline = () => {
    update({ browserOnline: false })
    clearTimeout(timer)
    provider.disconnect()
  }
  window.addEventListener('online', online)
  window.addEventListener('offline', offline)
  // A browser that never held this document has no local copy to read before asking the server: the
  // socket need not wait for the local read (on a first open, creating the database is most of its time).
  // What arrives first is kept (y-indexeddb stores the document's state when its database opens), and a
  // copy found after all reaches the server as an update of which it takes only what it lacks.
  if (!holdsCopy(docId)) provider.connect()

  return {
    ydoc,
    provider,
    facts,
    refusal,
    whenLocal,
    dispose() {
      clearTimeout(timer)
      window.removeEventListener('online', online)
      window.removeEventListener('offline', offline)
      window.removeEventListener('pagehide', flushAll)
      document.removeEventListener('visibilitychange', onHidden)
      sends.dispose()
      stores.dispose()
      provider.destroy()
      void persistence.destroy()
      ydoc.destroy()
    },
  }
}

/**
 * The connection opened for the document the route names before its page's code is there: the IndexedDB
 * read and the WebSocket run while the editor's chunk still loads, and the page's session takes it over.
 */
let early: { docId: string; connection: DocConnection } | null = null
/** Documents whose page holds their connection now: an early open arriving late must not open a second one. */
const held = new Set<string>()

/** Opens `docId`'s connection ahead of its page (null: no document is being opened; one opened early is closed). */
export function openEarly(docId: string | null): void {
  if (early && early.docId !== docId) {
    early.connection.dispose()
    early = null
  }
  if (docId === null || early || held.has(docId)) return
  early = { docId, connection: makeDocConnection(docId) }
}

/** The document's connection — the one opened early, or a new one — held by the Solid owner until it is disposed. */
export function createDocConnection(docId: string): DocConnection {
  const connection = early?.docId === docId ? early.connection : makeDocConnection(docId)
  if (early?.docId === docId) early = null
  held.add(docId)
  onCleanup(() => {
    held.delete(docId)
    connection.dispose()
  })
  return connection
}
