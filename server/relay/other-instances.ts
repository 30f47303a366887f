/**
 * A room and the same document's rooms on other instances, over the bus.
 * Each batch this room stores goes out as one message — its updates as
 * stored, with the client ids they bound — but only while another
 * instance may have the document open: every publish says how many other
 * instances listen, and a room that hears of nobody stops publishing
 * until someone arrives. A room says `here` when it opens the document
 * (and when its instance is back on the bus); a room that held back
 * batches meanwhile answers `here` with `missed`, and the newcomer catches
 * up from storage, which holds them. What another instance stored comes
 * in and is applied without judging again (its rules accepted it;
 * refusing it here would split the document) and never stored again; if
 * any of it cannot integrate (it would stay pending), this room missed an
 * update: the pending part is dropped and the room catches up from
 * storage instead (`catch-up.ts`), as it does when a connection arrives
 * that may come from an instance that died. Awareness and notices (roles
 * changed, document deleted) come the same way, always published.
 */
import * as Y from 'yjs'
import type { DocumentMessage, RoomBus } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ClientBinding, DocumentLog, LoggedUpdate, StoredState } from '../storage/document-log'
import { applyMissing, CatchUp, FRESH_FOR_MS } from './catch-up'
import type { ClientAccounts } from './client-accounts'

export interface OtherInstancesPorts {
  docId: string
  doc: Y.Doc
  log: DocumentLog
  bus: RoomBus
  metrics: Metrics
  isClosed(): boolean
  accounts: ClientAccounts
  /** Runs `work` once the room is loaded (never once closed). */
  whenReady(work: () => void): void
  /** Another instance took a workflow step (`GroupCommit.raiseEpoch`). */
  raiseEpoch(epoch: number): void
  /** Applies a change another instance stored (relayed, not stored); returns what the document took. Throws what the change threw. */
  apply(change: (doc: Y.Doc) => void): Uint8Array | null
  /** Awareness of another instance's connections. */
  awareness(update: Uint8Array): void
  /** Another instance says the document's roles changed, or that it was deleted. */
  notice(kind: 'roles' | 'deleted'): void
}

export class OtherInstances {
  private readonly catchUps: CatchUp
  /** No other instance listened on the document at the last publish, and none has said `here` since: batches stay unpublished. */
  private alone = false
  /** Batches were stored and not published while alone: a newcomer must catch up. */
  private heldBack = false
  /** Counts the `here`s heard, so that a publish answered after one does not make the room alone. */
  private heres = 0

  constructor(private readonly ports: OtherInstancesPorts) {
    this.catchUps = new CatchUp({ ...ports, apply: (stored) => this.caughtUp(stored) })
  }

  /** The room has read everything stored (it loaded): the others hear that it is here. */
  loaded(): void {
    this.catchUps.caughtUp()
    this.sayHere()
  }

  /** The bus was away and is back: messages may have been missed both ways, so say `here` again and catch up. */
  reconnected(): Promise<void> {
    this.alone = false
    this.sayHere()
    return this.catchUp()
  }

  /** Whether the room may lack updates another instance stored: only with other instances on the bus, and not within `ms` of catching up. */
  mayLag(ms = FRESH_FOR_MS): boolean {
    return this.catchUps.mayLag(ms)
  }

  /** Brings the room up to what is stored (`catch-up.ts`). */
  catchUp(): Promise<void> {
    return this.catchUps.catchUp()
  }

  /** A message from another instance (the room's bus subscription). */
  heard(message: DocumentMessage): void {
    switch (message.kind) {
      case 'update':
        return this.ports.whenReady(() => {
          this.ports.accounts.learn(message.clients ?? [])
          this.ports.raiseEpoch(message.epoch ?? 0)
          this.applyUpdates(message.updates)
        })
      case 'here':
        return this.heardHere(message.missed)
      case 'awareness':
        return this.ports.whenReady(() => this.ports.awareness(message.update))
      case 'roles':
      case 'deleted':
        return this.ports.notice(message.kind)
    }
  }

  /** A batch is stored here: the other instances hear it as one message, binding its client ids as this one did. */
  stored(batch: readonly LoggedUpdate[], clients: readonly ClientBinding[], epoch: number): void {
    if (!this.ports.bus.shared || (batch.length === 0 && clients.length === 0)) return
    if (this.alone) {
      this.heldBack = true
      return
    }
    this.publish({ kind: 'update', updates: batch.map((u) => u.update), epoch, ...(clients.length > 0 ? { clients: [...clients] } : {}) })
  }

  /**
   * Another instance has the document open: publish from now on. What
   * was held back before is stored; the other catches up to get it.
   */
  private heardHere(missed: boolean): void {
    this.heres++
    this.alone = false
    if (this.heldBack) this.sayHere()
    if (missed) this.ports.whenReady(() => void this.catchUp())
  }

  private sayHere(): void {
    if (!this.ports.bus.shared) return
    const missed = this.heldBack
    this.heldBack = false
    this.publish({ kind: 'here', missed })
  }

  /** Publishes; nobody else listening (and nobody said `here` meanwhile) makes the room alone. */
  private publish(message: DocumentMessage): void {
    const { bus, docId } = this.ports
    const heres = this.heres
    bus
      .publish(docId, message)
      .then((listening) => {
        if (listening === 0 && heres === this.heres) this.alone = true
      })
      .catch((error: Error) => log('warn', 'bus-publish-failed', { docId, error: error.message }))
  }

  /** Applies what the room lacks of what is stored (a catch-up); returns it, or null when nothing was missing. */
  private caughtUp(stored: StoredState): Uint8Array | null {
    this.ports.accounts.learn(stored.clients)
    this.ports.raiseEpoch(stored.epoch)
    return this.ports.apply((doc) => applyMissing(doc, stored.updates))
  }

  /**
   * Stored updates from another instance, applied in one transaction (one
   * frame to this room's connections). Anything left pending means this
   * room missed an update: the pending part is dropped — the document
   * never holds pending state, for the gate judges against it — and the
   * room catches up, which brings it back with what was missing.
   */
  private applyUpdates(updates: readonly Uint8Array[]): void {
    this.ports.metrics.peerUpdatesIn += updates.length
    let failed: Error | null = null
    try {
      this.ports.apply((doc) => {
        for (const update of updates) Y.applyUpdate(doc, update)
      })
    } catch (error) {
      failed = error as Error
    }
    const { store } = this.ports.doc
    const pending = store.pendingStructs !== null || store.pendingDs !== null
    store.pendingStructs = null
    store.pendingDs = null
    if (failed) log('error', 'peer-update-malformed', { docId: this.ports.docId, reason: failed.message })
    if (failed || pending) void this.catchUp()
  }
}
