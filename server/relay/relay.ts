/**
 * The relay core: rooms of connections, one per loaded document. It knows
 * sockets only as `RelaySocket` and nothing of HTTP or Hono; the adapter
 * authenticates a connection and hands it over here.
 *
 * Every failure is confined: a protocol error closes the socket that sent
 * it (4400), a bug closes it with 1011, and a storage failure resets that
 * one document (its connections close with 4500 and retry). None reaches
 * the process.
 *
 * What changes who may do what — roles, logins, deletion — is applied to
 * this instance's connections and published on the bus, so every
 * instance's connections follow.
 */
import type { ActivityEntry } from '../storage/document-log'
import * as Y from 'yjs'
import { CLOSE, type CloseCode } from '@shared/protocol/close-code'
import { SERVER_ORIGIN } from '@shared/protocol/origin'
import { decodeMessage } from '@shared/protocol/message'
import { ProtocolError } from '@shared/protocol/protocol-error'
import type { Role } from '@shared/protocol/role'
import type { Credential } from '../auth/authenticate'
import type { RoomBus } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { DocumentLog } from '../storage/document-log'
import type { Fold } from '../storage/fold'
import { StorageError } from '../storage/storage-error'
import { RateLimiter, type RateLimit } from './rate-limiter'
import type { RelaySocket } from './relay-socket'
import { Room } from './room'
import { DEFAULT_ROOM_LIMITS, type RoomLimits } from './room-limits'
import { Session, type Identity } from './session'
import type { UpdatePolicy } from './update-policy'
import { updateTimings } from './update-timings'

export interface RelayOptions extends RoomLimits {
  /** Messages per connection. */
  rate: RateLimit
  /** Messages per user over all their connections, kept across reconnects (a connection costs `CONNECT_COST`). */
  userRate: RateLimit
  maxConnectionsPerUser: number
  maxBufferedBytes: number
  maxLoadedDocuments: number
  /** How long a document with no connections stays loaded. */
  idleUnloadMs: number
  /** How a room's pending batch gets stored and sent; tests pass a manual scheduler and call `flush()`. */
  schedule: (flush: () => void) => void
}

export const DEFAULT_RELAY_OPTIONS: RelayOptions = {
  rate: { perSecond: 200, burst: 2000 },
  userRate: { perSecond: 400, burst: 4000 },
  maxConnectionsPerUser: 20,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxLoadedDocuments: 1000,
  idleUnloadMs: 60_000,
  ...DEFAULT_ROOM_LIMITS,
  schedule: (flush) => setImmediate(flush),
}

/** What the relay asks about access, of the stores, when a change may have been made elsewhere. */
export interface RelayAccess {
  roleOf(docId: string, userId: number): Promise<Role | undefined>
  /** Whether a connection's credential still holds (login not ended, token generation current). */
  stillValid(credential: Credential): Promise<boolean>
}

export interface RelayPorts {
  log: DocumentLog
  bus: RoomBus
  access: RelayAccess
  /** Told of every activity a room records (comments, decisions…), after it is stored. */
  onActivity?: (docId: string, activity: ActivityEntry[]) => void
  /** How rooms' compactions fold their logs (`fold.ts`). */
  fold?: Fold
}

/** What opening a connection costs a user's bucket, in messages: it loads and syncs a document. */
const CONNECT_COST = 50

export class Relay {
  private readonly rooms = new Map<string, Room>()
  /** Rooms being saved and closed: a new room for the same document loads after. */
  private readonly closing = new Map<string, Promise<void>>()
  private readonly unloadTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private readonly sessionsByUser = new Map<number, Set<Session>>()
  /**
   * Per user, across connections and reconnects: a reconnect loop does not
   * get a fresh burst. Forgotten once the user has no connection and the
   * bucket is full again (`forgetLimiter`), so it holds only users online
   * or lately so.
   */
  private readonly userLimiters = new Map<number, RateLimiter>()
  private readonly limiterTimers = new Map<number, ReturnType<typeof setTimeout>>()
  private nextSessionId = 1
  private shuttingDown = false

