/**
 * A loaded document and the connections editing it. The room keeps the
 * Y.Doc and awareness and answers sync. It loads from the document log
 * asynchronously: connections and frames that arrive meanwhile wait, in
 * order. Updates are stored with group commit: everything accepted while
 * handling one batch of socket events is applied at once and appended in
 * one transaction on the next turn of the event loop; only when the append
 * has resolved is anything sent — relayed updates, sync answers,
 * awareness — so no client ever sees state the server has not stored.
 * Commits run one after another, and what was queued behind one waits for
 * it. If a commit fails, nothing of the batch is sent and the room is
 * reset from storage by the relay (`onStorageFailure`).
 *
 * With several instances, a stored batch is then published on the bus;
 * the other instances apply it with the `peer` origin: relayed to their
 * connections, never stored again. A peer update that builds on one this
 * instance missed is not applied: the room catches up from storage, which
 * holds everything ever published — and publishes what it found missing,
 * which other instances may lack too.
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
import { toBase64 } from 'lib0/buffer'
import * as awarenessProtocol from 'y-protocols/awareness'
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from '@shared/protocol/awareness-update'
import { CLOSE } from '@shared/protocol/close-code'
import { analyseUpdate, UPDATE_LIMITS, type UpdateLimits } from '@shared/review/incoming-update'
import { TrialReplica } from '@shared/review/trial-replica'
import { KnownSuggestions } from '@shared/review/suggestion-authors'
import { statusOf } from '@shared/review/workflow'
import { contentOf, metaOf, threadsOf } from '@shared/model/y-document'
import { AUTOMATIC_VERSION, isAutomaticVersion, versionsToThin } from '@shared/history/version-thinning'
import { encodeAwareness, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type ClientMessage } from '@shared/protocol/message'
import { isTransactionOrigin, PEER_ORIGIN, STORAGE_ORIGIN, type TransactionOrigin } from '@shared/protocol/origin'
import { ProtocolError } from '@shared/protocol/protocol-error'
import type { DocumentMessage, RoomBus, Unsubscribe } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import { AppendRefusedError, type ActivityEntry, type AppendGuard, type ClientBinding, type DocumentLog, type LoggedUpdate } from '../storage/document-log'
import { suggestionDecisions } from '@shared/review/suggestion-decisions'
import { threadActivity } from '@shared/review/thread-activity'
import { StorageError } from '../storage/storage-error'
import type { Session } from './session'
import { SERVER_CLIENT, type PolicyRule, type UpdatePolicy } from './update-policy'

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
  /** Editing keeps an automatic version at most this often, and one when the room closes after edits. */
  autoVersionMs: number
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  compaction: { updates: 1000, bytes: 4 * 1024 * 1024 },
  update: UPDATE_LIMITS,
  documentBytes: 16 * 1024 * 1024,
  refusalsPerConnection: 20,
  autoVersionMs: 30 * 60_000,
}

/** Why an update was refused: a policy rule, or the gate's own reasons. */
export type RefusalRule = PolicyRule | 'structure' | 'size'

export interface RoomHooks {
  /** Loading or a commit failed: the room holds state that is not stored (or none) and must be dropped. */
  onStorageFailure(room: Room, error: StorageError): void
  /** Handling a connection's message failed (a ProtocolError, or a bug): the relay closes it. */
  onSessionError(session: Session, error: unknown): void
  /** Another instance says the document's roles changed, or that it was deleted. */
  onPeerNotice(room: Room, notice: 'roles' | 'deleted'): void
  /** Runs `flush` soon, after the current batch of events (setImmediate on a server). */
  schedule(flush: () => void): void
  /** Activity was recorded (after its updates were stored): for notifications. */
  onActivity?(room: Room, activity: ActivityEntry[]): void
}

/** Where a room stores and whom it tells. */
export interface RoomPorts {
  log: DocumentLog
  bus: RoomBus
}

/** Something to send once the batch is stored: to one session, or to all but one. */
type Outgoing = { frame: Uint8Array; to: Session } | { frame: Uint8Array; to: 'all'; except: number | null }

const COLOR = /^#[0-9a-fA-F]{3,8}$/

