/**
 * Folds the stored log into one snapshot once the log after the last
 * snapshot grows past `CompactionLimits`, and when the room closes. A
 * compaction reads and rewrites the whole document, so while editing goes
 * on it waits for a pause (`quietMs` without a stored batch) — unless the
 * log has grown to `FORCE_AFTER` times the limit, which bounds what a load
 * reads. The log does the folding itself, under the document's lock, from
 * what is stored, computing it with `fold` (a large log in a worker); a
 * failure leaves the log as it was.
 */
import { log } from '../log'
import type { DocumentLog } from '../storage/document-log'
import type { Fold } from '../storage/fold'
import type { AfterStore, StoredBatch } from './after-store'
import type { StoredSize } from './stored-size'

export interface CompactionLimits {
  /** Compact when the log after the snapshot has this many updates… */
  updates: number
  /** …or this many bytes… */
  bytes: number
  /** …once no batch was stored for this long (default `QUIET_MS`); at `FORCE_AFTER` times the limit, at once. */
  quietMs?: number
}

const QUIET_MS = 250
const FORCE_AFTER = 4

export class CompactionTrigger implements AfterStore {
  /** The compaction under way, which a second waits for rather than repeats. */
  private running: Promise<void> | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly docId: string,
    private readonly log: DocumentLog,
    private readonly size: StoredSize,
    private readonly limits: CompactionLimits,
    private readonly fold?: Fold,
  ) {}

  afterStore({ appended }: StoredBatch): void {
    if (!appended) return
    const { tail } = this.size
    const { updates, bytes } = this.limits
    if (tail.count < updates && tail.bytes < bytes) return
    this.cancel()
    if (tail.count >= FORCE_AFTER * updates || tail.bytes >= FORCE_AFTER * bytes) return void this.compact()
    this.timer = setTimeout(() => {
      this.timer = null
      void this.compact()
    }, this.limits.quietMs ?? QUIET_MS)
    this.timer.unref?.()
  }

  async beforeClose(): Promise<void> {
    this.cancel()
    // One folding in a worker may still be under way: the room closes once it is stored, with what came after it folded too.
    await this.running
    await this.compact()
  }

  dispose(): void {
    this.cancel()
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private compact(): Promise<void> {
    this.running ??= this.log
      .compact(this.docId, this.fold)
      .then((result) => this.size.compacted(result))
      .catch((error: Error) => log('error', 'compaction-failed', { docId: this.docId, error: error.message }))
      .finally(() => (this.running = null))
    return this.running
  }
}
