/**
 * One client connection to one document: who it is, what it may do, and
 * the socket to it. Sending watches the socket's queue: a client that
 * does not read is disconnected instead of growing the server's memory.
 */
import { CLOSE, CLOSE_REASON, type CloseCode } from '@shared/protocol/close-code'
import type { ClientMessage } from '@shared/protocol/message'
import type { Role } from '@shared/protocol/role'
import type { Credential } from '../auth/authenticate'
import type { Metrics } from '../metrics'
import { RateLimiter, type RateLimit } from './rate-limiter'
import { OPEN, type RelaySocket } from './relay-socket'

export interface Identity {
  userId: number
  userName: string
  displayName: string
  /** How the connection authenticated, checked again while it is open; none for in-process peers. */
  credential?: Credential
}

export class Session {
  /** Awareness client ids this connection has announced. */
  readonly clientIds = new Set<number>()
  readonly limiter: RateLimiter
  /** Updates of this connection the rules refused. */
  refusals = 0
  /** Updates of this connection judged again after the room caught up from storage (several instances). */
  catchUpRetries = 0
  /** While an update of this connection waits for the room to catch up: its later messages, in order. */
  held: ClientMessage[] | null = null
  /** The room asked this connection for its full state and waits for its sync step 2. */
  awaitingFullState = false
  /** When this connection's recent sync step 1 answers were sent (each can be the whole document). */
  stateAnswers: number[] = []
  private closed = false

  constructor(
    readonly id: number,
    readonly docId: string,
    readonly identity: Identity,
    public role: Role,
    private readonly socket: RelaySocket,
    private readonly limits: { rate: RateLimit; maxBufferedBytes: number },
    private readonly metrics: Metrics,
  ) {
    this.limiter = new RateLimiter(limits.rate)
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === OPEN
  }

  /** Checked before sending: one large answer cannot push the queue past the cap. */
  send(frame: Uint8Array): void {
    if (!this.isOpen) return
    if (this.socket.bufferedAmount + frame.length > this.limits.maxBufferedBytes) {
      this.metrics.reject('slow-reader')
      return this.close(CLOSE.slowReader)
    }
    this.socket.send(frame)
    this.metrics.bytesOut += frame.length
  }

  close(code: CloseCode): void {
    if (this.closed) return
    this.closed = true
    if (this.socket.readyState === OPEN) this.socket.close(code, CLOSE_REASON[code])
  }
}
