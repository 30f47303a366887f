/**
 * An in-memory RelaySocket for driving the relay core without a network:
 * frames the server sends are queued for the test to deliver when it
 * chooses (in any order across connections, in order within one).
 */
import type { RelaySocket } from '../server/relay/relay-socket'

export class MemorySocket implements RelaySocket {
  readonly outbox: Uint8Array[] = []
  readyState = 1
  bufferedAmount = 0
  closeCode: number | null = null

  send(data: Uint8Array): void {
    if (this.readyState === 1) this.outbox.push(data)
  }

  close(code: number): void {
    this.closeCode = code
    this.readyState = 3
  }
}
