/**
 * Login throttling per account and per client address. Failures are
 * counted in a sliding window; past a few, the account (or the address)
 * is locked for a time that doubles with every further failure, up to a
 * ceiling. A lock also refuses the right password — otherwise guessing
 * would merely slow down — and says in Chinese when to try again. A
 * success clears the account's count (not the address's: one address may
 * be a whole office behind NAT guessing at several accounts).
 *
 * In memory: a restart forgets, which at worst gives a guesser one more
 * window. Time is passed in, so tests need no clock.
 */

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

interface Record {
  failures: number[]
  lockedUntil: number
}

/** Entries kept at most, so a flood of made-up names cannot grow memory without bound. */
const MAX_ENTRIES = 100_000

export class LoginThrottle {
  private readonly accounts = new Map<string, Record>()
  private readonly addresses = new Map<string, Record>()

  constructor(private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE) {}

  /** Whether a login attempt may be checked at all now. */
  check(account: string, address: string, now: number): ThrottleDecision {
    const until = Math.max(this.accounts.get(account)?.lockedUntil ?? 0, this.addresses.get(address)?.lockedUntil ?? 0)
    if (until <= now) return { ok: true }
    const retryAfterMs = until - now
    const minutes = Math.ceil(retryAfterMs / 60_000)
    return { ok: false, retryAfterMs, message: `登录失败次数过多，请 ${minutes} 分钟后再试` }
  }

  failed(account: string, address: string, now: number): void {
    this.count(this.accounts, account, this.policy.accountFailures, now)
    this.count(this.addresses, address, this.policy.addressFailures, now)
  }

  succeeded(account: string): void {
    this.accounts.delete(account)
  }

  private count(records: Map<string, Record>, key: string, limit: number, now: number): void {
    const record = records.get(key) ?? { failures: [], lockedUntil: 0 }
    record.failures = [...record.failures.filter((t) => t > now - this.policy.windowMs), now]
    const over = record.failures.length - limit
    if (over >= 0) record.lockedUntil = now + Math.min(this.policy.maxLockMs, this.policy.baseLockMs * 2 ** over)
    if (!records.has(key) && records.size >= MAX_ENTRIES) records.delete(records.keys().next().value!)
    records.set(key, record)
  }
}