/** Awareness client ids one connection may announce (the stock client announces its document's one). */
const CLIENTS_PER_CONNECTION = 2
/** Awareness states a room holds, of every instance's connections: far more people than ever edit one document. */
const AWARENESS_PER_ROOM = 256

const STATE_ANSWERS_PER_WINDOW = 5
const STATE_ANSWER_WINDOW_MS = 10_000
const MAX_AWARENESS_BYTES = 16 * 1024

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly sessions = new Set<Session>()
  /** Settles once the room is loaded: true, or false when loading failed or the room closed first. */
  readonly loaded: Promise<boolean>
  private trialReplica: TrialReplica | null = null
  /** Built once loaded, so loading does not pay for following every stored update. */
  private suggestions: KnownSuggestions | null = null
  /** Which connection announced each awareness client id. */
  private readonly clientOwner = new Map<number, Session>()
  /** Which account each Yjs client id belongs to: as stored, plus what this room bound since (`unstoredClaims` until stored). */
  private readonly clientAccounts = new Map<number, string>()
  private unstoredClaims: ClientBinding[] = []
  /**
   * The document's epoch, as stored (moved on by every workflow step): an
   * append says the epoch its updates were judged under, and storage
   * refuses it if a step anywhere moved the epoch on meanwhile.
   */
  private epoch = 0
  /** What is unstored holds a workflow step. */
  private unstoredStep = false
  private phase: 'loading' | 'ready' | 'closed' = 'loading'
  /** Work that arrived while loading, in arrival order. */
  private waiting: (() => void)[] = []
  private unsubscribe: Unsubscribe | null = null
  private tail = { count: 0, bytes: 0 }
  /** The stored size: snapshot and log. */
  private storedBytes = 0
  private unstored: LoggedUpdate[] = []
  /** Activity of what is unstored (comments, decisions) and refusals: recorded after the batch is stored. */
  private activity: ActivityEntry[] = []
  private outbox: Outgoing[] = []
  private flushScheduled = false
  /** Commits run one after another; a frame queued behind one is sent after it. */
  private commits: Promise<unknown> = Promise.resolve()
  private commitsInFlight = 0
  private compacting = false
  /** Who edited since the last automatic version (login → display name), and when that was. */
  private editorsSinceVersion = new Map<string, string>()
  private readonly displayNames = new Map<string, string>()
  private lastAutomaticVersionAt = Date.now()
  private catchUpRun: Promise<void> | null = null
  private catchUpAgain = false
  /** When the room last held everything stored (loaded or caught up). */
  private caughtUpAt = 0
  /** When the last catch-up started reading: the next waits `CATCH_UP_INTERVAL_MS` after it. */
  private catchUpStartedAt = 0
  /** Sync step 1 answers, while the document is unchanged: a flood across reconnects asks the same again and again. */
  private stateAnswers = new Map<string, Uint8Array>()

  constructor(
    readonly docId: string,
    private readonly ports: RoomPorts,
    private readonly policy: UpdatePolicy,
    private readonly limits: RoomLimits,
    private readonly metrics: Metrics,
    private readonly hooks: RoomHooks,
    /** The previous room of this document, still saving: load after it. */
    after?: Promise<void>,
  ) {
    // The roots typed before any update arrives: a root first seen in an update is an untyped placeholder
    // that the first getMap replaces, and the change events would name the placeholder.
    contentOf(this.doc)
    metaOf(this.doc)
    threadsOf(this.doc)
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => this.noteActivity(transaction))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin))
    this.loaded = this.load(after)
  }

  /** Where rules that read a change as events try it first (built once the room is loaded). */
  get trial(): TrialReplica {
    return (this.trialReplica ??= new TrialReplica(this.doc))
  }

  get isLoaded(): boolean {
    return this.phase === 'ready'
  }

  /**
   * Subscribes first, then reads the log: an update another instance
   * publishes in between is in one or the other (or both — applying twice
   * changes nothing). Peer messages that arrive while loading wait.
   */
  private async load(after?: Promise<void>): Promise<boolean> {
    try {
      await after
      const unsubscribe = await this.ports.bus.subscribe(this.docId, (message) => this.fromPeer(message))
      // Closed while subscribing: close() found nothing to unsubscribe.
      if (this.isClosed()) {
        await unsubscribe()
        return false
      }
      this.unsubscribe = unsubscribe
      const stored = await this.ports.log.load(this.docId)
      if (this.isClosed()) return false
      this.doc.transact(() => {
        for (const update of stored.updates) Y.applyUpdate(this.doc, update)
      }, STORAGE_ORIGIN)
      this.tail = { count: stored.tailCount, bytes: stored.tailBytes }
      this.storedBytes = stored.updates.reduce((n, u) => n + u.length, 0)
      this.learnClients(stored.clients)
      this.epoch = stored.epoch
      this.phase = 'ready'
      this.caughtUpAt = Date.now()
      this.drainWaiting()
      return true
    } catch (error) {
      if (this.phase !== 'closed') this.hooks.onStorageFailure(this, StorageError.from(error, '读取文档'))
      return false
    }
  }

  /** Runs `work` now when ready, after loading when not, never once closed. */
  private whenLoaded(work: () => void): void {
    if (this.phase === 'ready' && this.waiting.length === 0) work()
    else if (this.phase !== 'closed') this.waiting.push(work)
  }

  private drainWaiting(): void {
    while (this.phase === 'ready' && this.waiting.length > 0) this.waiting.shift()!()
  }

  join(session: Session): void {
    this.sessions.add(session)
    this.whenLoaded(() => {
      if (!this.sessions.has(session)) return
      // A connection arriving here may come from an instance that died with updates stored but not yet published.
      if (this.mayLag()) void this.catchUp()
      this.send({ frame: encodeSyncStep1(Y.encodeStateVector(this.doc)), to: session })
      const clients = [...this.awareness.getStates().keys()]
      if (clients.length > 0) this.send({ frame: encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)), to: session })
    })
  }

  leave(session: Session): void {
    this.sessions.delete(session)
    if (session.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...session.clientIds], 'leave')
  }

  /**
   * Handles one decoded message, now or once loaded (or, while the
   * connection's last update waits for a catch-up, after it); a failure
   * goes to `hooks.onSessionError`.
   */
  receive(session: Session, message: ClientMessage): void {
    this.whenLoaded(() => {
      if (!this.sessions.has(session) || !session.isOpen) return
      if (session.held) return void session.held.push(message)
      try {
        this.handle(session, message)
      } catch (error) {
        this.hooks.onSessionError(session, error)
      }
    })
  }

  private handle(session: Session, message: ClientMessage): void {
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

  private receiveUpdate(session: Session, update: Uint8Array, judgedFresh = false): void {
    if (!judgedFresh) this.metrics.updatesIn++
    // A viewer writes nothing: one second chance (a reconnect to an instance that lags) and no more.
    const retries = session.role === 'viewer' ? 1 : CATCH_UP_RETRIES_PER_CONNECTION
    const againWhenFresh = () => !judgedFresh && this.ports.bus.shared && session.catchUpRetries++ < retries && this.judgeAfterCatchUp(session, update)
    const analysis = analyseUpdate(this.doc, update, this.limits.update)
    switch (analysis.kind) {
      case 'malformed':
        throw new ProtocolError('malformed-update', analysis.reason)
      case 'incomplete':
        if (againWhenFresh()) return
        // Whatever a viewer's full state holds, it may not write it: asking for it would only cost the room.
        if (session.role === 'viewer') return this.refuse(session, 'viewer', '只读权限不能修改文档')
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
    this.suggestions ??= new KnownSuggestions(this.doc)
    const suggestions = this.suggestions
    const decision = this.policy({
      role: session.role,
      userName: session.identity.userName,
      doc: this.doc,
      incoming,
      trial: this.trial,
      suggestionAuthor: (id) => suggestions.authorOf(id),
      clientOwner: (client) => (client === this.doc.clientID ? SERVER_CLIENT : this.clientAccounts.get(client)),
    })
    if (!decision.allowed) {
      if (againWhenFresh()) return
      return this.refuse(session, decision.rule, decision.reason)
    }
    this.displayNames.set(session.identity.userName, session.identity.displayName)
    try {
      Y.applyUpdate(this.doc, incoming.update, { kind: 'remote', session: session.id, by: session.identity.userName } satisfies TransactionOrigin)
    } catch (error) {
      // The trial replica may hold what the document could not take.
      this.trial.discard()
      throw new ProtocolError('malformed-update', `update cannot be applied: ${(error as Error).message}`)
    }
    for (const client of incoming.writers) this.bindClient(client, session.identity.userName)
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

  /** Binds a client id to the account writing under it (or announcing it) first; stored with the next batch. */
  private bindClient(client: number, by: string): void {
    if (this.clientAccounts.has(client)) return
    this.clientAccounts.set(client, by)
    this.unstoredClaims.push({ client, by })
    this.scheduleFlush()
  }

  /**
   * A step another instance took (heard, or read from storage). What this
   * room accepted before hearing it was judged under the status before:
   * it goes to storage with the old epoch first (and is refused if the
   * step came first).
   */
  private raiseEpoch(epoch: number): void {
    if (epoch <= this.epoch) return
    if (this.unstored.length > 0 || this.unstoredClaims.length > 0) void this.flush()
    this.epoch = epoch
  }

  /** Bindings as stored, or as another instance stored them: they hold over whatever this room guessed. */
  private learnClients(clients: readonly ClientBinding[]): void {
    for (const { client, by } of clients) this.clientAccounts.set(client, by)
  }

  private refuse(session: Session, rule: RefusalRule, reason: string): void {
    this.metrics.refuse(rule)
    this.activity.push({ at: Date.now(), by: session.identity.userName, event: { kind: 'refused', rule, reason } })
    this.scheduleFlush()
    log('warn', 'update-refused', { docId: this.docId, user: session.identity.userName, role: session.role, rule, reason })
    this.send({ frame: encodePermissionDenied(reason), to: session })
    if (++session.refusals > this.limits.refusalsPerConnection) session.close(CLOSE.refusedRepeatedly)
  }

  /** Comments and suggestion decisions in a change someone sent, for the activity log. */
  private noteActivity(transaction: Y.Transaction): void {
    const origin = transaction.origin as TransactionOrigin | null
    if (origin?.kind !== 'remote' || !origin.by) return
    const at = Date.now()
    for (const event of threadActivity(transaction)) this.activity.push({ at, by: origin.by, event })
    const { accepted, rejected } = suggestionDecisions(transaction)
    if (accepted.length + rejected.length === 0) return
    const authors = [...new Set([...accepted, ...rejected].map((s) => s.author))]
    this.activity.push({ at, by: origin.by, event: { kind: 'suggestions', accepted: accepted.length, rejected: rejected.length, authors } })
  }

  /** Only what Yjs actually integrated is stored and relayed: a resent update costs nothing. */
  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (this.stateAnswers.size > 0) this.stateAnswers = new Map()
    if (!isTransactionOrigin(origin)) {
      log('error', 'update-without-origin', { docId: this.docId })
      return
    }
    switch (origin.kind) {
      case 'storage':
        return
      case 'peer':
        this.metrics.updatesOut += this.sessions.size
        return this.send({ frame: encodeUpdate(update), to: 'all', except: null })
      case 'remote':
      case 'server':
        if (origin.kind === 'server' && origin.step) this.unstoredStep = true
        this.unstored.push({ update, by: origin.by ?? null, at: Date.now() })
        this.metrics.updatesOut += this.sessions.size - (origin.kind === 'remote' ? 1 : 0)
        return this.send({ frame: encodeUpdate(update), to: 'all', except: origin.kind === 'remote' ? origin.session : null })
    }
  }

  private send(outgoing: Outgoing): void {
    // Nothing waiting to be stored and no commit under way: no reason to hold the frame back.
    if (this.unstored.length === 0 && this.outbox.length === 0 && this.commitsInFlight === 0) return this.deliver(outgoing)
    this.outbox.push(outgoing)
    this.scheduleFlush()
  }

  private scheduleFlush(): void {
    if (!this.flushScheduled) {
      this.flushScheduled = true
      this.hooks.schedule(() => void this.flush())
    }
  }

  private deliver(outgoing: Outgoing): void {
    if (outgoing.to !== 'all') return outgoing.to.send(outgoing.frame)
    for (const session of this.sessions) if (session.id !== outgoing.except) session.send(outgoing.frame)
  }

  /**
   * Stores what is pending in one append, then sends what waited for it
   * and publishes the batch to the other instances. Resolves false when
   * storing failed (the room is then reset) or the room is closed.
   */
  flush(): Promise<boolean> {
    this.flushScheduled = false
    const batch = this.unstored
    const outbox = this.outbox
    const activity = this.activity
    const guard: AppendGuard = { claims: this.unstoredClaims, epoch: this.epoch, step: this.unstoredStep }
    if (this.unstoredStep) this.epoch++
    this.unstored = []
    this.outbox = []
    this.activity = []
    this.unstoredClaims = []
    this.unstoredStep = false
    this.commitsInFlight++
    const commit = this.commits
      .then(() => this.commit(batch, guard, outbox, activity))
      // A bug in a commit must neither stop the ones after it nor reach the process as an unhandled rejection.
      .catch((error: Error) => {
        log('error', 'commit-failed', { docId: this.docId, error: error.message, stack: error.stack })
        this.fail(StorageError.from(error, '保存更新'))
        return false
      })
      .finally(() => this.commitsInFlight--)
    this.commits = commit
    return commit
  }

  private async commit(batch: LoggedUpdate[], guard: AppendGuard, outbox: Outgoing[], activity: ActivityEntry[]): Promise<boolean> {
    if (this.phase === 'closed') return false
    const claims = guard.claims ?? []
    if (batch.length > 0 || claims.length > 0) {
      try {
        await this.metrics.timeStorageWrite(() => this.ports.log.append(this.docId, batch, guard))
      } catch (error) {
        // Fenced by a step taken elsewhere, or a client id bound elsewhere: reloaded, the room judges the clients' resent updates again.
        if (error instanceof AppendRefusedError) log('warn', 'append-refused', { docId: this.docId, reason: error.reason, updates: batch.length })
        this.fail(StorageError.from(error, '保存更新'))
        return false
      }
      if (this.isClosed()) return false
      const bytes = batch.reduce((n, u) => n + u.update.length, 0)
      this.tail = { count: this.tail.count + batch.length, bytes: this.tail.bytes + bytes }
      this.storedBytes += bytes
      if (this.ports.bus.shared) this.publishStored(batch, claims, guard.epoch! + (guard.step ? 1 : 0))
      for (const { by } of batch) if (by) this.editorsSinceVersion.set(by, this.displayNames.get(by) ?? by)
      if (this.editorsSinceVersion.size > 0 && Date.now() - this.lastAutomaticVersionAt >= this.limits.autoVersionMs) void this.saveAutomaticVersion()
      const { compaction } = this.limits
      if (this.tail.count >= compaction.updates || this.tail.bytes >= compaction.bytes) void this.compact()
    }
    for (const outgoing of outbox) this.deliver(outgoing)
    if (activity.length > 0) await this.recordActivity(activity)
    return true
  }

  /** The log is history, not the document: a failure to record it is logged and never touches editing. */
  private async recordActivity(activity: ActivityEntry[]): Promise<void> {
    try {
      await this.ports.log.record(this.docId, activity)
      this.hooks.onActivity?.(this, activity)
    } catch (error) {
      log('error', 'activity-record-failed', { docId: this.docId, error: (error as Error).message })
    }
  }

  /** One bus message per batch: the other instances apply it in one transaction, and bind its client ids as this one did. */
  private publishStored(batch: LoggedUpdate[], clients: readonly ClientBinding[], epoch: number): void {
    if (batch.length === 0 && clients.length === 0) return
    const update = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((u) => u.update))
    this.ports.bus.publish(this.docId, { kind: 'update', update, epoch, ...(clients.length > 0 ? { clients: [...clients] } : {}) }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId: this.docId, error: error.message }))
  }

  /**
   * Keeps the document as stored now as an automatic version naming who
   * edited since the last, then lets the thinning policy drop the
   * automatic versions it no longer keeps. A failure is logged: it never
   * touches editing.
   */
  private async saveAutomaticVersion(): Promise<void> {
    const names = [...this.editorsSinceVersion.values()].join('、')
    const logins = [...this.editorsSinceVersion.keys()].join('、')
    this.editorsSinceVersion.clear()
    const now = (this.lastAutomaticVersionAt = Date.now())
    try {
      // Another instance serving the same document may have kept one for this stretch (of the same stored state) already.
      const recent = (await this.ports.log.versions(this.docId)).some((v) => isAutomaticVersion(v.name) && now - v.createdAt < this.limits.autoVersionMs / 2)
      if (recent) return
      await this.ports.log.saveVersion(this.docId, { name: `${AUTOMATIC_VERSION}（${names}）`, status: statusOf(this.doc), byUser: logins, createdAt: now, note: '' })
      const versions = await this.ports.log.versions(this.docId)
      const thinned = versionsToThin(versions.map((v) => ({ id: v.id, createdAt: v.createdAt, automatic: isAutomaticVersion(v.name) })), now)
      if (thinned.length > 0) await this.ports.log.deleteVersions(this.docId, thinned)
    } catch (error) {
      log('error', 'automatic-version-failed', { docId: this.docId, error: (error as Error).message })
    }
  }

  private fail(error: StorageError): void {
    if (this.phase === 'closed') return
    this.unstored = []
    this.outbox = []
    this.activity = []
    this.unstoredClaims = []
    this.unstoredStep = false
    this.hooks.onStorageFailure(this, error)
  }

  /** Folds the stored log into one snapshot (the log does it, under the document's lock). A failure leaves the log as it was. */
  private async compact(): Promise<void> {
    if (this.compacting) return
    this.compacting = true
    try {
      const result = await this.ports.log.compact(this.docId)
      this.tail = { count: Math.max(0, this.tail.count - result.updatesMerged), bytes: Math.max(0, this.tail.bytes - result.bytesBefore) }
      this.storedBytes = Math.max(0, this.storedBytes - result.bytesBefore + result.bytesAfter)
    } catch (error) {
      log('error', 'compaction-failed', { docId: this.docId, error: (error as Error).message })
    } finally {
      this.compacting = false
    }
  }

  /** Read through a method: the phase changes while awaiting. */
  private isClosed(): boolean {
    return this.phase === 'closed'
  }

  private fromPeer(message: DocumentMessage): void {
    switch (message.kind) {
      case 'update':
        return this.whenLoaded(() => {
          this.learnClients(message.clients ?? [])
          this.raiseEpoch(message.epoch ?? 0)
          this.applyPeerUpdate(message.update)
        })
      case 'awareness':
        return this.whenLoaded(() => this.applyPeerAwareness(message.update))
      case 'roles':
      case 'deleted':
        return this.hooks.onPeerNotice(this, message.kind)
    }
  }

  /** A stored update from another instance. One that would leave anything pending means this room missed one: catch up instead. */
  private applyPeerUpdate(update: Uint8Array): void {
    this.metrics.peerUpdatesIn++
    const analysis = analyseUpdate(this.doc, update, NO_UPDATE_LIMITS)
    switch (analysis.kind) {
      case 'incomplete':
        return void this.catchUp()
      case 'malformed':
        log('error', 'peer-update-malformed', { docId: this.docId, reason: analysis.reason })
        return void this.catchUp()
      case 'refused':
      case 'integrates':
        // Stored by another instance after its rules accepted it: refusing it here would split the document.
        this.doc.transact(() => Y.applyUpdate(this.doc, update), PEER_ORIGIN)
    }
  }

  /** Whether this room may lack updates another instance stored: only with other instances on the bus, and not within `ms` of catching up. */
  mayLag(ms = FRESH_FOR_MS): boolean {
    return this.ports.bus.shared && Date.now() - this.caughtUpAt >= ms
  }

  /**
   * An update this room would refuse, or could not integrate, may build on
   * what another instance stored and this one has not heard yet (a client
   * that moved here after a workflow step, say). Before refusing, the room
   * catches up from storage and judges the update again; meanwhile that
   * connection's later frames wait, in order, and everyone else's go on.
   * A connection gets a few such second chances (a viewer one), and the
   * room's catch-ups are coalesced and spaced (`catchUp`), so refused
   * updates cannot make the room read the whole document again and again.
   */
  private judgeAfterCatchUp(session: Session, update: Uint8Array): true {
    session.held = []
    void this.catchUp().finally(() => {
      const held = session.held ?? []
      session.held = null
      if (this.isClosed() || !this.sessions.has(session) || !session.isOpen) return
      try {
        this.receiveUpdate(session, update, true)
      } catch (error) {
        this.hooks.onSessionError(session, error)
      }
      // Judged again, the update may wait once more: what follows it keeps its place behind it.
      for (const message of held) this.receive(session, message)
    })
    return true
  }

  /**
   * Brings the room up to what is stored: the log holds every update any
   * instance ever published, so applying what this room lacks of it closes
   * any gap. Runs one at a time; asked again meanwhile, it runs once more.
   * Each reads the whole document, so one starts at most every
   * `CATCH_UP_INTERVAL_MS`: whoever asks sooner waits for it, together.
   */
  catchUp(): Promise<void> {
    if (this.isClosed()) return Promise.resolve()
    if (this.catchUpRun) {
      this.catchUpAgain = true
      return this.catchUpRun
    }
    this.catchUpRun = (async () => {
      try {
        do {
          const wait = this.catchUpStartedAt + CATCH_UP_INTERVAL_MS - Date.now()
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref())
          if (this.isClosed()) return
          this.catchUpAgain = false
          this.catchUpStartedAt = Date.now()
          this.metrics.catchUps++
          const stored = await this.ports.log.load(this.docId)
          if (this.isClosed()) return
          this.learnClients(stored.clients)
          this.raiseEpoch(stored.epoch)
          const found = this.applyMissing(stored.updates)
          // What this room lacked, others may lack too (its instance died before publishing it): it is stored, so say it.
          if (found && this.ports.bus.shared) this.ports.bus.publish(this.docId, { kind: 'update', update: found, clients: bindingsOf(found, stored.clients), epoch: stored.epoch }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId: this.docId, error: error.message }))
          this.caughtUpAt = Date.now()
        } while (this.catchUpAgain)
      } catch (error) {
        log('error', 'catch-up-failed', { docId: this.docId, error: (error as Error).message })
        setTimeout(() => void this.catchUp(), 1000).unref()
      } finally {
        this.catchUpRun = null
      }
    })()
    return this.catchUpRun
  }

  /**
   * Applies what the room lacks of the stored updates (each less what the
   * room has, in log order: half the work of merging the log first);
   * returns it as one update, or null when nothing was missing.
   */
  private applyMissing(stored: readonly Uint8Array[]): Uint8Array | null {
    const has = Y.encodeStateVector(this.doc)
    let found: Uint8Array | null = null
    const keep = (update: Uint8Array) => (found = update)
    this.doc.on('update', keep)
    try {
      this.doc.transact(() => {
        for (const update of stored) Y.applyUpdate(this.doc, Y.diffUpdate(update, has))
      }, PEER_ORIGIN)
    } finally {
      this.doc.off('update', keep)
    }
    return found
  }

  /**
   * Awareness of another instance's connections, which that instance
   * checked and bound to their accounts (`user.id`): the room's cap holds
   * for them too, and their client ids are theirs here as well.
   */
  private applyPeerAwareness(update: Uint8Array): void {
    try {
      let inRoom = this.awareness.getStates().size
      const kept = decodeAwarenessUpdate(update).filter((entry) => {
        if (this.awareness.getStates().has(entry.clientID)) return true
        if (entry.state === null || inRoom >= AWARENESS_PER_ROOM) return false
        inRoom++
        const account = (entry.state.user as { id?: unknown } | undefined)?.id
        if (typeof account === 'string' && !this.clientAccounts.has(entry.clientID)) this.clientAccounts.set(entry.clientID, account)
        return true
      })
      if (kept.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessUpdate(kept), PEER_ORIGIN)
    } catch (error) {
      log('error', 'peer-awareness-malformed', { docId: this.docId, error: (error as Error).message })
    }
  }

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
    const key = toBase64(stateVector)
    let frame = this.stateAnswers.get(key)
    if (!frame) {
      frame = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))
      // A few states at a time: the empty one (a new client) and the last few reconnecting ones.
      if (this.stateAnswers.size >= STATE_ANSWERS_CACHED) this.stateAnswers.delete(this.stateAnswers.keys().next().value!)
      this.stateAnswers.set(key, frame)
    }
    this.send({ frame, to: session })
  }

  /**
   * A connection speaks for its own client ids only: those it announced
   * first (at most `CLIENTS_PER_CONNECTION`; the stock client has one),
   * never one another connection holds or another account is bound to,
   * and while the room holds fewer than `AWARENESS_PER_ROOM` states. The
   * stock provider re-sends every awareness change it hears, others'
   * included: such an echo (no newer clock) is dropped quietly. Anything
   * else is refused with a warning and counts as a refusal, so a flood of
   * invented client ids closes the connection (4422) within a few
   * messages, and no state, binding or awareness meta is kept for them.
   */
  private receiveAwareness(session: Session, update: Uint8Array): void {
    // A cursor and a name are a few hundred bytes; anything near this is not awareness.
    if (update.length > MAX_AWARENESS_BYTES) throw new ProtocolError('too-large', `awareness update of ${update.length} bytes`)
    const user = session.identity.userName
    const own: AwarenessEntry[] = []
    const refused: number[] = []
    let held = session.clientIds.size
    let inRoom = this.awareness.getStates().size
    for (const entry of decodeAwarenessUpdate(update)) {
      const holder = this.clientOwner.get(entry.clientID)
      if (holder === session) {
        own.push(entry)
        continue
      }
      const known = this.awareness.meta.get(entry.clientID)
      if (known && entry.clock <= known.clock) continue
      // A client id new to this connection, or a newer state for another's: it would claim the id.
      const claimable =
        holder === undefined &&
        entry.state !== null &&
        (this.clientAccounts.get(entry.clientID) ?? user) === user &&
        entry.clientID !== this.doc.clientID &&
        held < CLIENTS_PER_CONNECTION &&
        inRoom < AWARENESS_PER_ROOM
      if (!claimable) {
        refused.push(entry.clientID)
        continue
      }
      own.push(entry)
      held++
      inRoom++
    }
    if (refused.length > 0) {
      this.metrics.reject('permission')
      log('warn', 'awareness-of-another-connection', { docId: this.docId, user, clients: refused.slice(0, 10), count: refused.length })
      if (++session.refusals > this.limits.refusalsPerConnection) session.close(CLOSE.refusedRepeatedly)
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
        // Announced before writing (a colleague seen online, who then goes offline): theirs already, so nobody can squat it.
        this.bindClient(id, session.identity.userName)
      }
    }
    const changed = [...added, ...updated, ...removed]
    // Only this instance's own connections are announced to the others: never a state it merely heard, or timed out.
    const own = origin === PEER_ORIGIN ? [] : changed.filter((id) => this.clientOwner.has(id))
    for (const id of removed) {
      this.clientOwner.get(id)?.clientIds.delete(id)
      this.clientOwner.delete(id)
    }
    // Echoed to the sender too: the stock client drops a socket that hears nothing for 30 s.
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    this.send({ frame, to: 'all', except: null })
    if (own.length > 0 && this.ports.bus.shared) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, own)
      this.ports.bus.publish(this.docId, { kind: 'awareness', update }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId: this.docId, error: error.message }))
    }
  }

  /** Frees the room; `save` stores what is pending and compacts first (not for a deleted or failed document). */
  async close({ save }: { save: boolean }): Promise<void> {
    if (this.phase === 'closed') return
    if (save && this.isLoaded) {
      if (await this.flush()) {
        if (this.editorsSinceVersion.size > 0) await this.saveAutomaticVersion()
        await this.compact()
      }
    }
    this.phase = 'closed'
    this.waiting = []
    await this.unsubscribe?.().catch(() => {})
    this.trialReplica?.dispose()
    this.suggestions?.dispose()
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/** A client's update, with the account that sent it (kept with the stored update). */

/** How long after catching up a room counts as holding everything stored (for a joining connection). */
const FRESH_FOR_MS = 2_000

const CATCH_UP_RETRIES_PER_CONNECTION = 3

/** A catch-up reads the whole document: at most one per room this often. */
const CATCH_UP_INTERVAL_MS = 1_000

const STATE_ANSWERS_CACHED = 4

/** Peer updates passed the limits where they were accepted. */
const NO_UPDATE_LIMITS: UpdateLimits = { updateBytes: Number.MAX_SAFE_INTEGER, itemBytes: Number.MAX_SAFE_INTEGER }

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** The stored bindings of the client ids an update writes under. */
function bindingsOf(update: Uint8Array, stored: readonly ClientBinding[]): ClientBinding[] {
  const writers = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))
  return stored.filter(({ client }) => writers.has(client))
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
