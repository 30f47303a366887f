/**
 * The body of an awareness message, decoded so the server can check it:
 *
 *   awarenessUpdate := varUint(n) • entry{n}
 *   entry           := varUint(clientID) • varUint(clock) • varString(JSON state | "null")
 *
 * (y-protocols' awareness.js writes exactly this.) Decoding is total:
 * anything else is a ProtocolError.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { ProtocolError } from './protocol-error'

export interface AwarenessEntry {
  clientID: number
  clock: number
  /** null when the client goes away. */
  state: Record<string, unknown> | null
}

export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  try {
    const entries: AwarenessEntry[] = []
    for (let n = decoding.readVarUint(decoder); n > 0; n--) {
      const clientID = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const state: unknown = JSON.parse(decoding.readVarString(decoder))
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
        throw new ProtocolError('malformed-awareness', 'awareness state must be an object or null')
      }
      entries.push({ clientID, clock, state: state as AwarenessEntry['state'] })
    }
    if (decoding.hasContent(decoder)) throw new ProtocolError('trailing-bytes', 'bytes after the awareness entries')
    return entries
  } catch (error) {
    if (error instanceof ProtocolError) throw error
    throw new ProtocolError('malformed-awareness', `awareness update cannot be read: ${(error as Error).message}`)
  }
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientID)
    encoding.writeVarUint(encoder, entry.clock)
    encoding.writeVarString(encoder, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(encoder)
}
