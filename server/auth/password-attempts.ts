/**
 * Every check of a password someone types — a login, the current password
 * before a change — goes through here: throttled (`login-throttle.ts`)
 * before the hash runs, counted when wrong, and on success answered with
 * a device cookie for the browser (`device-cookie.ts`), which from then
 * on is throttled on its own failures only.
 *
 * One attempt at a time: while one for an account (or, from a trusted
 * browser, for that device) is being checked, another is refused at once.
 * Without this, guesses sent all together would each pass the throttle
 * before the first failure is counted (and queue up scrypt for everyone's
 * logins). In memory, per instance: the throttle itself is in the database.
 */
import type { LoginFailureStore } from '../storage/login-failures'
import { issueDeviceCookie, verifyDeviceCookie } from './device-cookie'
import { DEFAULT_THROTTLE, LoginThrottle, type LoginAttempt, type ThrottlePolicy } from './login-throttle'

export interface PasswordAttempt {
  account: string
  address: string
  /** The browser's device cookie, if it sent one. */
  deviceCookie: string | undefined
}

export type Attempted<T> =
  | { kind: 'ok'; value: T; deviceCookie: string }
  | { kind: 'wrong' }
  | { kind: 'throttled'; retryAfterMs: number; message: string }

const ONE_AT_A_TIME = { retryAfterMs: 1_000, message: '正在验证上一次输入的密码，请稍候再试' }

export class PasswordAttempts {
  private readonly throttle: LoginThrottle
  /** Attempts being checked now: one lane per trusted device, one per account for everyone else. */
  private readonly inFlight = new Set<string>()

  constructor(
    failures: LoginFailureStore,
    private readonly secret: Buffer,
    policy: ThrottlePolicy = DEFAULT_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {
    this.throttle = new LoginThrottle(failures, policy)
  }

  /** Runs `verify` (which answers undefined for a wrong password) unless the attempt must wait. */
  async attempt<T>({ account, address, deviceCookie }: PasswordAttempt, verify: () => Promise<T | undefined>): Promise<Attempted<T>> {
    const device = verifyDeviceCookie(this.secret, deviceCookie)
    const trusted = device?.account === account ? device : null
    const attempt: LoginAttempt = { account, address, device: trusted?.id }
    const lane = trusted ? `device:${trusted.id}` : `account:${account}`
    if (this.inFlight.has(lane)) return { kind: 'throttled', ...ONE_AT_A_TIME }
    this.inFlight.add(lane)
    try {
      const gate = await this.throttle.check(attempt, this.now())
      if (!gate.ok) return { kind: 'throttled', retryAfterMs: gate.retryAfterMs, message: gate.message }
      const value = await verify()
      if (value === undefined) {
        await this.throttle.failed(attempt, this.now())
        return { kind: 'wrong' }
      }
      await this.throttle.succeeded(attempt)
      return { kind: 'ok', value, deviceCookie: trusted ? deviceCookie! : issueDeviceCookie(this.secret, account) }
    } finally {
      this.inFlight.delete(lane)
    }
  }
}
