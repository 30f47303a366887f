/**
 * Side duties of a room, done after a batch is stored and sent (as
 * Hocuspocus' `afterStoreDocument`): the room loads, judges, applies,
 * stores and broadcasts; whatever else follows from a stored batch —
 * automatic versions, the activity log, compaction — listens here. A
 * listener's failure is its own: it never touches editing.
 */
import type { ActivityEntry, LoggedUpdate } from '../storage/document-log'

/** What one commit stored. */
export interface StoredBatch {
  /** The updates appended, in order (empty when the batch held only activity or bindings). */
  updates: readonly LoggedUpdate[]
  /** Whether anything was appended: updates or client bindings. */
  appended: boolean
  /** Activity of the batch (comments, decisions, refusals): to be recorded now that its updates are stored. */
  activity: ActivityEntry[]
  /** The batch holds a workflow step (which keeps its own version). */
  step: boolean
}

export interface AfterStore {
  /**
   * After a batch was stored and what waited for it sent. A returned
   * promise is awaited before the room's flush resolves (the activity log,
   * which tests and the API read right after); work that need not hold the
   * flush back runs in the background and returns nothing.
   */
  afterStore(batch: StoredBatch): void | Promise<void>
  /** The room is closing with everything stored: last work (a final version, a compaction). */
  beforeClose?(): Promise<void>
  /** The room is gone (saved or not): stop any timer. */
  dispose?(): void
}

/** A room's listeners, in order: each batch (and the close) reaches them one after another. */
export class AfterStoreListeners implements AfterStore {
  constructor(private readonly listeners: readonly AfterStore[]) {}

  async afterStore(batch: StoredBatch): Promise<void> {
    for (const listener of this.listeners) await listener.afterStore(batch)
  }

  async beforeClose(): Promise<void> {
    for (const listener of this.listeners) await listener.beforeClose?.()
  }

  dispose(): void {
    for (const listener of this.listeners) listener.dispose?.()
  }
}
