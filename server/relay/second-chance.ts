/**
 * With several instances, an update the room would refuse, or could not
 * integrate, may build on what another instance stored and this one has
 * not heard yet (a client that moved here after a workflow step, say).
 * Before refusing, the room catches up from storage and judges the update
 * again; meanwhile that connection's later messages wait, in order, and
 * everyone else's go on. A connection gets a few such second chances (a
 * viewer one), and the room's catch-ups are coalesced and spaced
 * (`catch-up.ts`), so refused updates cannot make the room read the whole
 * document again and again.
 */
import type { ClientMessage } from '@shared/protocol/message'
import type { RoomBus } from '../bus/room-bus'
import type { Session } from './session'
import type { Judgement } from './update-gate'

const CATCH_UP_RETRIES_PER_CONNECTION = 3

export interface SecondChancePorts {
  bus: RoomBus
  sessions: ReadonlySet<Session>
  isClosed(): boolean
  catchUp(): Promise<void>
  /** Judges the update again, with no further chance, and acts on the judgement. */
  judgeAgain(session: Session, update: Uint8Array): void
  /** Handles a message that waited behind the update. */
  receive(session: Session, message: ClientMessage): void
  onSessionError(session: Session, error: unknown): void
}

export class SecondChance {
  constructor(private readonly ports: SecondChancePorts) {}

  /**
   * Whether the judgement may come from what the room lacks rather than
   * from the update, and the connection has a second chance left (taken
   * by asking). A viewer writes nothing: one chance (a reconnect to an
   * instance that lags) and no more.
   */
  deserved(session: Session, judgement: Judgement): boolean {
    const doubtful = judgement.kind === 'incomplete' || (judgement.kind === 'refused' && judgement.stale)
    if (!doubtful) return false
    const retries = session.role === 'viewer' ? 1 : CATCH_UP_RETRIES_PER_CONNECTION
    return this.ports.bus.shared && session.catchUpRetries++ < retries
  }

  /** Catches the room up, then judges `update` again; the connection's messages meanwhile wait in `session.held`. */
  judgeAfterCatchUp(session: Session, update: Uint8Array): void {
    session.held = []
    void this.ports.catchUp().finally(() => {
      const held = session.held ?? []
      session.held = null
      if (this.ports.isClosed() || !this.ports.sessions.has(session) || !session.isOpen) return
      try {
        this.ports.judgeAgain(session, update)
      } catch (error) {
        this.ports.onSessionError(session, error)
      }
      // Judged again, the update may wait once more: what follows it keeps its place behind it.
      for (const message of held) this.ports.receive(session, message)
    })
  }
}
