/**
 * Decoding and encoding of wire messages (grammar in PROTOCOL.md). Decoding
 * is total: a frame either becomes a typed `ClientMessage` or a
 * ProtocolError saying what was wrong — a truncated varint, an unknown
 * type, trailing bytes — never another exception.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { AUTH, MESSAGE, SYNC } from './message-type'
import { ProtocolError } from './protocol-error'

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth'; reason: string }

export function decodeMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame)
  let message: ClientMessage
  try {
    message = readMessage(decoder)
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    // lib0 throws plain Errors when a varint or byte array runs past the end.
    throw new ProtocolError('truncated', `message ends too early (${frame.length} bytes)`)
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError('trailing-bytes', 'bytes after the end of the message')
  return message
}

function readMessage(decoder: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(decoder)
  switch (type) {
    case MESSAGE.sync: {
      const step = decoding.readVarUint(decoder)
      switch (step) {
        case SYNC.step1:
          return { type: 'sync-step1', stateVector: decoding.readVarUint8Array(decoder) }
        case SYNC.step2:
          return { type: 'sync-step2', update: decoding.readVarUint8Array(decoder) }
        case SYNC.update:
          return { type: 'update', update: decoding.readVarUint8Array(decoder) }
        default:
          throw new ProtocolError('unknown-sync-step', `unknown sync step ${step}`)
      }
    }
    case MESSAGE.awareness:
      return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
    case MESSAGE.queryAwareness:
      return { type: 'query-awareness' }
    case MESSAGE.auth: {
      const kind = decoding.readVarUint(decoder)
      if (kind !== AUTH.permissionDenied) throw new ProtocolError('unknown-message-type', `unknown auth message ${kind}`)
      return { type: 'auth', reason: decoding.readVarString(decoder) }
    }
    default:
      throw new ProtocolError('unknown-message-type', `unknown message type ${type}`)
  }
}

const encode = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

const syncMessage = (step: number, payload: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE.sync)
    encoding.writeVarUint(e, step)
    encoding.writeVarUint8Array(e, payload)
  })

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncMessage(SYNC.step1, stateVector)
export const encodeSyncStep2 = (update: Uint8Array) => syncMessage(SYNC.step2, update)
export const encodeUpdate = (update: Uint8Array) => syncMessage(SYNC.update, update)

export const encodeAwareness = (update: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE.awareness)
    encoding.writeVarUint8Array(e, update)
  })

export const encodeQueryAwareness = () => encode((e) => encoding.writeVarUint(e, MESSAGE.queryAwareness))

export const encodePermissionDenied = (reason: string) =>
  encode((e) => {
    encoding.writeVarUint(e, MESSAGE.auth)
    encoding.writeVarUint(e, AUTH.permissionDenied)
    encoding.writeVarString(e, reason)
  })
