/**
 * Folds the stored log into one snapshot once the log after the last
 * snapshot grows past `CompactionLimits`, and when the room closes. The
 * log does the folding itself, under the document's lock, from what is
 * stored; a failure leaves the log as it was.
 */
import { log } from '../log'
import type { DocumentLog } from '../storage/document-log'
import type { AfterStore, StoredBatch } from './after-store'
import type { StoredSize } from './stored-size'

export interface CompactionLimits {
  /** Compact when the log after the snapshot has this many updates… */
  updates: number
  /** …or this many bytes. */
  bytes: number
}

export class CompactionTrigger implements AfterStore {
  private compacting = false

  constructor(
    private readonly docId: string,
    private readonly log: DocumentLog,
    private readonly size: StoredSize,
    private readonly limits: CompactionLimits,
  ) {}

  afterStore({ appended }: StoredBatch): void {
    if (!appended) return
    if (this.size.tail.count >= this.limits.updates || this.size.tail.bytes >= this.limits.bytes) void this.compact()
  }

  beforeClose(): Promise<void> {
    return this.compact()
  }

  private async compact(): Promise<void> {
    if (this.compacting) return
    this.compacting = true
    try {
      this.size.compacted(await this.log.compact(this.docId))
    } catch (error) {
      log('error', 'compaction-failed', { docId: this.docId, error: (error as Error).message })
    } finally {
      this.compacting = false
    }
  }
}
