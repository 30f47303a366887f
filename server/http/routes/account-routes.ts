/**
 * Logging in and out (before the login check), and one's own account
 * (after it): who one is, one's 姓名, one's password. Every typed password
 * goes through the throttle (`PasswordAttempts`).
 */
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../auth/authenticate'
import { DEVICE_COOKIE, DEVICE_COOKIE_LIFETIME_MS } from '../../auth/device-cookie'
import { PasswordAttempts } from '../../auth/password-attempts'
import { impersonationMessage, ShownNames } from '../../auth/shown-names'
import { log } from '../../log'
import { SESSION_LIFETIME_MS } from '../../storage/account-store'
import type { Logins } from '../../auth/logins'
import type { Relay } from '../../relay/relay'
import type { AccountStore } from '../../storage/account-store'
import type { LoginFailureStore } from '../../storage/login-failures'
import type { OrgStore } from '../../storage/org-store'
import { ApiError } from '../api-error'
import { apiRoutes } from '../api-route'
import type { Env } from '../env'
import { clientAddress, honoRequest, ownOrigin, type RequestGuardOptions } from '../request-guard'

interface Services {
  accounts: AccountStore
  logins: Logins
  relay: Pick<Relay, 'closeUnauthenticated'>
  guard: RequestGuardOptions
  loginFailures: LoginFailureStore
  orgs: OrgStore
  secret: Buffer
}

const startSession = async (s: Services, c: Context<Env>, userId: number) =>
  setCookie(c, SESSION_COOKIE, await s.accounts.createSession(userId), {
    httpOnly: true,
    sameSite: 'Lax',
    // Over HTTPS (directly, or behind a trusted proxy that says so) the cookie never travels in clear.
    secure: ownOrigin(honoRequest(c), s.guard).startsWith('https:'),
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
  })

/** A password typed for `account`, checked through the throttle (`PasswordAttempts`); 429 while it must wait. */
async function passwordAttempt<T>(s: Services, attempts: PasswordAttempts, c: Context<Env>, account: string, verify: () => Promise<T | undefined>) {
  const tried = await attempts.attempt({ account, address: clientAddress(honoRequest(c), s.guard), deviceCookie: getCookie(c, DEVICE_COOKIE) }, verify)
  if (tried.kind === 'throttled') {
    c.header('Retry-After', String(Math.ceil(tried.retryAfterMs / 1000)))
    throw new ApiError(429, 'login-throttled', tried.message)
  }
  return tried
}

/** Trusts this browser for the account from now on; set after the session cookie (clients that read the first Set-Cookie find the session). */
const trustBrowser = (s: Services, c: Context<Env>, deviceCookie: string) =>
  setCookie(c, DEVICE_COOKIE, deviceCookie, { httpOnly: true, sameSite: 'Strict', secure: ownOrigin(honoRequest(c), s.guard).startsWith('https:'), path: '/api', maxAge: DEVICE_COOKIE_LIFETIME_MS / 1000 })

/** Login and logout: reachable without a session. */
export function sessionRoutes(s: Services): Hono<Env> {
  const app = new Hono<Env>()
  const { route } = apiRoutes(app)
  const attempts = new PasswordAttempts(s.loginFailures, s.secret)

  route('POST /api/login', async (c, body) => {
    const tried = await passwordAttempt(s, attempts, c, body.name, () => s.logins.authenticate(body.name, body.password))
    if (tried.kind === 'wrong') {
      log('warn', 'login-failed', { user: body.name, address: clientAddress(honoRequest(c), s.guard) })
      throw new ApiError(401, 'bad-credentials', '用户名或密码错误')
    }
    await startSession(s, c, tried.value.id)
    trustBrowser(s, c, tried.deviceCookie)
    return { user: tried.value }
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
  const attempts = new PasswordAttempts(s.loginFailures, s.secret)
  const shown = new ShownNames(s.accounts, s.orgs)

  route('GET /api/me', (c) => ({ user: c.get('user') }))

  /** One's own display name (姓名), as others see it in threads, suggestions and history. */
  route('PATCH /api/me', async (c, { displayName }) => {
    const user = c.get('user')
    const impersonated = await shown.impersonated(displayName, (await s.orgs.membershipsOf(user.id)).map((m) => m.orgId), user.id)
    if (impersonated) throw new ApiError(409, 'name-impersonates', impersonationMessage(displayName, impersonated))
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
    const tried = await passwordAttempt(s, attempts, c, user.name, () => s.logins.authenticate(user.name, body.current))
    if (tried.kind === 'wrong') throw new ApiError(403, 'bad-credentials', '当前密码不正确')
    await s.logins.setPassword(user.name, body.next)
    await s.relay.closeUnauthenticated({ publish: true })
    await startSession(s, c, user.id)
    trustBrowser(s, c, tried.deviceCookie)
    return { ok: true }
  })
  return app
}
