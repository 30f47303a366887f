/**
 * The port the relay core stores documents through. A document's state is
 * its snapshot plus every update appended after it; appending is durable
 * when the promise resolves, and nothing is sent to any client before.
 *
 * Compaction and version writing are the log's own work, done under the
 * document's lock from what is stored — never from one instance's copy of
 * the document, which may lag behind updates another instance stored.
 * Adapters: memory (tests), SQLite (embedded default), PostgreSQL.
 */
import type { VersionRecord } from '@shared/history/version-record'
import { editSessions, SESSION_GAP_MS, type AuthoredUpdate } from '@shared/history/authorship'
import type { ActivityEntry } from '@shared/history/activity'
import type { Role } from '@shared/protocol/role'
import type { Fold } from './fold'

export type { VersionRecord, ActivityEntry }

export interface DocumentRecord {
  id: string
  title: string
  ownerId: number | null
  createdAt: number
}

export type NewVersion = Omit<VersionRecord, 'id'>

/**
 * What a new document is given at its making, stored in the same
 * transaction as the document: named roles (its maker's first), the
 * department it belongs to, and the record of its making. Either all of it
 * is stored or nothing is.
 */
export interface Belongings {
  roles?: readonly { userId: number; role: Role }[]
  orgId?: number | undefined
  activity?: readonly ActivityEntry[]
}

/** One accepted update and who sent it (null: the server itself), for attribution. */
export type LoggedUpdate = AuthoredUpdate

/** What the history views read: the recorded activity and the log not yet folded into edit sessions. */
export interface StoredHistory {
  entries: ActivityEntry[]
  tail: LoggedUpdate[]
}

export interface StoredState {
  /** Snapshot and log, in order; apply them all to get the document. */
  updates: Uint8Array[]
  /** The log after the snapshot. */
  tailCount: number
  tailBytes: number
  /** Which account each Yjs client id of the document belongs to. */
  clients: ClientBinding[]
  /** Moved on by every workflow step (`AppendGuard.step`). */
  epoch: number
}

/**
 * A Yjs client id and the account that first wrote under it (or announced
 * it): only that account may write under it again, or a squatter could
 * claim the range a colleague's offline edits will take and Yjs would
 * drop them as already known.
 */
export interface ClientBinding {
  client: number
  by: string
}

/** What an append must hold to, checked in its transaction. */
export interface AppendGuard {
  /** The client ids the updates write under, each with its sender's account: bound if new; refused (`client-taken`) if bound to another. */
  claims?: readonly ClientBinding[]
  /**
   * The document's epoch the updates were judged under: refused
   * (`stale-epoch`) when a workflow step moved it on meanwhile, so an
   * instance cut off from the others cannot store staff edits after 报送.
   */
  epoch?: number
  /** The updates hold a workflow step: the epoch moves on with them. */
  step?: boolean
}

export const clientTaken = (client: number): string => `客户端编号 ${client} 已属于另一位用户`
export const STALE_EPOCH = '文档的流程状态已变更，这些修改是按变更前的状态接受的，未保存'

/** An append the log refused as a whole (nothing of it stored). */
export class AppendRefusedError extends Error {
  override readonly name = 'AppendRefusedError'
  constructor(
    readonly reason: 'client-taken' | 'stale-epoch',
    message: string,
  ) {
    super(message)
  }
}

export interface CompactionResult {
  /** Log entries folded into the snapshot (0: nothing to do). */
  updatesMerged: number
  /** What the snapshot and those entries took before, and the new snapshot takes now. */
  bytesBefore: number
  bytesAfter: number
}

/** A compaction that found nothing to fold (or whose folding another one overtook). */
export const NOTHING_FOLDED: CompactionResult = Object.freeze({ updatesMerged: 0, bytesBefore: 0, bytesAfter: 0 })

export interface DocumentLog {
  /**
   * Stores a new document, its first update and what it is given
   * (`Belongings`) in one transaction. Rejects with DocumentExistsError when
   * the id is taken, StorageError when a role's user or the department does
   * not exist — and then stores nothing.
   */
  create(record: DocumentRecord, initialUpdate: Uint8Array, belongings?: Belongings): Promise<void>
  get(id: string): Promise<DocumentRecord | undefined>
  list(): Promise<DocumentRecord[]>
  rename(id: string, title: string): Promise<void>
  delete(id: string): Promise<void>
  /**
   * Appends updates (there may be none: claims alone) in one transaction,
   * with the guard's claims. Rejects with AppendRefusedError when the
   * guard does not hold, StorageError when storing failed.
   */
  append(docId: string, updates: readonly LoggedUpdate[], guard?: AppendGuard): Promise<void>
  load(docId: string): Promise<StoredState>
  /**
   * Folds the log into the snapshot, under the document's lock, and its
   * updates' authors into edit-session entries (`foldedActivity`), so
   * attribution outlives the updates; `fold` computes both (`fold.ts`).
   * Updates appended while it folds stay in the log.
   */
  compact(docId: string, fold?: Fold): Promise<CompactionResult>
  /** Appends activity entries (workflow steps, comments, decisions, refusals…). */
  record(docId: string, entries: readonly ActivityEntry[]): Promise<void>
  /**
   * Each document's kept summary (what the queue and the dashboard show),
   * with the document's generation: every append and every record moves it
   * on, so a summary kept at an older generation is out of date. Documents
   * with none kept are absent or have `summary` null.
   */
  summaries(docIds: readonly string[]): Promise<Map<string, KeptSummary>>
  /** Keeps a summary read at generation `gen`; nothing is kept when the document has moved on since. */
  keepSummary(docId: string, gen: number, summary: unknown): Promise<void>
  /** Activity entries in the order recorded, and the log not yet compacted. */
  history(docId: string): Promise<StoredHistory>
  /**
   * Stores a named version, under the document's lock; returns its id. Its
   * state is the document as stored now, or `state` when given (a version
   * moved from another store).
   */
  saveVersion(docId: string, version: NewVersion, state?: Uint8Array): Promise<number>
  versions(docId: string): Promise<VersionRecord[]>
  /** Drops versions (automatic ones the thinning policy no longer keeps). */
  deleteVersions(docId: string, ids: readonly number[]): Promise<void>
  /** A version's whole state as one update; undefined when there is no such version. */
  versionState(docId: string, versionId: number): Promise<Uint8Array | undefined>
}

/** What a compaction records about the updates it folds: who edited, in sessions, with the ids they wrote and deleted. */
export const foldedActivity = (folded: readonly LoggedUpdate[], steps: readonly number[] = []): ActivityEntry[] =>
  editSessions(folded, SESSION_GAP_MS, steps).map((session) => ({ at: session.to, by: session.by, event: { kind: 'edits', ...session } }))

export class DocumentExistsError extends Error {
  override readonly name = 'DocumentExistsError'
  constructor(readonly docId: string) {
    super(`文档编号已存在：${docId}`)
  }
}

/** A document's summary as kept, and whether it is current. */
export interface KeptSummary {
  /** The document's generation now. */
  gen: number
  /** The summary, when one was kept at this very generation; else null. */
  summary: unknown
}
