/**
 * The one file that knows Hono's WebSocket helper: `/sync/:docId` accepts
 * the upgrade, authenticates, and hands the socket to the relay core as a
 * `RelaySocket`. Refusals are close codes after the upgrade (4401, 4403,
 * 4404), because a browser cannot read the status of a refused upgrade
 * and the stock client would retry forever.
 */
import { upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import type { WebSocket } from 'ws'
import { CLOSE, CLOSE_REASON, type CloseCode } from '@shared/protocol/close-code'
import { SESSION_COOKIE, type Authenticator, type ConnectionGrant } from '../auth/authenticate'
import { log } from '../log'
import type { Metrics, RejectReason } from '../metrics'
import type { Relay } from '../relay/relay'
import type { RelaySocket } from '../relay/relay-socket'
import type { Session } from '../relay/session'
import { clientAddress, fromOwnPages, type RequestGuardOptions } from './request-guard'

const socketOf = (raw: WebSocket): RelaySocket => ({
  send: (data) => raw.send(data),
  close: (code, reason) => raw.close(code, reason),
  get readyState() {
    return raw.readyState
  },
  get bufferedAmount() {
    return raw.bufferedAmount
  },
})

const REFUSAL_REASON: Partial<Record<CloseCode, RejectReason>> = {
  [CLOSE.unauthenticated]: 'unauthenticated',
  [CLOSE.forbidden]: 'forbidden',
  [CLOSE.storageFailure]: 'storage',
}

export function syncRoutes(relay: Relay, auth: Authenticator, metrics: Metrics, guard: RequestGuardOptions): Hono {
  const openByAddress = new Map<string, number>()
  return new Hono().get(
    '/sync/:docId',
    upgradeWebSocket(async (c) => {
      const docId = c.req.param('docId') ?? ''
      const token = c.req.query('token')
      const address = clientAddress(c, guard)
      let counted = false
      // A cookie is sent by the browser whichever page opens the socket: only the app's own pages may use it.
      const grant: ConnectionGrant =
        token === undefined && !fromOwnPages(c, guard)
          ? { ok: false, close: CLOSE.forbidden }
          : await auth.grantConnection(docId, { token, sessionId: getCookie(c, SESSION_COOKIE) }).catch((error: Error): ConnectionGrant => {
              log('error', 'grant-failed', { docId, error: error.message })
              return { ok: false, close: CLOSE.storageFailure }
            })
      let session: Session | null = null
      return {
        onOpen(_event, ws) {
          const raw = ws.raw as WebSocket
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
          session = relay.connect(socketOf(raw), docId, identity, grant.role)
          if (!session) return
          const opened = session
          // Frames are read off the ws socket itself, not through the helper's onMessage: that builds a
          // MessageEvent and copies the frame into a new ArrayBuffer for every message (in the relay bench's
          // profile, 8% of the server's time on a keystroke). No frame is missed: the helper calls onOpen right after it
          // starts listening, in the same turn. The copy taken here is the frame alone: a view would keep
          // the whole socket read it came in alive for as long as anything holds a piece of the update.
          raw.on('message', (data: Buffer, isBinary: boolean) => {
            if (!isBinary) {
              metrics.reject('malformed')
              return opened.close(CLOSE.malformedMessage)
            }
            relay.receive(opened, new Uint8Array(data))
          })
        },
        onClose(event) {
          if (counted) {
            counted = false
            const left = (openByAddress.get(address) ?? 1) - 1
            if (left > 0) openByAddress.set(address, left)
            else openByAddress.delete(address)
          }
          if (event.code === CLOSE.tooLarge) metrics.reject('too-large')
          if (session) relay.disconnect(session)
        },
        onError(event) {
          log('warn', 'socket-error', { docId, error: String((event as ErrorEvent).error ?? event) })
        },
      }
    }),
  )
}
