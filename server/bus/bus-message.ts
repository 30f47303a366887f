/**
 * The wire form of bus messages: the sending instance's id (so it can
 * drop its own), a kind byte and, for updates and awareness, the bytes;
 * an update then lists the client ids it bound (count, then id and
 * account of each) and the document's epoch (0: not said), both absent
 * in messages of older instances; `notified` lists the users (count,
 * then each id). A batch of one update goes as `update`, which every
 * version reads; any other as `updates` (count, then each), sent as
 * stored rather than merged (merging costs more than applying them).
 * `here` carries one byte: 1 when the sender missed publishing.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { DeploymentMessage, DocumentMessage } from './room-bus'

const KIND = { update: 0, awareness: 1, roles: 2, deleted: 3, credentials: 4, alive: 5, notified: 6, updates: 7, here: 8, deadlines: 9 } as const
const KIND_NAMES = Object.keys(KIND) as (keyof typeof KIND)[]

type AnyMessage = DocumentMessage | DeploymentMessage

export function encodeBusMessage(instanceId: string, message: AnyMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, instanceId)
  if (message.kind === 'update') {
    const one = message.updates.length === 1
    encoding.writeUint8(encoder, one ? KIND.update : KIND.updates)
    if (!one) encoding.writeVarUint(encoder, message.updates.length)
    for (const update of message.updates) encoding.writeVarUint8Array(encoder, update)
  } else {
    encoding.writeUint8(encoder, KIND[message.kind])
  }
  if (message.kind === 'awareness') encoding.writeVarUint8Array(encoder, message.update)
  if (message.kind === 'here') encoding.writeUint8(encoder, message.missed ? 1 : 0)
  if (message.kind === 'update') {
    const clients = message.clients ?? []
    encoding.writeVarUint(encoder, clients.length)
    for (const { client, by } of clients) {
      encoding.writeVarUint(encoder, client)
      encoding.writeVarString(encoder, by)
    }
    encoding.writeVarUint(encoder, message.epoch ?? 0)
  }
  if (message.kind === 'notified') {
    encoding.writeVarUint(encoder, message.userIds.length)
    for (const id of message.userIds) encoding.writeVarUint(encoder, id)
  }
  return encoding.toUint8Array(encoder)
}

/** The sender and the message; null for bytes that are not one (logged by the caller, never thrown). */
export function decodeBusMessage(bytes: Uint8Array): { from: string; message: AnyMessage } | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    const from = decoding.readVarString(decoder)
    const kind = KIND_NAMES[decoding.readUint8(decoder)]
    switch (kind) {
      case 'update':
      case 'updates': {
        const updates: Uint8Array[] = []
        for (let n = kind === 'update' ? 1 : decoding.readVarUint(decoder); n > 0; n--) updates.push(decoding.readVarUint8Array(decoder))
        const clients = []
        for (let n = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0; n > 0; n--) clients.push({ client: decoding.readVarUint(decoder), by: decoding.readVarString(decoder) })
        const epoch = decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0
        return { from, message: { kind: 'update', updates, ...(clients.length > 0 ? { clients } : {}), ...(epoch > 0 ? { epoch } : {}) } }
      }
      case 'awareness':
        return { from, message: { kind, update: decoding.readVarUint8Array(decoder) } }
      case 'here':
        return { from, message: { kind, missed: decoding.readUint8(decoder) === 1 } }
      case 'notified': {
        const userIds: number[] = []
        for (let n = decoding.readVarUint(decoder); n > 0; n--) userIds.push(decoding.readVarUint(decoder))
        return { from, message: { kind, userIds } }
      }
      case 'roles':
      case 'deleted':
      case 'credentials':
      case 'alive':
      case 'deadlines':
        return { from, message: { kind } }
      default:
        return null
    }
  } catch {
    return null
  }
}
