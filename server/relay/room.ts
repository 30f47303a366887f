/**
 * A loaded document and the connections editing it. The room keeps the
 * Y.Doc and awareness and answers sync. Updates are stored with group
 * commit: everything accepted while handling one batch of socket events
 * is applied at once, appended in one SQLite transaction on the next turn
 * of the event loop, and only then is anything sent — relayed updates,
 * sync answers, awareness — so no client ever sees state the server has
 * not stored. If the commit fails, nothing of the batch is sent and the
 * room is reset from storage by the relay (`onStorageFailure`).
 *
 * Every update passes the causal gate first (`analyseUpdate`): one that
 * would leave anything pending is not applied, and the sender is asked for
 * its full state (a sync step 1), which the stock client answers. So the
 * document never holds pending state, and rules judge exactly what
 * integrates. A refused update is answered with `auth` (permission
 * denied), logged and counted; a connection refused again and again is
 * closed (4422), since trying a refused update costs the room a rebuild
 * of its trial replica.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from '@shared/protocol/awareness-update'
import { CLOSE } from '@shared/protocol/close-code'
import { analyseUpdate, UPDATE_LIMITS, type UpdateLimits } from '@shared/review/incoming-update'
import { TrialReplica } from '@shared/review/trial-replica'
import { encodeAwareness, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type ClientMessage } from '@shared/protocol/message'
import { isTransactionOrigin, STORAGE_ORIGIN, type TransactionOrigin } from '@shared/protocol/origin'
import { ProtocolError } from '@shared/protocol/protocol-error'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { DocumentStore } from '../storage/document-store'
import { StorageError } from '../storage/storage-error'
import type { Session } from './session'
import type { PolicyRule, UpdatePolicy } from './update-policy'

export interface CompactionLimits {
  /** Compact when the log after the snapshot has this many updates… */
  updates: number
  /** …or this many bytes. */
  bytes: number
}

export interface RoomLimits {
  compaction: CompactionLimits
  update: UpdateLimits
  /**
   * The stored document (snapshot and log) may not grow past this: well
   * under a connection's send buffer cap, so every client can still load it.
   */
  documentBytes: number
  /** Refused updates a connection may send before it is closed. */
  refusalsPerConnection: number
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  compaction: { updates: 1000, bytes: 4 * 1024 * 1024 },
  update: UPDATE_LIMITS,
  documentBytes: 16 * 1024 * 1024,
  refusalsPerConnection: 20,
}

/** Why an update was refused: a policy rule, or the gate's own reasons. */
export type RefusalRule = PolicyRule | 'structure' | 'size'

export interface RoomHooks {
  /** Commit failed: the room holds state that is not stored and must be dropped. */
  onStorageFailure(room: Room, error: StorageError): void
  /** Runs `flush` soon, after the current batch of events (setImmediate on a server). */
  schedule(flush: () => void): void
}

/** Something to send once the batch is stored: to one session, or to all but one. */
type Outgoing = { frame: Uint8Array; to: Session } | { frame: Uint8Array; to: 'all'; except: number | null }

const COLOR = /^#[0-9a-fA-F]{3,8}$/

