/**
 * A room and the same document's rooms on other instances, over the bus.
 * Each batch this room stores goes out as one message, with the client
 * ids it bound. What another instance stored comes in and is applied
 * without judging again (its rules accepted it; refusing it here would
 * split the document) and never stored again; one that would leave
 * anything pending means this room missed an update, so it catches up
 * from storage instead (`catch-up.ts`), as it does when a connection
 * arrives that may come from an instance that died. Awareness and
 * notices (roles changed, document deleted) come the same way.
 */
import * as Y from 'yjs'
import { analyseUpdate, type UpdateLimits } from '@shared/review/incoming-update'
import type { DocumentMessage, RoomBus } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ClientBinding, DocumentLog, LoggedUpdate, StoredState } from '../storage/document-log'
import { applyMissing, CatchUp, FRESH_FOR_MS } from './catch-up'
import type { ClientAccounts } from './client-accounts'

/** Peer updates passed the limits where they were accepted. */
const NO_UPDATE_LIMITS: UpdateLimits = { updateBytes: Number.MAX_SAFE_INTEGER, itemBytes: Number.MAX_SAFE_INTEGER }

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

  constructor(private readonly ports: OtherInstancesPorts) {
    this.catchUps = new CatchUp({ ...ports, apply: (stored) => this.caughtUp(stored) })
  }

  /** The room has read everything stored (it loaded). */
  loaded(): void {
    this.catchUps.caughtUp()
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
          this.applyUpdate(message.update)
        })
      case 'awareness':
        return this.ports.whenReady(() => this.ports.awareness(message.update))
      case 'roles':
      case 'deleted':
        return this.ports.notice(message.kind)
    }
  }

  /** A batch is stored here: the other instances hear it as one message, binding its client ids as this one did. */
  stored(batch: readonly LoggedUpdate[], clients: readonly ClientBinding[], epoch: number): void {
    const { bus, docId } = this.ports
    if (!bus.shared || (batch.length === 0 && clients.length === 0)) return
    const update = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((u) => u.update))
    bus.publish(docId, { kind: 'update', update, epoch, ...(clients.length > 0 ? { clients: [...clients] } : {}) }).catch((error: Error) => log('warn', 'bus-publish-failed', { docId, error: error.message }))
  }

  /** Applies what the room lacks of what is stored (a catch-up); returns it, or null when nothing was missing. */
  private caughtUp(stored: StoredState): Uint8Array | null {
    this.ports.accounts.learn(stored.clients)
    this.ports.raiseEpoch(stored.epoch)
    return this.ports.apply((doc) => applyMissing(doc, stored.updates))
  }

  /** A stored update from another instance. One that would leave anything pending means this room missed one: catch up instead. */
  private applyUpdate(update: Uint8Array): void {
    this.ports.metrics.peerUpdatesIn++
    const analysis = analyseUpdate(this.ports.doc, update, NO_UPDATE_LIMITS)
    switch (analysis.kind) {
      case 'incomplete':
        return void this.catchUp()
      case 'malformed':
        log('error', 'peer-update-malformed', { docId: this.ports.docId, reason: analysis.reason })
        return void this.catchUp()
      case 'refused':
      case 'integrates':
        this.ports.apply((doc) => Y.applyUpdate(doc, update))
    }
  }
}
