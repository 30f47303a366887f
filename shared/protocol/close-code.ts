/**
 * WebSocket close codes the server uses, each with the reason it sends.
 * The stock y-websocket client stops reconnecting on 4400–4499 and retries
 * on anything else, so the range says whether retrying can help. Two are
 * the WebSocket standard's own (1009, 1011); the rest are ours.
 */

export const CLOSE = {
  /** The client sent something that is not the protocol: retrying would repeat it. */
  malformedMessage: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  documentNotFound: 4404,
  /** The connection kept sending updates the rules refused. */
  refusedRepeatedly: 4422,
  /** Too many messages, or too many connections of one user. */
  rateLimited: 4429,
  /** The server could not store an update: nothing was lost on the client, retry. */
  storageFailure: 4500,
  /** The client did not read what the server sent fast enough. */
  slowReader: 4508,
  /** The server is shutting down or too busy: retry shortly. */
  goingAway: 4503,
  /** A frame over the size limit (the WebSocket standard's "message too big"; the socket library closes with it). */
  tooLarge: 1009,
  /** A bug on the server, not the client's fault (the WebSocket standard's "unexpected condition"): retry. */
  internalError: 1011,
} as const

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE]

/** Close reasons are short (a WebSocket close reason is at most 123 bytes). */
export const CLOSE_REASON: Record<CloseCode, string> = {
  [CLOSE.malformedMessage]: 'malformed message',
  [CLOSE.unauthenticated]: 'unauthenticated',
  [CLOSE.forbidden]: 'forbidden',
  [CLOSE.documentNotFound]: 'document not found',
  [CLOSE.refusedRepeatedly]: 'too many refused updates',
  [CLOSE.rateLimited]: 'rate limited',
  [CLOSE.storageFailure]: 'storage failure, retry',
  [CLOSE.slowReader]: 'slow reader',
  [CLOSE.goingAway]: 'going away, try again',
  [CLOSE.tooLarge]: 'message too big',
  [CLOSE.internalError]: 'internal error, retry',
}

/** Whether a client should reconnect after this close code (the stock client's rule). */
export const isRetryable = (code: number): boolean => !(code >= 4400 && code < 4500)