  constructor(
    private readonly ports: RelayPorts,
    private readonly policy: UpdatePolicy,
    private readonly metrics: Metrics,
    private readonly options: RelayOptions = DEFAULT_RELAY_OPTIONS,
  ) {
    ports.bus.onReconnect(() => {
      for (const room of this.rooms.values()) void room.peers.reconnected()
    })
    ports.bus.onDeployment((message) => {
      if (message.kind === 'credentials') this.inBackground('credential-check', this.recheckConnections())
    })
  }

  /**
   * Admits an authenticated connection to a document: loads the document
   * if needed and starts the sync. Returns null when the socket was closed
   * instead (server full, too many connections, shutting down).
   */
  connect(socket: RelaySocket, docId: string, identity: Identity, role: Role): Session | null {
    const session = new Session(this.nextSessionId++, docId, identity, role, socket, this.options, this.metrics)
    const refuse = (code: CloseCode, reason: Parameters<Metrics['reject']>[0]) => {
      this.metrics.reject(reason)
      session.close(code)
      // Refused before it counted as a connection: the bucket it drew on is forgotten as if it had closed.
      if (!this.sessionsByUser.has(identity.userId)) this.forgetLimiter(identity.userId)
      return null
    }
    if (this.shuttingDown) return refuse(CLOSE.goingAway, 'server-full')
    const userSessions = this.sessionsByUser.get(identity.userId) ?? new Set()
    if (userSessions.size >= this.options.maxConnectionsPerUser) return refuse(CLOSE.rateLimited, 'too-many-connections')
    if (!this.userLimiter(identity.userId).take(CONNECT_COST)) return refuse(CLOSE.rateLimited, 'rate-limit')

    const room = this.room(docId)
    if (!room) return refuse(CLOSE.goingAway, 'server-full')

    userSessions.add(session)
    this.sessionsByUser.set(identity.userId, userSessions)
    this.metrics.connections++
    room.connections.join(session)
    return session
  }

  /** One frame from a connection. Never throws. */
  receive(session: Session, frame: Uint8Array): void {
    if (!session.isOpen) return
    this.metrics.bytesIn += frame.length
    const room = this.rooms.get(session.docId)
    if (!room) return
    if (!session.limiter.take() || !this.userLimiter(session.identity.userId).take()) {
      this.metrics.reject('rate-limit')
      log('warn', 'rate-limited', { docId: session.docId, user: session.identity.userName })
      return session.close(CLOSE.rateLimited)
    }
    try {
      const start = updateTimings?.now()
      const message = decodeMessage(frame)
      if (start !== undefined) updateTimings!.since('decode', start)
      room.connections.receive(session, message)
    } catch (error) {
      this.fail(session, error)
    }
  }


  private fail(session: Session, error: unknown): void {
    const context = { docId: session.docId, user: session.identity.userName, error: (error as Error).message }
    if (error instanceof ProtocolError) {
      this.metrics.reject('malformed')
      log('warn', 'protocol-error', { ...context, code: error.code })
      session.close(CLOSE.malformedMessage)
    } else {
      this.metrics.reject('internal')
      log('error', 'internal-error', { ...context, stack: (error as Error).stack })
      session.close(CLOSE.internalError)
    }
  }

  /** The socket closed (either side). */
  disconnect(session: Session): void {
    session.close(CLOSE.goingAway)
    const userSessions = this.sessionsByUser.get(session.identity.userId)
    if (!userSessions?.delete(session)) return
    if (userSessions.size === 0) {
      this.sessionsByUser.delete(session.identity.userId)
      this.forgetLimiter(session.identity.userId)
    }
    this.metrics.connections--
    const room = this.rooms.get(session.docId)
    if (!room) return
    room.connections.leave(session)
    if (room.sessions.size === 0) this.scheduleUnload(session.docId)
  }

