/**
 * The connections of a room: joining (a sync step 1 and everyone's
 * awareness, once the room is loaded), leaving, and one decoded message
 * at a time, dispatched by type. Updates go on to the room's gate; state
 * requests are answered (`state-answers.ts`), awareness is
 * `room-awareness.ts`. Messages wait while the room loads (but a new
 * client's state request, answered from storage as it is), and while the
 * connection's last update waits to be judged again (`second-chance.ts`),
 * so each connection's messages are handled in the order sent.
 */
import * as Y from 'yjs'
import { encodeSyncStep1, type ClientMessage } from '@shared/protocol/message'
import type { Outgoing } from './group-commit'
import type { RoomAwareness } from './room-awareness'
import type { RoomPhase } from './room-phase'
import type { Session } from './session'
import type { StateAnswers } from './state-answers'

export interface RoomConnectionsPorts {
  doc: Y.Doc
  sessions: Set<Session>
  phase: RoomPhase
  presence: RoomAwareness
  stateAnswers: StateAnswers
  send(outgoing: Outgoing): void
  /** Whether the room may lack updates another instance stored (`CatchUp.mayLag`). */
  mayLag(): boolean
  catchUp(): Promise<void>
  /** While loading: a message needs the document itself, so build it now (`Room.loadNow`). */
  needDocument(): void
  /** An update (or sync step 2) a connection sent: the room's path, from the gate on. */
  update(session: Session, update: Uint8Array): void
  /** Handling a message failed (a ProtocolError, or a bug). */
  onSessionError(session: Session, error: unknown): void
}

export class RoomConnections {
  constructor(private readonly ports: RoomConnectionsPorts) {}

  join(session: Session): void {
    const { sessions, phase, presence } = this.ports
    sessions.add(session)
    phase.whenReady(() => {
      if (!sessions.has(session)) return
      // A connection arriving here may come from an instance that died with updates stored but not yet published.
      if (this.ports.mayLag()) void this.ports.catchUp()
      this.ports.send({ frame: encodeSyncStep1(Y.encodeStateVector(this.ports.doc)), to: session })
      const everyone = presence.everyone()
      if (everyone) this.ports.send({ frame: everyone, to: session })
    })
  }

  leave(session: Session): void {
    this.ports.sessions.delete(session)
    this.ports.presence.leave(session)
  }

  /**
   * Handles one decoded message, now or once loaded (or, while the
   * connection's last update waits for a catch-up, after it); a failure
   * goes to `onSessionError`.
   */
  receive(session: Session, message: ClientMessage): void {
    const { phase } = this.ports
    if (!phase.isReady && !phase.isClosed) {
      // A new client's state request is answered from what storage holds while the room builds the
      // document (`StateAnswers.loaded`): an answer of the stored state is a true one, and whatever the
      // room takes after it reaches this client like everyone else's. Anything else needs the document.
      if (message.type === 'sync-step1' && this.ports.stateAnswers.has(message.stateVector)) return this.handleNow(session, message)
      this.ports.needDocument()
    }
    phase.whenReady(() => this.handleNow(session, message))
  }

  private handleNow(session: Session, message: ClientMessage): void {
    if (!this.ports.sessions.has(session) || !session.isOpen) return
    if (session.held) return void session.held.push(message)
    try {
      this.handle(session, message)
    } catch (error) {
      this.ports.onSessionError(session, error)
    }
  }

  private handle(session: Session, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1': {
        const answer = this.ports.stateAnswers.answer(session, message.stateVector)
        return answer ? this.ports.send({ frame: answer, to: session }) : undefined
      }
      case 'sync-step2':
        session.awaitingFullState = false
        return this.ports.update(session, message.update)
      case 'update':
        return this.ports.update(session, message.update)
      case 'awareness':
        return this.ports.presence.receive(session, message.update)
      case 'query-awareness':
        return this.ports.send({ frame: this.ports.presence.answer(), to: session })
      case 'auth':
        return // clients have nothing to say in auth messages; the stock client never sends one
    }
  }
}
