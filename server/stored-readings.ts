/**
 * What is read off a whole stored document — its status, its review
 * summary — kept while the stored state stays the same. A list of
 * documents then costs, per document, reading its bytes and a digest of
 * them, not building it: that is tens of milliseconds for a large
 * document, on the thread every connection shares.
 */
import { createHash } from 'node:crypto'

export class StoredReadings {
  private readonly kept = new Map<string, { digest: string; value: unknown }>()

  constructor(private readonly capacity = 500) {}

  /** `read`'s value for these stored updates: kept from an earlier call on the same bytes, or read now. */
  async get<T>(key: string, updates: readonly Uint8Array[], read: () => Promise<T>): Promise<T> {
    const hash = createHash('sha256')
    for (const update of updates) hash.update(update)
    const digest = hash.digest('base64')
    const kept = this.kept.get(key)
    const value = kept?.digest === digest ? (kept.value as T) : await read()
    this.kept.delete(key)
    // Re-inserted: the Map's order is then least recently used first.
    this.kept.set(key, { digest, value })
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!)
    return value
  }
}
