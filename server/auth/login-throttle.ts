/**
 * Login throttling. Failures are counted in a sliding window; past a few,
 * further attempts must wait a time that doubles with every further
 * failure, up to a ceiling (a wait also refuses the right password —
 * otherwise guessing would merely slow down — and says in Chinese when to
 * try again).
 *
 * Whose failures count depends on who asks (OWASP's device cookies,
 * `device-cookie.ts`):
 *   - a browser that logged in to the account before (a valid device
 *     cookie naming it) counts its own failures only: neither a guesser
 *     elsewhere nor a busy NAT address slows its owner down;
 *   - any other attempt counts against the account (from untrusted
 *     browsers) and its address.
 * So 5 guesses at a reviewer's name make untrusted browsers wait, not the
 * reviewer at their desk, and 30 failures behind an office's one address
 * slow down newcomers there, not everyone who logged in before. A success
 * clears the account's count and the device's (not the address's: one
 * address may be a whole office guessing at several accounts).
 *
 * The failures are kept in the shared database (`LoginFailureStore`): a
 * wait holds on every instance and after a restart. Only their times are
 * stored; the wait is worked out from them (`lockedUntil`), so there is
 * no counter for two instances to update at once and lose an increment.
 * Time is passed in, so tests need no clock.
 */
import type { LoginFailureStore } from '../storage/login-failures'

export interface ThrottlePolicy {
  /** Failures counted within this window… */
  windowMs: number
  /** …before an account (from untrusted browsers) or a trusted device must wait… */
  accountFailures: number
  /** …or an address. */
  addressFailures: number
  /** The first lock; each failure past the limit doubles it, up to `maxLockMs`. */
  baseLockMs: number
  maxLockMs: number
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  windowMs: 15 * 60_000,
  accountFailures: 5,
  addressFailures: 30,
  baseLockMs: 30_000,
  maxLockMs: 15 * 60_000,
}

export type ThrottleDecision = { ok: true } | { ok: false; retryAfterMs: number; message: string }

/**
 * Until when a key's failures (oldest first) lock it: the last failure
 * locks when it was at least the `limit`-th within the window before it,
 * for the base time doubled for each failure past the limit.
 */
export function lockedUntil(failures: readonly number[], limit: number, policy: ThrottlePolicy): number {
  const last = failures.at(-1)
  if (last === undefined) return 0
  const over = failures.filter((t) => t > last - policy.windowMs).length - limit
  return over < 0 ? 0 : last + Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** over)
}

const accountKey = (account: string) => `account:${account}`
const addressKey = (address: string) => `address:${address}`
const deviceKey = (device: string) => `device:${device}`

/** One attempt at an account's password: from where, and from which trusted device (a device cookie naming this account) if any. */
export interface LoginAttempt {
  account: string
  address: string
  device?: string | undefined
}

export class LoginThrottle {
  constructor(
    private readonly failures: LoginFailureStore,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** Whether the attempt may be checked at all now. */
  async check(attempt: LoginAttempt, now: number): Promise<ThrottleDecision> {
    const limits = this.limits(attempt)
    const seen = await this.failures.since([...limits.keys()], this.horizon(now))
    const until = Math.max(0, ...[...limits].map(([key, limit]) => lockedUntil(seen.get(key) ?? [], limit, this.policy)))
    if (until <= now) return { ok: true }
    const retryAfterMs = until - now
    const minutes = Math.ceil(retryAfterMs / 60_000)
    return { ok: false, retryAfterMs, message: `密码错误次数过多，请 ${minutes} 分钟后再试` }
  }

  async failed(attempt: LoginAttempt, now: number): Promise<void> {
    await this.failures.record([...this.limits(attempt).keys()], now, this.horizon(now))
  }

  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.failures.clear(accountKey(attempt.account))
    if (attempt.device) await this.failures.clear(deviceKey(attempt.device))
  }

  /** The keys the attempt's failures count against, each with its limit. */
  private limits({ account, address, device }: LoginAttempt): Map<string, number> {
    return device
      ? new Map([[deviceKey(device), this.policy.accountFailures]])
      : new Map([
          [accountKey(account), this.policy.accountFailures],
          [addressKey(address), this.policy.addressFailures],
        ])
  }

  /** Failures older than this neither count in a window nor hold a wait that lasts until now. */
  private horizon(now: number): number {
    return now - this.policy.windowMs - this.policy.maxLockMs
  }
}
