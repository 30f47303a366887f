/**
 * The HTTP API (Hono): middleware, errors and the mounting of the route
 * modules (`routes/`), which check their bodies and call the use cases
 * (`server/documents/`). Errors are JSON `{ error: { code, message } }`
 * with a Chinese message (and `field`, the path of a bad body field),
 * produced once in `onError`.
 */
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { SESSION_COOKIE, type Authenticator } from '../auth/authenticate'
import type { LoginFailureStore } from '../storage/login-failures'
import { HashingBusyError } from '../auth/password'
import { FilesBusyError, FileTooLargeError } from '../files/file-workers'
import { DocumentLimitError } from '@shared/model/document-limits'
import type { NotificationFeed } from '../notifications/notification-feed'
import { Refusal, type RefusalKind } from '../documents/refusal'
import type { Ports } from '../documents/ports'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { Relay } from '../relay/relay'
import { StorageError } from '../storage/storage-error'
import { ApiError, notLoggedIn } from './api-error'
import { InvalidField } from './body-check'
import type { Env } from './env'
import { bodyLimits, clientAddress, honoRequest, isLoopback, sameOriginOnly, type RequestGuardOptions } from './request-guard'
import { accountRoutes, sessionRoutes } from './routes/account-routes'
import { documentRoutes } from './routes/document-routes'
import { historyRoutes } from './routes/history-routes'
import { notificationRoutes } from './routes/notification-routes'
import { orgRoutes } from './routes/org-routes'
import { reviewRoutes } from './routes/review-routes'
import { workflowRoutes } from './routes/workflow-routes'
import { staticFiles } from './static-files'

/** The use cases' ports (the relay stands for the live documents), and what the edge itself needs. */
export interface AppServices extends Omit<Ports, 'live'> {
  feed: NotificationFeed
  relay: Relay
  auth: Authenticator
  metrics: Metrics
  guard: RequestGuardOptions
  /** Bearer token for /metrics from other machines; without one, /metrics answers loopback only. */
  metricsToken?: string | undefined
  loginFailures: LoginFailureStore
}

/**
 * The policy the built client runs under: no inline script, nothing from
 * elsewhere, never framed. Inline styles stay allowed: the editor sets
 * style attributes (carets, column widths) and Tiptap injects its CSS.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/** How a use case's refusal reads over HTTP. */
const REFUSAL_STATUS: Record<RefusalKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  'too-large': 413,
}

export function createApp(s: AppServices): Hono<Env> {
  const app = new Hono<Env>()
  const ports: Ports = { ...s, live: s.relay }

  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json({ error: { code: error.code, message: error.message } }, error.status)
    if (error instanceof Refusal) return c.json({ error: { code: error.code, message: error.message } }, REFUSAL_STATUS[error.kind])
    if (error instanceof InvalidField) return c.json({ error: { code: 'bad-request', message: error.message, field: error.path } }, 400)
    if (error instanceof HashingBusyError) return c.json({ error: { code: 'busy', message: error.message } }, 503)
    if (error instanceof FilesBusyError) return c.json({ error: { code: error.code, message: error.message } }, 503)
    if (error instanceof FileTooLargeError || error instanceof DocumentLimitError) return c.json({ error: { code: error.code, message: error.message } }, 413)
    if (error instanceof StorageError) {
      log('error', 'storage-error', { path: c.req.path, code: error.code, error: error.message })
      return c.json({ error: { code: 'storage-failure', message: '服务器存储出错，请稍后重试' } }, 503)
    }
    log('error', 'internal-error', { path: c.req.path, stack: error.stack })
    return c.json({ error: { code: 'internal', message: '服务器内部错误' } }, 500)
  })
  app.notFound((c) => c.json({ error: { code: 'not-found', message: '没有这个地址' } }, 404))

  app.use('*', secureHeaders({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: 'same-origin', crossOriginEmbedderPolicy: false }))
  app.use('/api/*', bodyLimits())
  app.use('/api/*', sameOriginOnly(s.guard))

  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/metrics', (c) => {
    const bearer = c.req.header('authorization')
    const allowed = s.metricsToken ? bearer === `Bearer ${s.metricsToken}` : isLoopback(clientAddress(honoRequest(c), s.guard))
    if (!allowed) throw new ApiError(403, 'forbidden', '监控数据只对本机或持有监控令牌的请求开放')
    return c.text(s.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' })
  })
  app.route('/', staticFiles())
  app.route('/', sessionRoutes(s))

  // Every other API call needs a login.
  app.use('/api/*', async (c, next) => {
    const user = await s.auth.userOfSession(getCookie(c, SESSION_COOKIE))
    if (!user) throw notLoggedIn()
    c.set('user', user)
    await next()
  })

  app.route('/', accountRoutes(s))
  app.route('/', documentRoutes(ports))
  app.route('/', workflowRoutes(ports))
  app.route('/', historyRoutes(ports))
  app.route('/', reviewRoutes(ports))
  app.route('/', orgRoutes(ports))
  app.route('/', notificationRoutes({ ...ports, feed: s.feed }))
  return app
}
