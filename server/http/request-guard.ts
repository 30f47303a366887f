/**
 * What every request must pass before a route sees it: a body cap for JSON
 * (cut off while streaming; uploads are read by their routes once the
 * caller is known, `upload.ts`), and
 * for state-changing API calls a proof that the request comes from the
 * app itself and not from another page the user has open (CSRF): a
 * content type no HTML form can send, and an `Origin` / `Sec-Fetch-Site`
 * that names this server (or an origin configured for a reverse proxy).
 * Requests without either header come from programs, not browsers, and
 * still need a session or token.
 */
import type { IncomingMessage } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getConnInfo } from '@hono/node-server/conninfo'
import { ApiError } from './api-error'

/**
 * What the guards read of a request: a header, the URL it was sent to, the peer's address. An API call gives it
 * through Hono (`honoRequest`), a WebSocket upgrade straight from Node (`nodeRequest`, `sync-upgrade.ts`).
 */
export interface RequestFacts {
  header(name: string): string | undefined
  /** The URL as the server received it, scheme and host included. */
  readonly url: string
  peer(): string | undefined
}

export const honoRequest = (c: Context): RequestFacts => ({
  header: (name) => c.req.header(name),
  url: c.req.url,
  peer: () => getConnInfo(c).remote.address,
})

/** `request` read as Hono reads it: the scheme is http (TLS ends at a proxy, if any), the host the one it names. */
export const nodeRequest = (request: IncomingMessage): RequestFacts => ({
  header: (name) => {
    const value = request.headers[name.toLowerCase()]
    return Array.isArray(value) ? value.join(', ') : value
  },
  url: `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`,
  peer: () => request.socket.remoteAddress,
})

export const MAX_JSON_BYTES = 64 * 1024

export interface RequestGuardOptions {
  /** Origins besides the server's own that may call the API (a reverse proxy's public address). */
  allowedOrigins: readonly string[]
  /** Believe `X-Forwarded-For` / `X-Forwarded-Proto` (only behind a proxy that sets them). */
  trustProxy: boolean
  /**
   * Open WebSockets per client address: well above an office behind one NAT
   * address (a socket per person per open document), well below what one
   * machine needs to exhaust the server.
   */
  maxSocketsPerAddress: number
}

export const DEFAULT_GUARD: RequestGuardOptions = { allowedOrigins: [], trustProxy: false, maxSocketsPerAddress: 300 }

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const tooLarge = (limit: number) => () => {
  throw new ApiError(413, 'too-large', `请求内容太大（上限 ${limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MiB` : `${limit / 1024} KiB`}）`)
}

/** Whether the request uploads a file (an import, a project form) rather than JSON. */
export const isUpload = (path: string): boolean => path === '/api/docs/import' || /^\/api\/docs\/[^/]+\/projects\/import$/.test(path)

/**
 * JSON bodies above the cap are refused while they arrive, never read
 * whole. Uploads pass untouched: this runs before authentication, and
 * their routes read them only for a caller who may upload (`readUpload`).
 */
export const bodyLimits = (): MiddlewareHandler => {
  const json = bodyLimit({ maxSize: MAX_JSON_BYTES, onError: tooLarge(MAX_JSON_BYTES) })
  return (c, next) => (isUpload(c.req.path) ? next() : json(c, next))
}

/** The origin this request was addressed to, as the browser saw it. */
export function ownOrigin(request: RequestFacts, options: RequestGuardOptions): string {
  const forwarded = options.trustProxy ? request.header('x-forwarded-proto') : undefined
  const protocol = forwarded ?? new URL(request.url).protocol.replace(':', '')
  return `${protocol}://${request.header('host') ?? new URL(request.url).host}`
}

/** Whether the browser says this request comes from the app's own pages (true for non-browser clients). */
export function fromOwnPages(request: RequestFacts, options: RequestGuardOptions): boolean {
  const site = request.header('sec-fetch-site')
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false
  const origin = request.header('origin')
  return origin === undefined || origin === ownOrigin(request, options) || options.allowedOrigins.includes(origin)
}

/** CSRF: state-changing API calls must come from the app's pages with a content type forms cannot send. */
export const sameOriginOnly = (options: RequestGuardOptions): MiddlewareHandler => async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next()
  if (!fromOwnPages(honoRequest(c), options)) throw new ApiError(403, 'cross-origin', '拒绝来自其他网页的请求')
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  // File uploads (an import, a project form) are bytes; everything else is JSON.
  const expected = isUpload(c.req.path) ? 'application/octet-stream' : 'application/json'
  if (type !== expected) throw new ApiError(415, 'content-type', `请求的内容类型必须是 ${expected}`)
  return next()
}

/** The client's address: the socket's peer, or the proxy's `X-Forwarded-For` when trusted. */
export function clientAddress(request: RequestFacts, options: RequestGuardOptions): string {
  // The last entry is the one the trusted proxy added; earlier ones are whatever the client sent.
  const forwarded = options.trustProxy ? request.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined
  if (forwarded) return forwarded
  try {
    return request.peer() ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/

export const isLoopback = (address: string): boolean => LOOPBACK.test(address)
