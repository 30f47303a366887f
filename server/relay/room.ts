/**
 * A loaded document and the connections editing it. The room keeps the
 * Y.Doc and awareness, answers sync, and for every update: asks the
 * policy, stores it, applies it, then relays it — in that order, so no
 * client ever sees an update the server has not stored.
 */
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from '@shared/protocol/awareness-update'
import { encodeAwareness, encodePermissionDenied, encodeSyncStep1, encodeSyncStep2, encodeUpdate, type ClientMessage } from '@shared/protocol/message'
import { isTransactionOrigin, STORAGE_ORIGIN, type TransactionOrigin } from '@shared/protocol/origin'
import { ProtocolError } from '@shared/protocol/protocol-error'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { DocumentStore } from '../storage/document-store'
import type { Session } from './session'
import type { UpdatePolicy } from './update-policy'

export interface CompactionLimits {
  /** Compact when the log after the snapshot has this many updates… */
  updates: number
  /** …or this many bytes. */
  bytes: number
}

const COLOR = /^#[0-9a-fA-F]{3,8}$/

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness: awarenessProtocol.Awareness
  readonly sessions = new Set<Session>()
  /** Which connection announced each awareness client id. */
  private readonly clientOwner = new Map<number, Session>()
  private tail: { count: number; bytes: number; lastSeq: number }

  constructor(
    readonly docId: string,
    private readonly store: DocumentStore,
    private readonly policy: UpdatePolicy,
    private readonly compaction: CompactionLimits,
    private readonly metrics: Metrics,
  ) {
    const stored = store.load(docId)
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update)
    }, STORAGE_ORIGIN)
    this.tail = { count: stored.tailCount, bytes: stored.tailBytes, lastSeq: stored.lastSeq }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.onAwarenessUpdate(change, origin))
  }

  join(session: Session): void {
    this.sessions.add(session)
    session.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const clients = [...this.awareness.getStates().keys()]
    if (clients.length > 0) session.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
  }

  leave(session: Session): void {
    this.sessions.delete(session)
    if (session.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...session.clientIds], 'leave')
  }

  /** Handles one decoded message. Throws ProtocolError or StorageError for the caller to turn into a close. */
  receive(session: Session, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1':
        return session.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, checkedStateVector(message.stateVector))))
      case 'sync-step2':
      case 'update':
        return this.receiveUpdate(session, message.update)
      case 'awareness':
        return this.receiveAwareness(session, message.update)
      case 'query-awareness':
        return session.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])))
      case 'auth':
        return // clients have nothing to say in auth messages; the stock client never sends one
    }
  }

  private receiveUpdate(session: Session, update: Uint8Array): void {
    this.metrics.updatesIn++
    let decoded: ReturnType<typeof Y.decodeUpdate>
    try {
      decoded = Y.decodeUpdate(update)
    } catch (error) {
      throw new ProtocolError('malformed-update', `update cannot be decoded: ${(error as Error).message}`)
    }
    // Sync step 2 of a client that has nothing new: nothing to check, store or relay.
    if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return
    const decision = this.policy({ role: session.role, userName: session.identity.userName, doc: this.doc, update })
    if (!decision.allowed) {
      this.metrics.reject('permission')
      session.send(encodePermissionDenied(decision.reason))
      return
    }
    const seq = this.metrics.timeStorageWrite(() => this.store.append(this.docId, update))
    try {
      Y.applyUpdate(this.doc, update, { kind: 'remote', session: session.id } satisfies TransactionOrigin)
    } catch (error) {
      this.store.remove(seq)
      throw new ProtocolError('malformed-update', `update cannot be applied: ${(error as Error).message}`)
    }
    this.tail = { count: this.tail.count + 1, bytes: this.tail.bytes + update.length, lastSeq: seq }
    if (this.tail.count >= this.compaction.updates || this.tail.bytes >= this.compaction.bytes) this.compact()
  }

  /** Replaces the stored log by one snapshot. A failure leaves the log as it was. */
  compact(): void {
    if (this.tail.count === 0) return
    try {
      this.store.compact(this.docId, Y.encodeStateAsUpdate(this.doc), this.tail.lastSeq)
      this.tail = { count: 0, bytes: 0, lastSeq: this.tail.lastSeq }
    } catch (error) {
      log('error', 'compaction-failed', { docId: this.docId, error: (error as Error).message })
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (!isTransactionOrigin(origin)) {
      log('error', 'update-without-origin', { docId: this.docId })
      return
    }
    switch (origin.kind) {
      case 'storage':
        return
      case 'remote':
        return this.broadcast(encodeUpdate(update), origin.session)
      case 'server':
        this.metrics.timeStorageWrite(() => this.store.append(this.docId, update))
        return this.broadcast(encodeUpdate(update), null)
    }
  }

  private broadcast(frame: Uint8Array, exceptSession: number | null): void {
    for (const session of this.sessions) {
      if (session.id === exceptSession) continue
      this.metrics.updatesOut++
      session.send(frame)
    }
  }

  private receiveAwareness(session: Session, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update)
    const own = entries.filter((e) => (this.clientOwner.get(e.clientID) ?? session) === session)
    if (own.length < entries.length) {
      this.metrics.reject('permission')
      log('warn', 'awareness-of-another-connection', { docId: this.docId, user: session.identity.userName })
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
    for (const session of this.sessions) session.send(frame)
  }

  /** Frees the room; `save` compacts its log first (not for a deleted document). */
  destroy({ save }: { save: boolean }): void {
    if (save) this.compact()
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
