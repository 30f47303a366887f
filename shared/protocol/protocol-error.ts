/** A message that breaks the wire protocol; the connection that sent it is closed with `CLOSE.malformedMessage`. */
export type ProtocolErrorCode = 'truncated' | 'unknown-message-type' | 'unknown-sync-step' | 'malformed-update' | 'malformed-awareness' | 'trailing-bytes' | 'not-binary' | 'too-large'

export class ProtocolError extends Error {
  override readonly name = 'ProtocolError'

  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message)
  }
}
