/**
 * The little the relay needs of a WebSocket. `sync-upgrade.ts` wraps a real
 * socket in it; tests use in-memory ones.
 */
export interface RelaySocket {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  /** 1 while open (WebSocket.OPEN). */
  readonly readyState: number
  /** Bytes queued for sending and not yet written to the network. */
  readonly bufferedAmount: number
}

export const OPEN = 1
