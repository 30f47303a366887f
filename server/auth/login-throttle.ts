/**
 * Login throttling per account and per client address. Failures are
 * counted in a sliding window; past a few, the account (or the address)
 * is locked for a time that doubles with every further failure, up to a
 * ceiling. A lock also refuses the right password — otherwise guessing
 * would merely slow down — and says in Chinese when to try again. A
 * success clears the account's count (not the address's: one address may
 * be a whole office behind NAT guessing at several accounts).
 *
 * The failures are kept in the shared database (`LoginFailureStore`): a
 * lock holds on every instance and after a restart. Only their times are
 * stored; the lock is worked out from them (`lockedUntil`), so there is
 * no counter for two instances to update at once and lose an increment.
 * Time is passed in, so tests need no clock.
 */
import type { LoginFailureStore } from '../storage/login-failures'

export interface ThrottlePolicy {
  /** Failures counted within this window… */
  windowMs: number
  /** …before an account is locked… */
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

export class LoginThrottle {
  constructor(
    private readonly failures: LoginFailureStore,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** Whether a login attempt may be checked at all now. */
  async check(account: string, address: string, now: number): Promise<ThrottleDecision> {
    const seen = await this.failures.since([accountKey(account), addressKey(address)], this.horizon(now))
    const until = Math.max(
      lockedUntil(seen.get(accountKey(account)) ?? [], this.policy.accountFailures, this.policy),
      lockedUntil(seen.get(addressKey(address)) ?? [], this.policy.addressFailures, this.policy),
    )
    if (until <= now) return { ok: true }
    const retryAfterMs = until - now
    const minutes = Math.ceil(retryAfterMs / 60_000)
    return { ok: false, retryAfterMs, message: `登录失败次数过多，请 ${minutes} 分钟后再试` }
  }

  async failed(account: string, address: string, now: number): Promise<void> {
    await this.failures.record([accountKey(account), addressKey(address)], now, this.horizon(now))
  }

  async succeeded(account: string): Promise<void> {
    await this.failures.clear(accountKey(account))
  }

  /** Failures older than this neither count in a window nor hold a lock that lasts until now. */
  private horizon(now: number): number {
    return now - this.policy.windowMs - this.policy.maxLockMs
  }
}