  /** A role changed: the user's connections to the document follow at once (closed when the role is gone), here and on every instance. */
  setRole(docId: string, userId: number, role: Role | null): void {
    this.applyRole(docId, userId, role)
    this.publish(docId, 'roles')
  }

  private applyRole(docId: string, userId: number, role: Role | null): void {
    for (const session of this.sessionsByUser.get(userId) ?? []) {
      if (session.docId !== docId) continue
      if (role === null) {
        session.close(CLOSE.forbidden)
        this.disconnect(session)
      } else {
        session.role = role
      }
    }
  }

  /**
   * Brings open connections (of one document, or all) in line with the
   * roles as stored now, for changes made elsewhere (another instance, the
   * CLI's `user remove`, `doc share`): a connection whose user or role is
   * gone closes with 4403.
   */
  async reconcileRoles(docId?: string): Promise<void> {
    for (const [userId, sessions] of [...this.sessionsByUser]) {
      for (const id of new Set([...sessions].map((s) => s.docId))) {
        if (docId !== undefined && id !== docId) continue
        this.applyRole(id, userId, (await this.ports.access.roleOf(id, userId)) ?? null)
      }
    }
  }

  /**
   * Closes, with 4401, every connection whose credential no longer holds:
   * its login session ended (logout, password change) or its token's
   * generation is stale. Run after such a change (which `publish` sends to
   * every instance), and periodically for changes made by the CLI. A user
   * who has no role left (removed meanwhile, between the periodic role check
   * and this one) is closed with 4403, for good: 4401 would have their client
   * retry.
   */
  async closeUnauthenticated({ publish = false } = {}): Promise<void> {
    if (publish) this.ports.bus.publishDeployment({ kind: 'credentials' }).catch((error: Error) => log('warn', 'bus-publish-failed', { error: error.message }))
    for (const sessions of [...this.sessionsByUser.values()]) {
      for (const session of [...sessions]) {
        const { credential } = session.identity
        if (!credential || (await this.ports.access.stillValid(credential))) continue
        const role = await this.ports.access.roleOf(session.docId, session.identity.userId)
        session.close(role ? CLOSE.unauthenticated : CLOSE.forbidden)
        this.disconnect(session)
      }
    }
  }

  /**
   * Every connection rechecked, its credential and its role, here and (with `publish`) on every instance: after a
   * change to who belongs where (a member taken out, a reviewer's assignment ended), which `reconcileRoles` of one
   * document does not reach — the periodic check left a removed member writing for seconds.
   */
  async recheckConnections({ publish = false } = {}): Promise<void> {
    await this.closeUnauthenticated({ publish })
    await this.reconcileRoles()
  }

  /** A document was deleted: its connections close, here and on every instance, and it is unloaded without saving. */
  async closeDocument(docId: string, { publish = true } = {}): Promise<void> {
    if (publish) this.publish(docId, 'deleted')
    const room = this.rooms.get(docId)
    if (!room) return
    for (const session of [...room.sessions]) {
      session.close(CLOSE.documentNotFound)
      this.disconnect(session)
    }
    await this.unload(docId, { save: false })
  }

  /** Work nobody awaits (it reads the stores, which may fail): its failure is logged, never an unhandled rejection. */
  private inBackground(what: string, work: Promise<unknown>): void {
    work.catch((error: Error) => log('error', `${what}-failed`, { error: error.message }))
  }

