/**
 * A loaded document and the connections editing it. An update goes one
 * way, and this file reads in that order:
 *
 *   load → gate → integrate → store → broadcast
 *
 * - load: the room reads the document log asynchronously; connections and
 *   frames that arrive meanwhile wait, in order.
 * - gate: every update passes the causal gate first (`analyseUpdate`): one
 *   that would leave anything pending is not applied, and the sender is
 *   asked for its full state (a sync step 1), which the stock client
 *   answers — so the document never holds pending state, and the rules
 *   (`UpdatePolicy`) judge exactly what integrates. A refused update is
 *   answered with `auth` (permission denied), logged and counted; a
 *   connection refused again and again is closed (4422), since trying a
 *   refused update costs the room a rebuild of its trial replica.
 * - integrate: the one hop into the Y.Doc and back (`integrate.ts`): what
 *   Yjs took comes back as a value, not through a listener.
 * - store and broadcast: group commit (`group-commit.ts`) appends the
 *   batch, then sends what waited for it, so no client ever sees state the
 *   server has not stored; the stored batch is published on the bus for
 *   the other instances, which relay it to their connections and never
 *   store it again.
 * - after store: automatic versions, the activity log and compaction
 *   listen to stored batches (`after-store.ts`).
 *
 * With several instances, a peer update that builds on one this instance
 * missed is not applied: the room catches up from storage (`catch-up.ts`).
 * Awareness is `room-awareness.ts`.
 */
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import { CLOSE } from '@shared/protocol/close-code'
import { analyseUpdate, UPDATE_LIMITS, type IncomingUpdate, type UpdateLimits } from '@shared/review/incoming-update'
import { TrialReplica } from '@shared/review/trial-replica'
import { KnownSuggestions, type DeleteSet } from '@shared/review/suggestion-authors'
import { contentOf, metaOf, threadsOf } from '@shared/model/y-document'
import { encodePermissionDenied, encodeSyncStep1, encodeUpdate, type ClientMessage } from '@shared/protocol/message'
import { isTransactionOrigin, PEER_ORIGIN, STORAGE_ORIGIN, type TransactionOrigin } from '@shared/protocol/origin'
import { ProtocolError } from '@shared/protocol/protocol-error'
import { MAX_DOCUMENT_BYTES } from '@shared/model/document-limits'
import type { DocumentMessage, RoomBus, Unsubscribe } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ActivityEntry, ClientBinding, DocumentLog, LoggedUpdate } from '../storage/document-log'
import { StorageError } from '../storage/storage-error'
import { ActivityRecord, activityOf } from './activity-record'
import type { AfterStore, StoredBatch } from './after-store'
import { AutomaticVersions } from './automatic-versions'
import { applyMissing, CatchUp, FRESH_FOR_MS } from './catch-up'
import { CompactionTrigger, type CompactionLimits } from './compaction-trigger'
import { GroupCommit, type Outgoing } from './group-commit'
import { IDLE_TRIM_MS, IdleTrim } from './idle-trim'
import { Integrator, type Integrated } from './integrate'
import { RoomAwareness } from './room-awareness'
import { judgedServerChange } from './server-change'
import type { Session } from './session'
import { StateAnswers } from './state-answers'
import { StoredSize } from './stored-size'
import { SERVER_CLIENT, type PolicyRule, type UpdatePolicy } from './update-policy'
import { TimedTrialReplica, updateTimings } from './update-timings'

export type { CompactionLimits }

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
  /** With no update for this long, the room drops what it built for editing (`idle-trim.ts`). */
  idleTrimMs: number
}

