/**
 * Logging in and out (before the login check), and one's own account
 * (after it): who one is, one's 姓名, one's password.
 */
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../auth/authenticate'
import { LoginThrottle } from '../../auth/login-throttle'
import { log } from '../../log'
import { SESSION_LIFETIME_MS } from '../../storage/account-store'
import type { Logins } from '../../auth/logins'
import type { Relay } from '../../relay/relay'
import type { AccountStore } from '../../storage/account-store'
import type { LoginFailureStore } from '../../storage/login-failures'
import { ApiError } from '../api-error'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'
import { clientAddress, ownOrigin, type RequestGuardOptions } from '../request-guard'

interface Services {
  accounts: AccountStore
  logins: Logins
  relay: Pick<Relay, 'closeUnauthenticated'>
  guard: RequestGuardOptions
  loginFailures: LoginFailureStore
}

const startSession = async (s: Services, c: Context<Env>, userId: number) =>
  setCookie(c, SESSION_COOKIE, await s.accounts.createSession(userId), {
    httpOnly: true,
    sameSite: 'Lax',
    // Over HTTPS (directly, or behind a trusted proxy that says so) the cookie never travels in clear.
    secure: ownOrigin(c, s.guard).startsWith('https:'),
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
  })

/** Login and logout: reachable without a session. */
export function sessionRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)
  const throttle = new LoginThrottle(s.loginFailures)

  route('POST /api/login', async (c, body) => {
    const address = clientAddress(c, s.guard)
    const gate = await throttle.check(body.name, address, Date.now())
    if (!gate.ok) {
      c.header('Retry-After', String(Math.ceil(gate.retryAfterMs / 1000)))
      throw new ApiError(429, 'login-throttled', gate.message)
    }
    const user = await s.logins.authenticate(body.name, body.password)
    if (!user) {
      await throttle.failed(body.name, address, Date.now())
      log('warn', 'login-failed', { user: body.name, address })
      throw new ApiError(401, 'bad-credentials', '用户名或密码错误')
    }
    await throttle.succeeded(body.name)
    await startSession(s, c, user.id)
    return { user }
  })

  route('POST /api/logout', async (c) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    if (sessionId) {
      await s.accounts.endSession(sessionId)
      // Sockets opened with this login close now, on every instance, not at their next message.
      await s.relay.closeUnauthenticated({ publish: true })
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return { ok: true }
  })
  return app
}

/** One's own account. */
export function accountRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)

  route('GET /api/me', (c) => ({ user: c.get('user') }))

  /** One's own display name (姓名), as others see it in threads, suggestions and history. */
  route('PATCH /api/me', async (c, { displayName }) => {
    const user = c.get('user')
    await s.accounts.setDisplayName(user.name, displayName)
    return { user: { ...user, displayName } }
  })

  /**
   * One's own password, given the current one. Every other login and every
   * open connection of the account ends (on every instance); this browser
   * gets a new session and stays logged in.
   */
  route('POST /api/me/password', async (c, body) => {
    const user = c.get('user')
    if (!(await s.logins.authenticate(user.name, body.current))) throw new ApiError(403, 'bad-credentials', '当前密码不正确')
    await s.logins.setPassword(user.name, body.next)
    await s.relay.closeUnauthenticated({ publish: true })
    await startSession(s, c, user.id)
    return { ok: true }
  })
  return app
}