  private publish(docId: string, kind: 'roles' | 'deleted'): void {
    this.ports.bus.publish(docId, { kind }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId, error: error.message }))
  }

  /**
   * A batch could not be stored: the room holds state that is not on disk
   * and that nobody has been sent. Drop it — every connection closes with
   * "storage failure, retry", and the clients, which keep their edits,
   * send them again to a room reloaded from storage.
   */
  private resetAfterStorageFailure(room: Room, error: StorageError): void {
    this.metrics.reject('storage')
    log('error', 'storage-error', { docId: room.docId, code: error.code, error: error.message })
    for (const session of [...room.sessions]) {
      session.close(CLOSE.storageFailure)
      this.disconnect(session)
    }
    if (this.rooms.get(room.docId) === room) void this.unload(room.docId, { save: false })
  }

  /**
   * A change the server itself makes (the workflow status, a restore):
   * applied to the live document, stored and relayed before this resolves.
   * `by`: the account the change is made for (a restore), kept as its
   * author; `step`: a workflow step, stored with the document's epoch moved
   * on, so that no instance stores content judged under the status before.
   * Rejects with DocumentLimitError when it would take the document past
   * its size or project limit (nothing is applied), StorageError when it
   * could not be stored (nothing was then relayed).
   */
  async applyServerChange(docId: string, change: (doc: Y.Doc) => void, { by, step }: { by?: string; step?: boolean } = {}): Promise<void> {
    const room = this.room(docId)
    if (!room) throw new StorageError('busy', '服务器繁忙，请稍后重试')
    room.loadNow()
    if (!(await room.loaded)) throw new StorageError('io', '无法读取文档')
    const stored = await room.applyServerChange(change, by || step ? { kind: 'server', ...(by ? { by } : {}), ...(step ? { step } : {}) } : SERVER_ORIGIN)
    if (room.sessions.size === 0 && this.rooms.get(docId) === room) this.scheduleUnload(docId)
    if (!stored) throw new StorageError('io', '无法保存流程变更')
  }

  /**
   * Catches up, from storage, every room with connections that has not
   * done so for `ms`. The bus is only the fast path: an instance killed
   * between storing a batch and publishing it leaves the other instances
   * without it, and nothing they hear later need reveal the gap (the next
   * update may come from someone else). Run with several instances when
   * one falls silent, and slowly periodically; each run reads the log of
   * every open document once.
   */
  async catchUpRooms(ms: number): Promise<void> {
    await Promise.all([...this.rooms.values()].filter((room) => room.isLoaded && room.sessions.size > 0 && room.peers.mayLag(ms)).map((room) => room.peers.catchUp()))
  }

  /** Stores and sends every room's pending batch now (for tests, the workflow and shutdown). */
  async flush(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => room.flush()))
  }

  /** Resolves when every loaded room has loaded (tests). */
  async settled(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((room) => (room.loadNow(), room.loaded)))
    await this.flush()
  }

  /** A loaded document, to read only: tests and diagnostics check invariants on it. */
  loadedDocument(docId: string): Y.Doc | undefined {
    const room = this.rooms.get(docId)
    return room?.isLoaded ? room.doc : undefined
  }

  get loadedDocuments(): number {
    return this.rooms.size
  }

  /** Closes every connection with "going away" and saves and unloads every document. */
  async shutdown(): Promise<void> {
    this.shuttingDown = true
    const unloads: Promise<void>[] = []
    for (const room of [...this.rooms.values()]) {
      for (const session of [...room.sessions]) {
        session.close(CLOSE.goingAway)
        this.disconnect(session)
      }
      unloads.push(this.unload(room.docId, { save: true }))
    }
    for (const timer of this.limiterTimers.values()) clearTimeout(timer)
    this.limiterTimers.clear()
    await Promise.all([...unloads, ...this.closing.values()])
  }

  /**
   * What the relay holds, counted: per document and per user. Everything
   * here is released when the connections close and the documents unload
   * (a user's rate bucket once it has refilled). What open rooms built for
   * editing — trial replicas, kept sync answers — goes once they are quiet.
   */
  retained(): { rooms: number; closing: number; unloadTimers: number; users: number; userLimiters: number; trialReplicas: number; stateAnswers: number } {
    let trialReplicas = 0
    let stateAnswers = 0
    for (const room of this.rooms.values()) {
      const held = room.heldForEditing
      if (held.trialReplica) trialReplicas++
      stateAnswers += held.stateAnswers
    }
    return { rooms: this.rooms.size, closing: this.closing.size, unloadTimers: this.unloadTimers.size, users: this.sessionsByUser.size, userLimiters: this.userLimiters.size, trialReplicas, stateAnswers }
  }

  /** Drops the user's bucket once it is full and they still have no connection (a full bucket is what a new one starts with). */
  private forgetLimiter(userId: number): void {
    clearTimeout(this.limiterTimers.get(userId))
    this.limiterTimers.delete(userId)
    const limiter = this.userLimiters.get(userId)
    if (!limiter || this.sessionsByUser.has(userId)) return
    const wait = limiter.msUntilFull()
    if (wait === 0) {
      this.userLimiters.delete(userId)
      return
    }
    const timer = setTimeout(() => this.forgetLimiter(userId), wait)
    timer.unref?.()
    this.limiterTimers.set(userId, timer)
  }

  private userLimiter(userId: number): RateLimiter {
    let limiter = this.userLimiters.get(userId)
    if (!limiter) {
      limiter = new RateLimiter(this.options.userRate)
      this.userLimiters.set(userId, limiter)
    }
    return limiter
  }

  /** The loaded room, loading it if there is space; null when the server is full. */
  private room(docId: string): Room | null {
    const loaded = this.rooms.get(docId)
    if (loaded) {
      clearTimeout(this.unloadTimers.get(docId))
      this.unloadTimers.delete(docId)
      return loaded
    }
    if (this.rooms.size >= this.options.maxLoadedDocuments && !this.evictIdleRoom()) return null
    const room = new Room(docId, { log: this.ports.log, bus: this.ports.bus, fold: this.ports.fold }, this.policy, this.options, this.metrics, {
      schedule: this.options.schedule,
      onStorageFailure: (failed, error) => this.resetAfterStorageFailure(failed, error),
      onSessionError: (session, error) => this.fail(session, error),
      onActivity: (_room, activity) => this.ports.onActivity?.(docId, activity),
      onPeerNotice: (noticed, notice) => {
        if (this.rooms.get(docId) !== noticed) return
        this.inBackground('peer-notice', notice === 'deleted' ? this.closeDocument(docId, { publish: false }) : this.reconcileRoles(docId))
      },
    }, this.closing.get(docId))
    this.rooms.set(docId, room)
    this.metrics.loadedDocuments = this.rooms.size
    return room
  }

  private evictIdleRoom(): boolean {
    for (const [docId, room] of this.rooms) {
      if (room.sessions.size === 0) {
        void this.unload(docId, { save: true })
        return true
      }
    }
    return false
  }

  private scheduleUnload(docId: string): void {
    clearTimeout(this.unloadTimers.get(docId))
    const timer = setTimeout(() => {
      this.unloadTimers.delete(docId)
      if (this.rooms.get(docId)?.sessions.size === 0) void this.unload(docId, { save: true })
    }, this.options.idleUnloadMs)
    timer.unref?.()
    this.unloadTimers.set(docId, timer)
  }

  private async unload(docId: string, { save }: { save: boolean }): Promise<void> {
    const room = this.rooms.get(docId)
    if (!room) return
    clearTimeout(this.unloadTimers.get(docId))
    this.unloadTimers.delete(docId)
    this.rooms.delete(docId)
    this.metrics.loadedDocuments = this.rooms.size
    const closed = room.close({ save }).catch((error: Error) => log('error', 'room-close-failed', { docId, error: error.message }))
    const previous = this.closing.get(docId)
    const done = Promise.all([previous, closed]).then(() => {
      if (this.closing.get(docId) === done) this.closing.delete(docId)
    })
    this.closing.set(docId, done)
    await done
  }
}
