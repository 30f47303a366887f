/** Failed logins in memory (tests): bounded, so made-up names cannot grow it without end. */
import type { LoginFailureStore } from '../login-failures'

const MAX_KEYS = 100_000

export class MemoryLoginFailures implements LoginFailureStore {
  private readonly failures = new Map<string, number[]>()

  async record(keys: readonly string[], at: number, forgetBefore: number): Promise<void> {
    for (const [key, times] of this.failures) {
      const kept = times.filter((t) => t >= forgetBefore)
      if (kept.length === 0) this.failures.delete(key)
      else this.failures.set(key, kept)
    }
    for (const key of keys) {
      if (!this.failures.has(key) && this.failures.size >= MAX_KEYS) this.failures.delete(this.failures.keys().next().value!)
      this.failures.set(key, [...(this.failures.get(key) ?? []), at].sort((a, b) => a - b))
    }
  }

  async since(keys: readonly string[], since: number): Promise<Map<string, number[]>> {
    const found = new Map<string, number[]>()
    for (const key of keys) {
      const times = (this.failures.get(key) ?? []).filter((t) => t >= since)
      if (times.length > 0) found.set(key, times)
    }
    return found
  }

  async clear(key: string): Promise<void> {
    this.failures.delete(key)
  }
}
