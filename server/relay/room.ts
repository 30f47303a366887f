/**
 * A loaded document and the connections editing it. An update goes one
 * way, and this file reads in that order:
 *
 *   load → gate → apply → store → broadcast
 *
 * - load: the room reads the document log; what arrives meanwhile waits
 *   (`room-phase.ts`), but a new client's state request, answered from
 *   one stored piece as it is (the document is built once a message needs
 *   it). A connection's messages come in through
 *   `room-connections.ts`, which hands each update to the gate.
 * - gate: the update is judged (`update-gate.ts`); a refused or incomplete
 *   one is answered (`refusals.ts`), or judged again after a catch-up
 *   (`second-chance.ts`).
 * - apply: the one hop into the Y.Doc and back (`integrate`, below).
 * - store and broadcast: what the document took goes on by where it came
 *   from (`forward`): group commit (`group-commit.ts`) stores the batch,
 *   then sends what waited for it, so no client sees state the server has
 *   not stored; other instances hear the stored batch (`other-instances.ts`);
 *   versions, activity and compaction follow it (`after-store.ts`).
 */
import * as Y from 'yjs'
import type { Awareness } from 'y-protocols/awareness'
import type { IncomingUpdate } from '@shared/review/incoming-update'
import { contentOf, metaOf, threadsOf } from '@shared/model/y-document'
import { encodeUpdate } from '@shared/protocol/message'
import { isTransactionOrigin, PEER_ORIGIN, STORAGE_ORIGIN, type TransactionOrigin } from '@shared/protocol/origin'
import { ProtocolError } from '@shared/protocol/protocol-error'
import type { RoomBus, Unsubscribe } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ActivityEntry, DocumentLog } from '../storage/document-log'
import type { Fold } from '../storage/fold'
import { StorageError } from '../storage/storage-error'
import { ActivityRecord, lostActivity, readActivity } from './activity-record'
import { AfterStoreListeners } from './after-store'
import { AutomaticVersions } from './automatic-versions'
import { ClientAccounts } from './client-accounts'
import { CompactionTrigger } from './compaction-trigger'
import { GroupCommit, type Outgoing } from './group-commit'
import { IdleTrim } from './idle-trim'
import { Integrator, type Integrated } from './integrate'
import { OtherInstances } from './other-instances'
import { Refusals } from './refusals'
import { RoomAwareness } from './room-awareness'
import { RoomConnections } from './room-connections'
import type { RoomLimits } from './room-limits'
import { RoomPhase } from './room-phase'
import { SecondChance } from './second-chance'
import { judgedServerChange } from './server-change'
import type { Session } from './session'
import { StateAnswers } from './state-answers'
import { StoredSize } from './stored-size'
import { UpdateGate, type Judgement } from './update-gate'
import type { UpdatePolicy } from './update-policy'
import { updateTimings } from './update-timings'

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
  /** How a compaction folds the log (here unless given: `fold.ts`). */
  fold?: Fold | undefined
}

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly sessions = new Set<Session>()
  /** Settles once the room is loaded: true, or false when loading failed or the room closed first. */
  readonly loaded: Promise<boolean>
  /** Joining, leaving and each message of a connection (`room-connections.ts`); its updates come to `receiveUpdate`. */
  readonly connections: RoomConnections
  /** The same document's rooms on other instances, and catching up from storage with them (`other-instances.ts`). */
  readonly peers: OtherInstances
  private readonly phase = new RoomPhase()
  /** While loading waits for a need of the document (`untilNeeded`): ends the wait. */
  private needed: (() => void) | null = null
  /** The document was needed before loading came to wait for it: it does not wait. */
  private buildNow = false
  private unsubscribe: Unsubscribe | null = null
  private readonly size = new StoredSize()
  private readonly accounts = new ClientAccounts((binding) => this.commit.claim(binding))
  /** The only way anything enters the document (`integrate`). */
  private readonly integrator: Integrator
  private readonly commit: GroupCommit
  private readonly gate: UpdateGate
  private readonly refusals: Refusals
  private readonly secondChance: SecondChance
  private readonly stateAnswers: StateAnswers
  /** Drops the trial replica and the kept answers once no update has come for a while (`idle-trim.ts`). */
  private readonly idle: IdleTrim
  private readonly presence: RoomAwareness
  /** Side duties of a stored batch (`after-store.ts`). */
  private readonly afterStore: AfterStoreListeners

  constructor(
    readonly docId: string,
    private readonly ports: RoomPorts,
    policy: UpdatePolicy,
    private readonly limits: RoomLimits,
    private readonly metrics: Metrics,
    private readonly hooks: RoomHooks,
    /** The previous room of this document, still saving: load after it. */
    after?: Promise<void>,
  ) {
    const { doc, sessions, phase, accounts, size } = this
    // The roots typed before any update arrives: a root first seen in an update is an untyped placeholder
    // that the first getMap replaces, and the change events would name the placeholder.
    contentOf(doc)
    metaOf(doc)
    threadsOf(doc)
    this.integrator = new Integrator(doc, (origin) => log('error', 'update-outside-room', { docId, origin: isTransactionOrigin(origin) ? origin.kind : String(origin) }))
    // What the room's parts share; each takes what it needs of it (its ports).
    const room = {
      ...ports, // log, bus
      docId, doc, sessions, accounts, metrics,
      refusalsPerConnection: limits.refusalsPerConnection,
      isClosed: () => phase.isClosed,
      send: (outgoing: Outgoing) => this.commit.send(outgoing),
      catchUp: () => this.peers.catchUp(),
      onSessionError: (session: Session, error: unknown) => hooks.onSessionError(session, error),
    }
    this.commit = new GroupCommit({
      ...room,
      schedule: hooks.schedule,
      appended: (batch, claims, epoch) => {
        size.appended(batch)
        this.peers.stored(batch, claims, epoch)
      },
      afterStore: (batch) => this.afterStore.afterStore(batch),
      failed: (error) => hooks.onStorageFailure(this, error),
    })
    const presence = (this.presence = new RoomAwareness(room))
    const idle = (this.idle = new IdleTrim(limits.idleTrimMs, () => this.trimIdle()))
    const stateAnswers = (this.stateAnswers = new StateAnswers(docId, doc, metrics, () => idle.touch()))
    this.connections = new RoomConnections({
      ...room,
      phase,
      presence,
      stateAnswers,
      mayLag: () => this.peers.mayLag(),
      needDocument: () => this.loadNow(),
      update: (session, update) => this.receiveUpdate(session, update),
    })
    this.gate = new UpdateGate({ doc, policy, limits, size, accounts })
    this.refusals = new Refusals({ ...room, note: (entries) => this.commit.note(entries) })
    this.secondChance = new SecondChance({
      ...room,
      judgeAgain: (session, update) => this.act(session, this.gate.judge(session, update)),
      receive: (session, message) => this.connections.receive(session, message),
    })
    this.peers = new OtherInstances({
      ...room,
      whenReady: (work) => phase.whenReady(work),
      raiseEpoch: (epoch) => this.commit.raiseEpoch(epoch),
      // Stored by the instance that accepted it, or read from storage: relayed, not stored again.
      apply: (change) => {
        const { update, failed } = this.integrate(PEER_ORIGIN, change)
        if (failed) throw failed
        return update
      },
      awareness: (update) => presence.fromPeer(update),
      notice: (kind) => hooks.onPeerNotice(this, kind),
    })
    this.afterStore = new AfterStoreListeners([
      new AutomaticVersions(docId, ports.log, doc, limits.autoVersionMs, (login) => accounts.displayNameOf(login)),
      new CompactionTrigger(docId, ports.log, size, limits.compaction, ports.fold),
      new ActivityRecord(docId, ports.log, (activity) => hooks.onActivity?.(this, activity)),
    ])
    this.loaded = this.load(after)
  }

  get awareness(): Awareness {
    return this.presence.awareness
  }

  get isLoaded(): boolean {
    return this.phase.isReady
  }

  /** What the room holds beyond its document for editing (tests, diagnostics): dropped when it is quiet. */
  get heldForEditing(): { trialReplica: boolean; stateAnswers: number } {
    return { trialReplica: this.gate.holdsTrial, stateAnswers: this.stateAnswers.size }
  }

  /** Quiet for a while: what was built for editing goes, to be rebuilt by the next update or request. */
  private trimIdle(): void {
    this.gate.dropTrial()
    this.stateAnswers.changed()
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
      const unsubscribe = await this.ports.bus.subscribe(this.docId, (message) => this.peers.heard(message))
      // Closed while subscribing: close() found nothing to unsubscribe.
      if (this.phase.isClosed) {
        await unsubscribe()
        return false
      }
      this.unsubscribe = unsubscribe
      const stored = await this.ports.log.load(this.docId)
      if (this.phase.isClosed) return false
      // A joiner's state request can be answered from one stored piece as it is: building the document (tens of
      // milliseconds for a long history) waits until a message needs it, so the joiner does not wait for it.
      if (this.stateAnswers.loaded(stored.updates)) await this.untilNeeded()
      if (this.phase.isClosed) return false
      // Applied by a function that is no closure over `stored`: the bus listener above would keep it alive with the room.
      const { failed } = this.integrate(STORAGE_ORIGIN, applyAll(stored.updates))
      if (failed) throw failed
      this.stateAnswers.loaded(stored.updates)
      this.size.loaded(stored.updates, stored.tailCount, stored.tailBytes)
      this.accounts.learn(stored.clients)
      this.commit.loaded(stored.epoch)
      this.peers.loaded()
      this.phase.ready()
      return true
    } catch (error) {
      if (!this.phase.isClosed) this.hooks.onStorageFailure(this, StorageError.from(error, '读取文档'))
      return false
    }
  }

  /**
   * Resolves when the document is needed: a message that needs it
   * (`loadNow`), or `buildWaitMs` after reading storage (a connection
   * that says nothing, another instance's update).
   */
  private untilNeeded(): Promise<void> {
    if (this.buildNow) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.loadNow(), this.limits.buildWaitMs)
      timer.unref?.()
      this.needed = () => {
        clearTimeout(timer)
        this.needed = null
        resolve()
      }
    })
  }

  /** Builds the document now if loading waits for a need of it (the relay's flush and settle, a server change, closing). */
  loadNow(): void {
    this.buildNow = true
    this.needed?.()
  }

  // ── gate ──────────────────────────────────────────────────────────────

  /** An update as a connection sent it: counted, judged, and acted on — or judged again after a catch-up. */
  private receiveUpdate(session: Session, update: Uint8Array): void {
    this.metrics.updatesIn++
    if (updateTimings) updateTimings.updates++
    const judgement = this.gate.judge(session, update)
    if (this.secondChance.deserved(session, judgement)) return this.secondChance.judgeAfterCatchUp(session, update)
    this.act(session, judgement)
  }

  private act(session: Session, judgement: Judgement): void {
    switch (judgement.kind) {
      case 'nothing-new':
        return
      case 'incomplete':
        // Whatever a viewer's full state holds, it may not write it: asking for it would only cost the room.
        if (session.role === 'viewer') return this.refusals.refuse(session, 'viewer', '只读权限不能修改文档')
        return this.refusals.askForFullState(session, judgement.reason)
      case 'refused':
        return this.refusals.refuse(session, judgement.rule, judgement.reason)
      case 'accepted':
        return this.accept(session, judgement.incoming)
    }
  }

  // ── apply ─────────────────────────────────────────────────────────────

  /** Integrates an accepted update; what the document took is stored and sent to everyone else (`forward`). */
  private accept(session: Session, incoming: IncomingUpdate): void {
    const by = session.identity.userName
    this.accounts.wrote(session.identity)
    const origin: TransactionOrigin = { kind: 'remote', session: session.id, by }
    const { failed } = this.integrate(origin, (doc) => Y.applyUpdate(doc, incoming.update), (transaction) => {
      const activity = readActivity(transaction)
      // Text lost is rare: a keystroke does not pay for joining lists.
      const lost = lostActivity(transaction, incoming, (client) => this.accounts.accountOf(client))
      return lost.length === 0 ? activity : [...activity, ...lost]
    })
    const start = updateTimings?.now()
    if (failed) {
      // The trial replica may hold what the document could not take.
      this.gate.trial.discard()
      throw new ProtocolError('malformed-update', `update cannot be applied: ${failed.message}`)
    }
    for (const client of incoming.writers) this.accounts.bind(client, by)
    if (this.gate.droppedPending()) {
      log('error', 'pending-after-gate', { docId: this.docId, user: by })
      this.metrics.reject('internal')
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
    const { failed } = this.integrate(origin, (doc) => Y.applyUpdate(doc, update))
    if (failed) throw failed
    return this.flush()
  }

  /**
   * The one hop into the Y.Doc and back out, taken by everything that
   * enters the document (a connection's update, the server's change,
   * another instance's, the log at load). In: `change` runs in one
   * transaction with `origin`. Out: the document's `update` event carries
   * what it took (after garbage collection) to its listeners — the
   * `Integrator`, which hands it back here as a value, and the gate's
   * trial replica, which replays it on its own (the gate's known
   * suggestions read the transaction itself). What came back goes on
   * (`forward`); `read` (activity, read before garbage collection) is
   * noted with the batch. What `change` threw is in `failed`: what the
   * document took before the throw has gone on all the same.
   */
  private integrate(origin: TransactionOrigin, change: (doc: Y.Doc) => void, read?: (transaction: Y.Transaction) => ActivityEntry[]): Integrated<ActivityEntry[]> {
    const start = updateTimings?.now()
    const taken = this.integrator.integrate(origin, change, read)
    const applied = start === undefined ? undefined : updateTimings!.since('apply', start)
    if (taken.read) this.commit.note(taken.read)
    if (taken.update) this.forward(taken.update, origin)
    if (applied !== undefined) updateTimings!.since('broadcast', applied)
    return taken
  }

  // ── store and broadcast ───────────────────────────────────────────────

  /**
   * What the document took goes on by where it came from: a connection's
   * or the server's change is stored and sent to everyone but its sender;
   * another instance's (`peer`, which that instance stored) is sent only;
   * storage's goes nowhere. Sending waits for the store (`GroupCommit`).
   */
  private forward(update: Uint8Array, origin: TransactionOrigin): void {
    this.stateAnswers.changed()
    this.idle.touch()
    switch (origin.kind) {
      case 'storage':
        return
      case 'peer':
        this.metrics.updatesOut += this.sessions.size
        return this.commit.send({ frame: encodeUpdate(update), to: 'all', except: null })
      case 'remote':
      case 'server': {
        this.commit.store({ update, by: origin.by ?? null, at: Date.now() }, origin.kind === 'server' && !!origin.step)
        const sender = origin.kind === 'remote' ? origin.session : null
        this.metrics.updatesOut += this.sessions.size - (sender === null ? 0 : 1)
        return this.commit.send({ frame: encodeUpdate(update), to: 'all', except: sender })
      }
    }
  }

  /** Stores what is pending and sends what waited for it (`GroupCommit.flush`). */
  flush(): Promise<boolean> {
    this.loadNow()
    return this.commit.flush()
  }

  // ── close ─────────────────────────────────────────────────────────────

  /** Frees the room; `save` stores what is pending and lets the after-store listeners finish (a version, a compaction) first (not for a deleted or failed document). */
  async close({ save }: { save: boolean }): Promise<void> {
    if (this.phase.isClosed) return
    this.loadNow()
    if (save && this.isLoaded) {
      if (await this.flush()) await this.afterStore.beforeClose()
    }
    this.phase.close()
    this.afterStore.dispose()
    this.idle.dispose()
    await this.unsubscribe?.().catch(() => {})
    this.gate.dispose()
    this.presence.destroy()
    this.doc.destroy()
  }
}

/** A change that applies stored updates in order. */
const applyAll = (updates: readonly Uint8Array[]) => (doc: Y.Doc) => {
  for (const update of updates) Y.applyUpdate(doc, update)
}