export const DEFAULT_ROOM_LIMITS: RoomLimits = {
  compaction: { updates: 1000, bytes: 4 * 1024 * 1024 },
  update: UPDATE_LIMITS,
  documentBytes: MAX_DOCUMENT_BYTES,
  refusalsPerConnection: 20,
  autoVersionMs: 30 * 60_000,
  idleTrimMs: IDLE_TRIM_MS,
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

/** What the gate and the rules say of one update. */
type Judgement =
  | { kind: 'accepted'; incoming: IncomingUpdate }
  /** Everything in it is known already (a reconnect's sync step 2): nothing to store or relay. */
  | { kind: 'nothing-new' }
  /** It builds on something the room lacks. */
  | { kind: 'incomplete'; reason: string }
  /** `stale`: the refusal may come from what the room lacks (a workflow step another instance took), not from the update. */
  | { kind: 'refused'; rule: RefusalRule; reason: string; stale: boolean }

const STATE_ANSWERS_PER_WINDOW = 5
const STATE_ANSWER_WINDOW_MS = 10_000
const CATCH_UP_RETRIES_PER_CONNECTION = 3

/** Peer updates passed the limits where they were accepted. */
const NO_UPDATE_LIMITS: UpdateLimits = { updateBytes: Number.MAX_SAFE_INTEGER, itemBytes: Number.MAX_SAFE_INTEGER }

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly sessions = new Set<Session>()
  /** Settles once the room is loaded: true, or false when loading failed or the room closed first. */
  readonly loaded: Promise<boolean>
  private phase: 'loading' | 'ready' | 'closed' = 'loading'
  /** Work that arrived while loading, in arrival order. */
  private waiting: (() => void)[] = []
  private unsubscribe: Unsubscribe | null = null
  private readonly size = new StoredSize()
  /** Which account each Yjs client id belongs to: as stored, plus what this room bound since. */
  private readonly clientAccounts = new Map<number, string>()
  /** The display names of those who wrote here (login → name), for automatic versions. */
  private readonly displayNames = new Map<string, string>()
  private trialReplica: TrialReplica | null = null
  /** Built once loaded, so loading does not pay for following every stored update. */
  private suggestions: KnownSuggestions | null = null
  /** Sync step 1 answers, while the document is unchanged (`state-answers.ts`). */
  private readonly stateAnswers = new StateAnswers()
  /** Drops the trial replica and the kept answers once no update has come for a while. */
  private readonly idle: IdleTrim
  /** The only way anything enters the document. */
  private readonly integrator: Integrator
  private readonly commit: GroupCommit
  private readonly catchUps: CatchUp
  private readonly presence: RoomAwareness
  private readonly afterStore: readonly AfterStore[]
  // What the rules ask of the room, made once (not per update).
  private readonly suggestionAuthor = (id: string): string | undefined => this.suggestions?.authorOf(id)
  private readonly suggestionHeldOutside = (id: string, deleted: DeleteSet): boolean => this.suggestions?.heldOutside(id, deleted) ?? false
  private readonly othersSuggest = (userName: string): boolean => this.suggestions?.holdsOthersThan(userName) ?? false
  private readonly clientOwner = (client: number): string | undefined => (client === this.doc.clientID ? SERVER_CLIENT : this.clientAccounts.get(client))

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
    this.integrator = new Integrator(this.doc, (origin) => log('error', 'update-outside-room', { docId, origin: isTransactionOrigin(origin) ? origin.kind : String(origin) }))
    const isClosed = () => this.isClosed()
    this.commit = new GroupCommit({
      docId,
      log: ports.log,
      metrics,
      sessions: this.sessions,
      schedule: hooks.schedule,
      isClosed,
      appended: (batch, claims, epoch) => this.stored(batch, claims, epoch),
      afterStore: (batch) => this.runAfterStore(batch),
      failed: (error) => this.hooks.onStorageFailure(this, error),
    })
    this.catchUps = new CatchUp({ docId, log: ports.log, bus: ports.bus, metrics, isClosed, apply: (stored) => this.caughtUp(stored) })
    this.presence = new RoomAwareness({
      docId,
      doc: this.doc,
      bus: ports.bus,
      metrics,
      sessions: this.sessions,
      refusalsPerConnection: limits.refusalsPerConnection,
      send: (outgoing) => this.commit.send(outgoing),
      accountOf: (client) => this.clientAccounts.get(client),
      bind: (client, by) => this.bindClient(client, by),
      learn: (client, by) => {
        if (!this.clientAccounts.has(client)) this.clientAccounts.set(client, by)
      },
    })
    this.afterStore = [
      new AutomaticVersions(docId, ports.log, this.doc, limits.autoVersionMs, (login) => this.displayNames.get(login) ?? login),
      new CompactionTrigger(docId, ports.log, this.size, limits.compaction),
      new ActivityRecord(docId, ports.log, (activity) => this.hooks.onActivity?.(this, activity)),
    ]
    this.idle = new IdleTrim(limits.idleTrimMs, () => this.trimIdle())
    this.loaded = this.load(after)
  }

  get awareness(): Awareness {
    return this.presence.awareness
  }

  /** Where rules that read a change as events try it first (built once the room is loaded). */
  get trial(): TrialReplica {
    if (!this.trialReplica) this.idle.touch()
    return (this.trialReplica ??= updateTimings ? new TimedTrialReplica(this.doc, updateTimings) : new TrialReplica(this.doc))
  }

  /** What the room holds beyond its document for editing (tests, diagnostics): dropped when it is quiet. */
  get heldForEditing(): { trialReplica: boolean; stateAnswers: number } {
    return { trialReplica: this.trialReplica !== null, stateAnswers: this.stateAnswers.size }
  }

  /** Quiet for a while: what was built for editing goes, to be rebuilt by the next update or request. */
  private trimIdle(): void {
    this.trialReplica?.dispose()
    this.trialReplica = null
    this.stateAnswers.changed()
  }

  get isLoaded(): boolean {
    return this.phase === 'ready'
  }

  // ── load ──────────────────────────────────────────────────────────────

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
      // Applied by a function that is not a closure over `stored`: the bus listener above would keep it alive with the room.
      const { failed } = this.take(STORAGE_ORIGIN, applyAll(stored.updates))
      if (failed) throw failed
      this.stateAnswers.loaded(stored.updates)
      this.idle.touch()
      this.size.loaded(stored.updates, stored.tailCount, stored.tailBytes)
      this.learnClients(stored.clients)
      this.commit.loaded(stored.epoch)
      this.phase = 'ready'
      this.catchUps.caughtUp()
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

  // ── connections ───────────────────────────────────────────────────────

  join(session: Session): void {
    this.sessions.add(session)
    this.whenLoaded(() => {
      if (!this.sessions.has(session)) return
      // A connection arriving here may come from an instance that died with updates stored but not yet published.
      if (this.mayLag()) void this.catchUp()
      this.send({ frame: encodeSyncStep1(Y.encodeStateVector(this.doc)), to: session })
      const everyone = this.presence.everyone()
      if (everyone) this.send({ frame: everyone, to: session })
    })
  }

  leave(session: Session): void {
    this.sessions.delete(session)
    this.presence.leave(session)
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
        return this.presence.receive(session, message.update)
      case 'query-awareness':
        return this.send({ frame: this.presence.answer(), to: session })
      case 'auth':
        return // clients have nothing to say in auth messages; the stock client never sends one
    }
  }

  // ── an update: gate → integrate → store → broadcast ───────────────────

  /**
   * An update as a connection sent it: counted and judged. One the room
   * would refuse, or could not integrate, may build on what another
   * instance stored and this one has not heard yet: then it is judged
   * again after a catch-up (`judgeAfterCatchUp`).
   */
  private receiveUpdate(session: Session, update: Uint8Array): void {
    this.metrics.updatesIn++
    if (updateTimings) updateTimings.updates++
    const judgement = this.judge(session, update)
    const doubtful = judgement.kind === 'incomplete' || (judgement.kind === 'refused' && judgement.stale)
    if (doubtful && this.mayRetryAfterCatchUp(session)) return this.judgeAfterCatchUp(session, update)
    this.act(session, judgement)
  }

  /** The same update, judged again once the room has caught up from storage: no further chance. */
  private receiveUpdateCaughtUp(session: Session, update: Uint8Array): void {
    this.act(session, this.judge(session, update))
  }

  /** The gate, the size cap and the rules. Throws ProtocolError for an update that cannot be read. */
  private judge(session: Session, update: Uint8Array): Judgement {
    const start = updateTimings?.now()
    const analysis = analyseUpdate(this.doc, update, this.limits.update)
    const judged = start === undefined ? undefined : updateTimings!.since('gate', start)
    switch (analysis.kind) {
      case 'malformed':
        throw new ProtocolError('malformed-update', analysis.reason)
      case 'incomplete':
        return analysis
      case 'refused':
        return { ...analysis, stale: false }
      case 'integrates':
        break
    }
    const { incoming } = analysis
    if (incoming.empty) return { kind: 'nothing-new' }
    if (this.size.bytes + incoming.update.length > this.limits.documentBytes) {
      return { kind: 'refused', rule: 'size', reason: `文档已达到大小上限（${Math.round(this.limits.documentBytes / 1024 / 1024)} MiB），不能再增加内容`, stale: false }
    }
    this.suggestions ??= new KnownSuggestions(this.doc)
    const decision = this.policy({
      role: session.role,
      userName: session.identity.userName,
      doc: this.doc,
      incoming,
      trial: this.trial,
      suggestionAuthor: this.suggestionAuthor,
      suggestionHeldOutside: this.suggestionHeldOutside,
      othersSuggest: this.othersSuggest,
      clientOwner: this.clientOwner,
    })
    if (judged !== undefined) updateTimings!.since('rule', judged)
    if (!decision.allowed) return { kind: 'refused', rule: decision.rule, reason: decision.reason, stale: true }
    return { kind: 'accepted', incoming }
  }

  private act(session: Session, judgement: Judgement): void {
    switch (judgement.kind) {
      case 'nothing-new':
        return
      case 'incomplete':
        // Whatever a viewer's full state holds, it may not write it: asking for it would only cost the room.
        if (session.role === 'viewer') return this.refuse(session, 'viewer', '只读权限不能修改文档')
        return this.askForFullState(session, judgement.reason)
      case 'refused':
        return this.refuse(session, judgement.rule, judgement.reason)
      case 'accepted':
        return this.accept(session, judgement.incoming)
    }
  }

  /** Integrates an accepted update; what the document took is stored and sent to everyone else. */
  private accept(session: Session, incoming: IncomingUpdate): void {
    const by = session.identity.userName
    this.displayNames.set(by, session.identity.displayName)
    const origin: TransactionOrigin = { kind: 'remote', session: session.id, by }
    const { failed } = this.take(origin, (doc) => Y.applyUpdate(doc, incoming.update), updateTimings ? timedActivityOf : activityOf)
    const start = updateTimings?.now()
    if (failed) {
      // The trial replica may hold what the document could not take.
      this.trial.discard()
      throw new ProtocolError('malformed-update', `update cannot be applied: ${failed.message}`)
    }
    for (const client of incoming.writers) this.bindClient(client, by)
    if (this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null) {
      // The gate let through something Yjs could not integrate: a bug. Never keep it for a later update to release.
      log('error', 'pending-after-gate', { docId: this.docId, user: by })
      this.metrics.reject('internal')
      this.doc.store.pendingStructs = null
      this.doc.store.pendingDs = null
    }
    if (start !== undefined) updateTimings!.since('activity', start)
  }

  /**
   * A change the server makes (the workflow status, a restore), judged
   * against the document's caps first (`server-change.ts`; throws
   * DocumentLimitError, nothing applied), then integrated, stored and
   * relayed. Resolves false when it could not be stored.
   */
  applyServerChange(change: (doc: Y.Doc) => void, origin: TransactionOrigin): Promise<boolean> {
    const update = judgedServerChange(this.doc, change, this.size.bytes, this.limits.documentBytes)
    const { failed } = this.take(origin, (doc) => Y.applyUpdate(doc, update))
    if (failed) throw failed
    return this.flush()
  }

  /**
   * Everything that enters the document enters here: `change` is
   * integrated (`Integrator`), and what the document took goes on by
   * where it came from. A connection's or the server's change is stored
   * and sent to everyone but its sender; another instance's (`peer`, which
   * that instance stored) is sent only; storage's goes nowhere. `read`
   * (activity) is noted with the batch. Returns what was taken; what
   * `change` threw is in `failed`, after what the document took before
   * the throw was passed on.
   */
  private take(origin: TransactionOrigin, change: (doc: Y.Doc) => void, read?: (transaction: Y.Transaction) => ActivityEntry[]): Integrated<ActivityEntry[]> {
    const start = updateTimings?.now()
    const taken = this.integrator.integrate(origin, change, read)
    const applied = start === undefined ? undefined : updateTimings!.since('apply', start)
    if (taken.read) this.commit.note(taken.read)
    if (taken.update) this.forward(taken.update, origin)
    if (applied !== undefined) updateTimings!.since('broadcast', applied)
    return taken
  }

  private forward(update: Uint8Array, origin: TransactionOrigin): void {
    this.stateAnswers.changed()
    this.idle.touch()
    switch (origin.kind) {
      case 'storage':
        return
      case 'peer':
        this.metrics.updatesOut += this.sessions.size
        return this.send({ frame: encodeUpdate(update), to: 'all', except: null })
      case 'remote':
      case 'server': {
        this.commit.store({ update, by: origin.by ?? null, at: Date.now() }, origin.kind === 'server' && !!origin.step)
        const sender = origin.kind === 'remote' ? origin.session : null
        this.metrics.updatesOut += this.sessions.size - (sender === null ? 0 : 1)
        return this.send({ frame: encodeUpdate(update), to: 'all', except: sender })
      }
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
    this.commit.note([{ at: Date.now(), by: session.identity.userName, event: { kind: 'refused', rule, reason } }])
    log('warn', 'update-refused', { docId: this.docId, user: session.identity.userName, role: session.role, rule, reason })
    this.send({ frame: encodePermissionDenied(reason), to: session })
    if (++session.refusals > this.limits.refusalsPerConnection) session.close(CLOSE.refusedRepeatedly)
  }

  /** Binds a client id to the account writing under it (or announcing it) first; stored with the next batch. */
  private bindClient(client: number, by: string): void {
    if (this.clientAccounts.has(client)) return
    this.clientAccounts.set(client, by)
    this.commit.claim({ client, by })
  }

  /** Bindings as stored, or as another instance stored them: they hold over whatever this room guessed. */
  private learnClients(clients: readonly ClientBinding[]): void {
    for (const { client, by } of clients) this.clientAccounts.set(client, by)
  }

  // ── store and broadcast (group commit) ────────────────────────────────

  private send(outgoing: Outgoing): void {
    this.commit.send(outgoing)
  }

  /** Stores what is pending and sends what waited for it (`GroupCommit.flush`). */
  flush(): Promise<boolean> {
    return this.commit.flush()
  }

  /** A batch is stored: the room's stored size grows, and the other instances hear it as one bus message, binding its client ids as this one did. */
  private stored(batch: readonly LoggedUpdate[], clients: readonly ClientBinding[], epoch: number): void {
    this.size.appended(batch)
    if (!this.ports.bus.shared || (batch.length === 0 && clients.length === 0)) return
    const update = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((u) => u.update))
    this.ports.bus.publish(this.docId, { kind: 'update', update, epoch, ...(clients.length > 0 ? { clients: [...clients] } : {}) }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId: this.docId, error: error.message }))
  }

  private async runAfterStore(batch: StoredBatch): Promise<void> {
    for (const listener of this.afterStore) await listener.afterStore(batch)
  }

  // ── other instances ───────────────────────────────────────────────────

  private fromPeer(message: DocumentMessage): void {
    switch (message.kind) {
      case 'update':
        return this.whenLoaded(() => {
          this.learnClients(message.clients ?? [])
          this.commit.raiseEpoch(message.epoch ?? 0)
          this.applyPeerUpdate(message.update)
        })
      case 'awareness':
        return this.whenLoaded(() => this.presence.fromPeer(message.update))
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
      case 'integrates': {
        // Stored by another instance after its rules accepted it: refusing it here would split the document.
        const { failed } = this.take(PEER_ORIGIN, (doc) => Y.applyUpdate(doc, update))
        if (failed) throw failed
      }
    }
  }

  /** Whether this room may lack updates another instance stored: only with other instances on the bus, and not within `ms` of catching up. */
  mayLag(ms = FRESH_FOR_MS): boolean {
    return this.catchUps.mayLag(ms)
  }

  /** Brings the room up to what is stored (`catch-up.ts`). */
  catchUp(): Promise<void> {
    return this.catchUps.catchUp()
  }

  /** Applies what the room lacks of what is stored; returns it, or null when nothing was missing. */
  private caughtUp(stored: { updates: Uint8Array[]; clients: ClientBinding[]; epoch: number }): Uint8Array | null {
    this.learnClients(stored.clients)
    this.commit.raiseEpoch(stored.epoch)
    const { update, failed } = this.take(PEER_ORIGIN, (doc) => applyMissing(doc, stored.updates))
    if (failed) throw failed
    return update
  }

  /** A viewer writes nothing: one second chance (a reconnect to an instance that lags) and no more. */
  private mayRetryAfterCatchUp(session: Session): boolean {
    const retries = session.role === 'viewer' ? 1 : CATCH_UP_RETRIES_PER_CONNECTION
    return this.ports.bus.shared && session.catchUpRetries++ < retries
  }

  /**
   * Before refusing, the room catches up from storage and judges the
   * update again (a client that moved here after a workflow step, say);
   * meanwhile that connection's later frames wait, in order, and everyone
   * else's go on. A connection gets a few such second chances (a viewer
   * one), and the room's catch-ups are coalesced and spaced, so refused
   * updates cannot make the room read the whole document again and again.
   */
  private judgeAfterCatchUp(session: Session, update: Uint8Array): void {
    session.held = []
    void this.catchUp().finally(() => {
      const held = session.held ?? []
      session.held = null
      if (this.isClosed() || !this.sessions.has(session) || !session.isOpen) return
      try {
        this.receiveUpdateCaughtUp(session, update)
      } catch (error) {
        this.hooks.onSessionError(session, error)
      }
      // Judged again, the update may wait once more: what follows it keeps its place behind it.
      for (const message of held) this.receive(session, message)
    })
  }

  // ── sync answers ──────────────────────────────────────────────────────

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
    this.idle.touch()
    this.send({ frame: this.stateAnswers.answer(stateVector, () => Y.encodeStateAsUpdate(this.doc, stateVector)), to: session })
  }

  // ── close ─────────────────────────────────────────────────────────────

  /** Read through a method: the phase changes while awaiting. */
  private isClosed(): boolean {
    return this.phase === 'closed'
  }

  /** Frees the room; `save` stores what is pending and lets the after-store listeners finish (a version, a compaction) first (not for a deleted or failed document). */
  async close({ save }: { save: boolean }): Promise<void> {
    if (this.phase === 'closed') return
    if (save && this.isLoaded) {
      if (await this.flush()) {
        for (const listener of this.afterStore) await listener.beforeClose?.()
      }
    }
    this.phase = 'closed'
    this.waiting = []
    for (const listener of this.afterStore) listener.dispose?.()
    this.idle.dispose()
    await this.unsubscribe?.().catch(() => {})
    this.trialReplica?.dispose()
    this.suggestions?.dispose()
    this.presence.destroy()
    this.doc.destroy()
  }
}

/** A change that applies stored updates in order. */
const applyAll = (updates: readonly Uint8Array[]) => (doc: Y.Doc) => {
  for (const update of updates) Y.applyUpdate(doc, update)
}

/** `activityOf`, counted as the `activity` stage (JIXIAO_UPDATE_TIMINGS). */
function timedActivityOf(transaction: Y.Transaction): ActivityEntry[] {
  const start = updateTimings!.now()
  const activity = activityOf(transaction)
  updateTimings!.since('activity', start)
  return activity
}

function checkedStateVector(stateVector: Uint8Array): Uint8Array {
  try {
    Y.decodeStateVector(stateVector)
    return stateVector
  } catch {
    throw new ProtocolError('truncated', 'state vector cannot be decoded')
  }
}