const STATE_ANSWERS_PER_WINDOW = 5
const STATE_ANSWER_WINDOW_MS = 10_000
const MAX_AWARENESS_BYTES = 16 * 1024

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly sessions = new Set<Session>()
  /** Where rules that read a change as events try it first. */
  readonly trial: TrialReplica
  /** Which connection announced each awareness client id. */
  private readonly clientOwner = new Map<number, Session>()
  private tail: { count: number; bytes: number; lastSeq: number }
  /** The stored size: snapshot and log. */
  private storedBytes: number
  private unstored: Uint8Array[] = []
  private outbox: Outgoing[] = []
  private flushScheduled = false

  constructor(
    readonly docId: string,
    private readonly store: DocumentStore,
    private readonly policy: UpdatePolicy,
    private readonly limits: RoomLimits,
    private readonly metrics: Metrics,
    private readonly hooks: RoomHooks,
  ) {
    const stored = store.load(docId)
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update)
    }, STORAGE_ORIGIN)
    this.tail = { count: stored.tailCount, bytes: stored.tailBytes, lastSeq: stored.lastSeq }
    this.storedBytes = stored.updates.reduce((n, u) => n + u.length, 0)
    this.trial = new TrialReplica(this.doc)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin))
  }

  join(session: Session): void {
    this.sessions.add(session)
    this.send({ frame: encodeSyncStep1(Y.encodeStateVector(this.doc)), to: session })
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length > 0) this.send({ frame: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)), to: session })
  }

  leave(session: Session): void {
    this.sessions.delete(session)
    if (session.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...session.clientIds], 'leave')
  }

  /** Handles one decoded message. Throws ProtocolError for the caller to turn into a close. */
  receive(session: Session, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        return this.answerStateRequest(session, checkedStateVector(message.stateVector))
      case 'sync-step2':
        session.awaitingFullState = false
        return this.receiveUpdate(session, message.update)
      case 'update':
        return this.receiveUpdate(session, message.update)
      case 'awareness':
        return this.receiveAwareness(session, message.update)
      case 'query-awareness':
        return this.send({ frame: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])), to: session })
      case 'auth':
        return // clients have nothing to say in auth messages; the stock client never sends one
    }
  }

  private receiveUpdate(session: Session, update: Uint8Array): void {
    this.metrics.updatesIn++
    const analysis = analyseUpdate(this.doc, update, this.limits.update)
    switch (analysis.kind) {
      case 'malformed':
        throw new ProtocolError('malformed-update', analysis.reason)
      case 'incomplete':
        return this.askForFullState(session, analysis.reason)
      case 'refused':
        return this.refuse(session, analysis.rule, analysis.reason)
      case 'integrates':
        break
    }
    const { incoming } = analysis
    // A reconnect with nothing new (its sync step 2 resends what the server has): nothing to judge, store or relay.
    if (incoming.empty) return
    if (this.storedBytes + incoming.update.length > this.limits.documentBytes) {
      return this.refuse(session, 'size', `文档已达到大小上限（${Math.round(this.limits.documentBytes / 1024 / 1024)} MiB），不能再增加内容`)
    }
    const decision = this.policy({ role: session.role, userName: session.identity.userName, doc: this.doc, incoming, trial: this.trial })
    if (!decision.allowed) return this.refuse(session, decision.rule, decision.reason)
    try {
      Y.applyUpdate(this.doc, incoming.update, { kind: 'remote', session: session.id } satisfies TransactionOrigin)
    } catch (error) {
      // The trial replica may hold what the document could not take.
      this.trial.discard()
      throw new ProtocolError('malformed-update', `update cannot be applied: ${(error as Error).message}`)
    }
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      // The gate let through something Yjs could not integrate: a bug. Never keep it for a later update to release.
      log('error', 'pending-after-gate', { docId: this.docId, user: session.identity.userName })
      this.metrics.reject('internal')
      this.doc.store.pendingStructs = null
      this.doc.store.pendingDs = null
    }
  }

  /**
   * The update builds on something the server does not have (one of the
   * sender's earlier updates was refused or lost, or it was crafted). Ask
   * once for the sender's whole state: the stock client answers a sync
   * step 1 with everything the server lacks, which then integrates whole.
   */
  private askForFullState(session: Session, reason: string): void {
    this.metrics.reject('incomplete')
    log('info', 'update-incomplete', { docId: this.docId, user: session.identity.userName, reason })
    if (session.awaitingFullState) return
    session.awaitingFullState = true
    this.send({ frame: encodeSyncStep1(Y.encodeStateVector(this.doc)), to: session })
  }

  private refuse(session: Session, rule: RefusalRule, reason: string): void {
    this.metrics.refuse(rule)
    log('warn', 'update-refused', { docId: this.docId, user: session.identity.userName, role: session.role, rule, reason })
    this.send({ frame: encodePermissionDenied(reason), to: session })
    if (++session.refusals > this.limits.refusalsPerConnection) session.close(CLOSE.refusedRepeatedly)
  }

  /** Only what Yjs actually integrated is stored and relayed: a resent update costs nothing. */
  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (!isTransactionOrigin(origin)) {
      log('error', 'update-without-origin', { docId: this.docId })
      return
    }
    switch (origin.kind) {
      case 'storage':
        return
      case 'remote':
      case 'server':
        this.unstored.push(update)
        this.metrics.updatesOut += this.sessions.size - (origin.kind === 'remote' ? 1 : 0)
        return this.send({ frame: encodeUpdate(update), to: 'all', except: origin.kind === 'remote' ? origin.session : null })
    }
  }

  private send(outgoing: Outgoing): void {
    // Nothing waiting to be stored: no reason to hold the frame back.
    if (this.unstored.length === 0 && this.outbox.length === 0) return this.deliver(outgoing)
    this.outbox.push(outgoing)
    if (!this.flushScheduled) {
      this.flushScheduled = true
      this.hooks.schedule(() => this.flush())
    }
  }

  private deliver(outgoing: Outgoing): void {
    if (outgoing.to !== 'all') return outgoing.to.send(outgoing.frame)
    for (const session of this.sessions) if (session.id !== outgoing.except) session.send(outgoing.frame)
  }

  /** Stores the batch in one transaction, then sends what waited for it. False when storing failed (the room is then reset). */
  flush(): boolean {
    this.flushScheduled = false
    if (this.unstored.length > 0) {
      const batch = this.unstored
      try {
        const seq = this.metrics.timeStorageWrite(() => this.store.append(this.docId, batch))
        const bytes = batch.reduce((n, u) => n + u.length, 0)
        this.tail = { count: this.tail.count + batch.length, bytes: this.tail.bytes + bytes, lastSeq: seq }
        this.storedBytes += bytes
      } catch (error) {
        this.outbox = []
        this.unstored = []
        this.hooks.onStorageFailure(this, error instanceof StorageError ? error : StorageError.from(error, '保存更新'))
        return false
      }
      this.unstored = []
      const { compaction } = this.limits
      if (this.tail.count >= compaction.updates || this.tail.bytes >= compaction.bytes) this.compact()
    }
    const outbox = this.outbox
    this.outbox = []
    for (const outgoing of outbox) this.deliver(outgoing)
    return true
  }

  /** Replaces the stored log by one snapshot. A failure leaves the log as it was. */
  private compact(): void {
    if (this.tail.count === 0 || this.unstored.length > 0) return
    try {
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      this.store.compact(this.docId, snapshot, this.tail.lastSeq)
      this.tail = { count: 0, bytes: 0, lastSeq: this.tail.lastSeq }
      this.storedBytes = snapshot.length
    } catch (error) {
      log('error', 'compaction-failed', { docId: this.docId, error: (error as Error).message })
    }
  }

  /**
   * The stock provider re-sends every awareness change it hears, others'
   * included: such an echo (another connection's client, no newer clock)
   * is dropped quietly. Only a newer state for another connection's client
   * — an attempt to speak for someone else — is refused with a warning.
   */
  /**
   * A sync step 1 can cost the whole document to answer: a connection gets
   * a few answers in a window (an honest client asks once per connection),
   * and is closed past that.
   */
  private answerStateRequest(session: Session, stateVector: Uint8Array): void {
    const now = Date.now()
    session.stateAnswers = session.stateAnswers.filter((t) => t > now - STATE_ANSWER_WINDOW_MS)
    if (session.stateAnswers.length >= STATE_ANSWERS_PER_WINDOW) {
      this.metrics.reject('rate-limit')
      log('warn', 'state-request-flood', { docId: this.docId, user: session.identity.userName })
      return session.close(CLOSE.rateLimited)
    }
    session.stateAnswers.push(now)
    this.send({ frame: encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)), to: session })
  }

  private receiveAwareness(session: Session, update: Uint8Array): void {
    // A cursor and a name are a few hundred bytes; anything near this is not awareness.
    if (update.length > MAX_AWARENESS_BYTES) throw new ProtocolError('too-large', `awareness update of ${update.length} bytes`)
    const entries = decodeAwarenessUpdate(update)
    const own = entries.filter((e) => (this.clientOwner.get(e.clientID) ?? session) === session)
    const claimed = entries.filter((e) => !own.includes(e) && e.clock > (this.awareness.meta.get(e.clientID)?.clock ?? -1))
    if (claimed.length > 0) {
      this.metrics.reject('permission')
      log('warn', 'awareness-of-another-connection', { docId: this.docId, user: session.identity.userName, clients: claimed.map((e) => e.clientID) })
    }
    if (own.length === 0) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(own.map((e) => bindToUser(e, session))), session)
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChange, origin: unknown): void {
    for (const id of added) {
      const session = origin as Session
      if (this.sessions.has(session)) {
        this.clientOwner.set(id, session)
        session.clientIds.add(id)
      }
    }
    for (const id of removed) {
      this.clientOwner.get(id)?.clientIds.delete(id)
      this.clientOwner.delete(id)
    }
    // Echoed to the sender too: the stock client drops a socket that hears nothing for 30 s.
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]))
    this.send({ frame, to: 'all', except: null })
  }

  /** Frees the room; `save` stores what is pending and compacts first (not for a deleted or failed document). */
  destroy({ save }: { save: boolean }): void {
    if (save) {
      this.flush()
      this.compact()
    }
    this.trial.dispose()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

function checkedStateVector(stateVector: Uint8Array): Uint8Array {
  try {
    Y.decodeStateVector(stateVector)
    return stateVector
  } catch {
    throw new ProtocolError('truncated', 'state vector cannot be decoded')
  }
}

/** The awareness state with `user` set to the authenticated user: nobody can appear as someone else. */
function bindToUser(entry: AwarenessEntry, session: Session): AwarenessEntry {
  if (entry.state === null) return entry
  const claimed = (entry.state.user ?? {}) as { color?: unknown }
  const user = {
    id: session.identity.userName,
    name: session.identity.displayName,
    role: session.role,
    ...(typeof claimed.color === 'string' && COLOR.test(claimed.color) ? { color: claimed.color } : {}),
  }
  return { ...entry, state: { ...entry.state, user } }
}
