/**
 * The document's WebSocket, opened by the entry script as soon as the
 * route names a document — before the editor's and Yjs' code has loaded —
 * so that the server loads the document while the browser loads scripts.
 * What the socket hears meanwhile is kept, and handed over in order to the
 * y-websocket provider that takes the socket (`EarlyOrNewSocket`, its
 * WebSocket class): the provider sees the same events a socket of its own
 * would have given it, only sooner. A socket nobody takes is closed.
 *
 * Kept free of Yjs and the editor: it is part of the entry chunk.
 */

/** The sync endpoint of this origin (contract: `/sync/DOC_ID`). */
export const syncBase = (): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`

/** How long an early socket waits to be taken before it is closed (the page was left, or failed to load). */
const UNCLAIMED_MS = 30_000

interface Early {
  url: string
  socket: WebSocket
  /** What the socket heard before it was taken, in order. */
  heard: Event[]
  listen: (event: Event) => void
  expiry: ReturnType<typeof setTimeout>
}

const TYPES = ['open', 'message', 'error', 'close'] as const
let early: Early | null = null

/** Opens the socket for `docId` now (one opened for another document is closed). Nothing when offline. */
export function openSocketEarly(docId: string): void {
  const url = `${syncBase()}/${docId}`
  if (early?.url === url) return
  discardEarlySocket()
  if (!navigator.onLine) return
  const socket = new WebSocket(url)
  socket.binaryType = 'arraybuffer'
  const heard: Event[] = []
  const listen = (event: Event) => heard.push(event)
  for (const type of TYPES) socket.addEventListener(type, listen)
  early = { url, socket, heard, listen, expiry: setTimeout(discardEarlySocket, UNCLAIMED_MS) }
}

/** Closes the early socket, if one is waiting. */
export function discardEarlySocket(): void {
  if (!early) return
  clearTimeout(early.expiry)
  for (const type of TYPES) early.socket.removeEventListener(type, early.listen)
  early.socket.close()
  early = null
}

/**
 * The early socket for `url`, if one waits: its handlers (`onopen`, `onmessage`, …) are set by the caller in
 * the same task, and what it heard so far is passed to them in a microtask — before any later event, which
 * comes in a task of its own.
 */
function takeEarlySocket(url: string): WebSocket | null {
  if (early?.url !== url) return null
  const { socket, heard, listen, expiry } = early
  early = null
  clearTimeout(expiry)
  for (const type of TYPES) socket.removeEventListener(type, listen)
  queueMicrotask(() => {
    for (const event of heard) {
      const handler = socket[`on${event.type as (typeof TYPES)[number]}`] as ((event: Event) => void) | null
      handler?.call(socket, event)
    }
  })
  return socket
}

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill`: the early socket for the URL if one waits,
 * otherwise a new socket (every reconnection).
 */
export const EarlyOrNewSocket = function (url: string | URL, protocols?: string | string[]) {
  return takeEarlySocket(String(url)) ?? new WebSocket(url, protocols)
} as unknown as typeof WebSocket
