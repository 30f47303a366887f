/**
 * Catching a room up from storage. With several instances, a room may
 * lack updates another instance stored: one it has not heard on the bus
 * yet, or one an instance stored and died before publishing. The log holds
 * every update any instance ever stored, so applying what the room lacks
 * of it closes any gap. Runs one at a time; asked again meanwhile, it runs
 * once more. Each reads the whole document, so one starts at most every
 * `CATCH_UP_INTERVAL_MS`: whoever asks sooner waits for it, together. What
 * the room found missing is published, since other instances may lack it
 * too.
 */
import * as Y from 'yjs'
import type { RoomBus } from '../bus/room-bus'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ClientBinding, DocumentLog, StoredState } from '../storage/document-log'

/** How long after catching up a room counts as holding everything stored (for a joining connection). */
export const FRESH_FOR_MS = 2_000

/** A catch-up reads the whole document: at most one per room this often. */
const CATCH_UP_INTERVAL_MS = 1_000

export interface CatchUpPorts {
  docId: string
  log: DocumentLog
  bus: RoomBus
  metrics: Metrics
  isClosed(): boolean
  /** Applies what the room lacks of `stored`; returns it as one update, or null when nothing was missing. */
  apply(stored: StoredState): Uint8Array | null
}

export class CatchUp {
  private run: Promise<void> | null = null
  private again = false
  /** When the room last held everything stored (loaded or caught up). */
  private caughtUpAt = 0
  /** When the last catch-up started reading: the next waits `CATCH_UP_INTERVAL_MS` after it. */
  private startedAt = 0

  constructor(private readonly ports: CatchUpPorts) {}

  /** The room has just read everything stored (it loaded). */
  caughtUp(): void {
    this.caughtUpAt = Date.now()
  }

  /** Whether the room may lack updates another instance stored: only with other instances on the bus, and not within `ms` of catching up. */
  mayLag(ms = FRESH_FOR_MS): boolean {
    return this.ports.bus.shared && Date.now() - this.caughtUpAt >= ms
  }

  catchUp(): Promise<void> {
    if (this.ports.isClosed()) return Promise.resolve()
    if (this.run) {
      this.again = true
      return this.run
    }
    this.run = (async () => {
      try {
        do {
          const wait = this.startedAt + CATCH_UP_INTERVAL_MS - Date.now()
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref())
          if (this.ports.isClosed()) return
          this.again = false
          this.startedAt = Date.now()
          this.ports.metrics.catchUps++
          const stored = await this.ports.log.load(this.ports.docId)
          if (this.ports.isClosed()) return
          const found = this.ports.apply(stored)
          // What this room lacked, others may lack too (its instance died before publishing it): it is stored, so say it.
          if (found && this.ports.bus.shared) {
            this.ports.bus
              .publish(this.ports.docId, { kind: 'update', updates: [found], clients: bindingsOf(found, stored.clients), epoch: stored.epoch })
              .catch((error: Error) => log('warn', 'bus-publish-failed', { docId: this.ports.docId, error: error.message }))
          }
          this.caughtUpAt = Date.now()
        } while (this.again)
      } catch (error) {
        log('error', 'catch-up-failed', { docId: this.ports.docId, error: (error as Error).message })
        setTimeout(() => void this.catchUp(), 1000).unref()
      } finally {
        this.run = null
      }
    })()
    return this.run
  }
}

/**
 * Applies what `doc` lacks of the stored updates (each less what the
 * document has, in log order: half the work of merging the log first).
 * Call inside one transaction.
 */
export function applyMissing(doc: Y.Doc, stored: readonly Uint8Array[]): void {
  const has = Y.encodeStateVector(doc)
  for (const update of stored) Y.applyUpdate(doc, Y.diffUpdate(update, has))
}

/** The stored bindings of the client ids an update writes under. */
function bindingsOf(update: Uint8Array, stored: readonly ClientBinding[]): ClientBinding[] {
  const writers = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update))
  return stored.filter(({ client }) => writers.has(client))
}
