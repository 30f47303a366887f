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

  /** Milliseconds until the bucket is full again (0: full): until then, forgetting it would hand out a fresh burst. */
  msUntilFull(): number {
    const tokens = Math.min(this.limit.burst, this.tokens + ((this.now() - this.last) / 1000) * this.limit.perSecond)
    return tokens >= this.limit.burst ? 0 : Math.ceil(((this.limit.burst - tokens) / this.limit.perSecond) * 1000)
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
