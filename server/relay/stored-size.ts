/**
 * How much of a room's document is in storage: the whole (snapshot and
 * log, which the size cap is judged against) and the log after the
 * snapshot (which says when to compact). Kept by the room as it loads and
 * stores, and by the compaction trigger when the log is folded.
 */
import type { CompactionResult, LoggedUpdate } from '../storage/document-log'

export class StoredSize {
  /** Snapshot and log. */
  bytes = 0
  /** The log after the snapshot. */
  tail = { count: 0, bytes: 0 }

  loaded(updates: readonly Uint8Array[], tailCount: number, tailBytes: number): void {
    this.tail = { count: tailCount, bytes: tailBytes }
    this.bytes = updates.reduce((n, u) => n + u.length, 0)
  }

  appended(batch: readonly LoggedUpdate[]): void {
    const bytes = batch.reduce((n, u) => n + u.update.length, 0)
    this.tail = { count: this.tail.count + batch.length, bytes: this.tail.bytes + bytes }
    this.bytes += bytes
  }

  compacted(result: CompactionResult): void {
    this.tail = { count: Math.max(0, this.tail.count - result.updatesMerged), bytes: Math.max(0, this.tail.bytes - result.bytesBefore) }
    this.bytes = Math.max(0, this.bytes - result.bytesBefore + result.bytesAfter)
  }
}
