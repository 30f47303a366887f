/**
 * A token bucket: `burst` messages at once, refilled at `perSecond`.
 * Typing produces a few dozen messages a second; a flood is thousands.
 */
export interface RateLimit {
  perSecond: number
  burst: number
}

export class RateLimiter {
  private tokens: number
  private last: number

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst
    this.last = now()
  }

  /** Takes `cost` tokens (one message by default); false, taking none, when there are not enough. */
  take(cost = 1): boolean {
    const now = this.now()
    this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond)
    this.last = now
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}
