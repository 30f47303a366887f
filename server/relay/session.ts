/**
 * One client connection to one document: who it is, what it may do, and
 * the socket to it. Sending watches the socket's queue: a client that
 * does not read is disconnected instead of growing the server's memory.
 */
import { CLOSE, CLOSE_REASON, type CloseCode } from '@shared/protocol/close-code'
import type { Role } from '@shared/protocol/role'
import type { Metrics } from '../metrics'
import { RateLimiter, type RateLimit } from './rate-limiter'
import { OPEN, type RelaySocket } from './relay-socket'

export interface Identity {
  userId: number
  userName: string
  displayName: string
}

export class Session {
  /** Awareness client ids this connection has announced. */
  readonly clientIds = new Set<number>()
  readonly limiter: RateLimiter
  /** Updates of this connection the rules refused. */
  refusals = 0
  /** The room asked this connection for its full state and waits for its sync step 2. */
  awaitingFullState = false
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

  send(frame: Uint8Array): void {
    if (!this.isOpen) return
    this.socket.send(frame)
    this.metrics.bytesOut += frame.length
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.metrics.reject('slow-reader')
      this.close(CLOSE.slowReader)
    }
  }

  close(code: CloseCode): void {
    if (this.closed) return
    this.closed = true
    if (this.socket.readyState === OPEN) this.socket.close(code, CLOSE_REASON[code])
  }
}
