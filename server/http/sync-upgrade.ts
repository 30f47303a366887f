/**
 * The server's WebSocket side: an upgrade to `/sync/:docId` is
 * authenticated, accepted, and handed to the relay core as a `RelaySocket`.
 * Refusals are close codes after the upgrade (4401, 4403, 4404), because a
 * browser cannot read the status of a refused upgrade and the stock client
 * would retry forever.
 *
 * Upgrades are taken from Node's HTTP server here, not through Hono's
 * WebSocket helper: the helper keeps the upgrade's whole request — Hono's
 * context, the Fetch request and its headers, Node's IncomingMessage —
 * alive for as long as the socket is open, ~8 KiB a connection, a third of
 * what an open document with two people in it cost the server. What a
 * connection needs of its request is read before the upgrade, and only
 * that is kept.
 */
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { parse as parseCookies } from 'hono/utils/cookie'
import type { WebSocket, WebSocketServer } from 'ws'
import { CLOSE, CLOSE_REASON, type CloseCode } from '@shared/protocol/close-code'
import { SESSION_COOKIE, type Authenticator, type ConnectionGrant } from '../auth/authenticate'
import { log } from '../log'
import type { Metrics, RejectReason } from '../metrics'
import type { Relay } from '../relay/relay'
import type { RelaySocket } from '../relay/relay-socket'
import type { Session } from '../relay/session'
import { clientAddress, fromOwnPages, nodeRequest, type RequestGuardOptions } from './request-guard'

const SYNC_PATH = /^\/sync\/([^/]+)$/

/** A `ws` socket as the relay sees it; a class, as every connection has one (an object of getters and closures was ~0.7 KiB). */
class WsRelaySocket implements RelaySocket {
  constructor(private readonly raw: WebSocket) {}
  send(data: Uint8Array): void {
    this.raw.send(data)
  }
  close(code: number, reason: string): void {
    this.raw.close(code, reason)
  }
  get readyState(): number {
    return this.raw.readyState
  }
  get bufferedAmount(): number {
    return this.raw.bufferedAmount
  }
}

const REFUSAL_REASON: Partial<Record<CloseCode, RejectReason>> = {
  [CLOSE.unauthenticated]: 'unauthenticated',
  [CLOSE.forbidden]: 'forbidden',
  [CLOSE.storageFailure]: 'storage',
}

/** What a connection keeps of the request that opened it. */
interface Upgrade {
  docId: string
  address: string
  grant: ConnectionGrant
}

/** A path segment as Hono decodes a route's parameter: percent-decoded, or as written when that fails. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** Ends an upgrade that is not one of ours with an HTTP status, as a server without WebSockets would. */
function refuseUpgrade(socket: Duplex, status: 400 | 404, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

const ignoreError = () => {}

/** The handler of the HTTP server's `upgrade` event. */
export function syncUpgrades(relay: Relay, auth: Authenticator, metrics: Metrics, guard: RequestGuardOptions, wss: WebSocketServer) {
  const openByAddress = new Map<string, number>()

  /** The socket's life as a relay session; nothing here sees the upgrade's request. */
  function accept(raw: WebSocket, { docId, address, grant }: Upgrade): void {
    let counted = false
    let session: Session | null = null
    raw.on('close', (code: number) => {
      if (counted) {
        counted = false
        const left = (openByAddress.get(address) ?? 1) - 1
        if (left > 0) openByAddress.set(address, left)
        else openByAddress.delete(address)
      }
      if (code === CLOSE.tooLarge) metrics.reject('too-large')
      if (session) relay.disconnect(session)
    })
    raw.on('error', (error: Error) => log('warn', 'socket-error', { docId, error: String(error) }))
    const open = openByAddress.get(address) ?? 0
    if (open >= guard.maxSocketsPerAddress) {
      metrics.reject('too-many-connections')
      log('warn', 'too-many-sockets-from-address', { address })
      raw.close(CLOSE.rateLimited, CLOSE_REASON[CLOSE.rateLimited])
      return
    }
    openByAddress.set(address, open + 1)
    counted = true
    if (!grant.ok) {
      metrics.reject(REFUSAL_REASON[grant.close] ?? 'not-found')
      log('info', 'connection-refused', { docId, code: grant.close })
      raw.close(grant.close, CLOSE_REASON[grant.close])
      return
    }
    const identity = { userId: grant.user.id, userName: grant.user.name, displayName: grant.user.displayName, credential: grant.credential }
    session = relay.connect(new WsRelaySocket(raw), docId, identity, grant.role)
    if (!session) return
    const opened = session
    // The copy taken here is the frame alone: a view would keep the whole socket read it came in alive for as
    // long as anything holds a piece of the update.
    raw.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        metrics.reject('malformed')
        return opened.close(CLOSE.malformedMessage)
      }
      relay.receive(opened, new Uint8Array(data))
    })
  }

  /** What the connection will keep of `request`: the document, the address, and who it is (read before the upgrade). */
  async function read(request: IncomingMessage, docId: string, url: URL): Promise<Upgrade> {
    const facts = nodeRequest(request)
    const token = url.searchParams.get('token') ?? undefined
    // A cookie is sent by the browser whichever page opens the socket: only the app's own pages may use it.
    const grant: ConnectionGrant =
      token === undefined && !fromOwnPages(facts, guard)
        ? { ok: false, close: CLOSE.forbidden }
        : await auth.grantConnection(docId, { token, sessionId: parseCookies(facts.header('cookie') ?? '', SESSION_COOKIE)[SESSION_COOKIE] }).catch((error: Error): ConnectionGrant => {
            log('error', 'grant-failed', { docId, error: error.message })
            return { ok: false, close: CLOSE.storageFailure }
          })
    return { docId, address: clientAddress(facts, guard), grant }
  }

  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://upgrade')
    const path = SYNC_PATH.exec(url.pathname)
    if (!path) return refuseUpgrade(socket, 404, 'Not Found')
    if (request.headers.upgrade?.toLowerCase() !== 'websocket') return refuseUpgrade(socket, 400, 'Bad Request')
    // A client that hangs up while it is authenticated is no error of the server's.
    socket.on('error', ignoreError)
    void read(request, decoded(path[1]!), url).then((upgrade) => {
      if (socket.destroyed) return
      wss.handleUpgrade(request, socket, head, (raw) => {
        socket.off('error', ignoreError)
        wss.emit('connection', raw, request)
        accept(raw, upgrade)
      })
    })
  }
}
