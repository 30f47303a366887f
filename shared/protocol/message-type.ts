/**
 * Message type numbers of the y-websocket protocol (see PROTOCOL.md). The
 * stock y-websocket client uses exactly these; anything else is rejected.
 */

export const MESSAGE = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const

export const SYNC = {
  step1: 0,
  step2: 1,
  update: 2,
} as const

export const AUTH = {
  permissionDenied: 0,
} as const
