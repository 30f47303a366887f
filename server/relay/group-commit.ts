/**
 * Store-then-relay with group commit. Everything a room accepts while
 * handling one batch of socket events is appended in one transaction on
 * the next turn of the event loop; only when the append has resolved is
 * anything sent — relayed updates, sync answers, awareness — so no client
 * ever sees state the server has not stored. Commits run one after
 * another, and what was queued behind one waits for it. If a commit
 * fails, nothing of the batch is sent and the room is dropped
 * (`failed`), to be reloaded from storage.
 */
import { log } from '../log'
import type { Metrics } from '../metrics'
import { AppendRefusedError, type ActivityEntry, type AppendGuard, type ClientBinding, type DocumentLog, type LoggedUpdate } from '../storage/document-log'
import { StorageError } from '../storage/storage-error'
import type { StoredBatch } from './after-store'
import type { Session } from './session'
import { updateTimings } from './update-timings'

/** Something to send once the batch is stored: to one session, or to all but one. */
export type Outgoing = { frame: Uint8Array; to: Session } | { frame: Uint8Array; to: 'all'; except: number | null }

export interface GroupCommitPorts {
  docId: string
  log: DocumentLog
  metrics: Metrics
  /** Whom `to: 'all'` reaches. */
  sessions: ReadonlySet<Session>
  /** Runs `flush` soon, after the current batch of events. */
  schedule(flush: () => void): void
  isClosed(): boolean
  /** The batch is stored (nothing of it sent yet): `epoch` is the document's epoch after it. */
  appended(batch: readonly LoggedUpdate[], claims: readonly ClientBinding[], epoch: number): void
  /** What waited for the batch has been sent: the side duties (`after-store.ts`). */
  afterStore(batch: StoredBatch): Promise<void>
  /** Storing failed: the room holds state that is not stored. */
  failed(error: StorageError): void
}

export class GroupCommit {
  private unstored: LoggedUpdate[] = []
  /** Client ids bound since the last commit, with their accounts. */
  private claims: ClientBinding[] = []
  /** What is unstored holds a workflow step. */
  private step = false
  /** Activity of what is unstored (comments, decisions) and refusals. */
  private activity: ActivityEntry[] = []
  private outbox: Outgoing[] = []
  private scheduled = false
  private commits: Promise<unknown> = Promise.resolve()
  private inFlight = 0
  /**
   * The document's epoch, as stored (moved on by every workflow step): an
   * append says the epoch its updates were judged under, and storage
   * refuses it if a step anywhere moved the epoch on meanwhile.
   */
  private epoch = 0

  constructor(private readonly ports: GroupCommitPorts) {}

  /** The epoch as read from storage when the room loaded. */
  loaded(epoch: number): void {
    this.epoch = epoch
  }

  /** An update the document took, to be stored with the next commit; `step`: it is a workflow step. */
  store(update: LoggedUpdate, step: boolean): void {
    if (step) this.step = true
    this.unstored.push(update)
    this.schedule()
  }

  /** A client id bound to the account writing under it (or announcing it) first. */
  claim(binding: ClientBinding): void {
    this.claims.push(binding)
    this.schedule()
  }

  /** Activity to record once the batch it belongs to is stored. */
  note(entries: readonly ActivityEntry[]): void {
    if (entries.length === 0) return
    this.activity.push(...entries)
    this.schedule()
  }

  /**
   * A step another instance took (heard, or read from storage). What this
   * room accepted before hearing it was judged under the status before:
   * it goes to storage with the old epoch first (and is refused if the
   * step came first).
   */
  raiseEpoch(epoch: number): void {
    if (epoch <= this.epoch) return
    if (this.unstored.length > 0 || this.claims.length > 0) void this.flush()
    this.epoch = epoch
  }

  /** Sends now when nothing waits to be stored and no commit is under way; otherwise after the commit. */
  send(outgoing: Outgoing): void {
    if (this.unstored.length === 0 && this.outbox.length === 0 && this.inFlight === 0) return this.deliver(outgoing)
    this.outbox.push(outgoing)
    this.schedule()
  }

  /**
   * Stores what is pending in one append, then sends what waited for it.
   * Resolves false when storing failed (the room is then dropped) or the
   * room is closed.
   */
  flush(): Promise<boolean> {
    this.scheduled = false
    const batch = this.unstored
    const outbox = this.outbox
    const activity = this.activity
    const guard: AppendGuard = { claims: this.claims, epoch: this.epoch, step: this.step }
    if (this.step) this.epoch++
    this.clear()
    this.inFlight++
    const commit = this.commits
      .then(() => this.commit(batch, guard, outbox, activity))
      // A bug in a commit must neither stop the ones after it nor reach the process as an unhandled rejection.
      .catch((error: Error) => {
        log('error', 'commit-failed', { docId: this.ports.docId, error: error.message, stack: error.stack })
        this.fail(StorageError.from(error, '保存更新'))
        return false
      })
      .finally(() => this.inFlight--)
    this.commits = commit
    return commit
  }

  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    this.ports.schedule(() => void this.flush())
  }

  private async commit(batch: LoggedUpdate[], guard: AppendGuard, outbox: Outgoing[], activity: ActivityEntry[]): Promise<boolean> {
    if (this.ports.isClosed()) return false
    const claims = guard.claims ?? []
    const appended = batch.length > 0 || claims.length > 0
    let start = updateTimings?.now()
    if (appended) {
      if (updateTimings) updateTimings.appends++
      try {
        await this.ports.metrics.timeStorageWrite(() => this.ports.log.append(this.ports.docId, batch, guard))
      } catch (error) {
        // Fenced by a step taken elsewhere, or a client id bound elsewhere: reloaded, the room judges the clients' resent updates again.
        if (error instanceof AppendRefusedError) log('warn', 'append-refused', { docId: this.ports.docId, reason: error.reason, updates: batch.length })
        this.fail(StorageError.from(error, '保存更新'))
        return false
      }
      if (this.ports.isClosed()) return false
      this.ports.appended(batch, claims, guard.epoch! + (guard.step ? 1 : 0))
    }
    if (start !== undefined) start = updateTimings!.since('store', start)
    for (const outgoing of outbox) this.deliver(outgoing)
    if (start !== undefined) start = updateTimings!.since('broadcast', start)
    await this.ports.afterStore({ updates: batch, appended, activity, step: guard.step === true })
    if (start !== undefined) updateTimings!.since('store', start)
    return true
  }

  private deliver(outgoing: Outgoing): void {
    if (outgoing.to !== 'all') return outgoing.to.send(outgoing.frame)
    for (const session of this.ports.sessions) if (session.id !== outgoing.except) session.send(outgoing.frame)
  }

  private fail(error: StorageError): void {
    if (this.ports.isClosed()) return
    this.clear()
    this.ports.failed(error)
  }

  private clear(): void {
    this.unstored = []
    this.outbox = []
    this.activity = []
    this.claims = []
    this.step = false
  }
}
