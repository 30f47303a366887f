/** Hand-built Yjs updates, as a crafted client could send them. */
import * as encoding from 'lib0/encoding'

/** An update that only deletes `len` ids of `client` from `clock`: no structs, one delete-set range (update format v1). */
export function deleteOnlyUpdate(client: number, clock: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0) // clients with structs
  encoding.writeVarUint(encoder, 1) // clients in the delete set
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, 1) // ranges
  encoding.writeVarUint(encoder, clock)
  encoding.writeVarUint(encoder, len)
  return encoding.toUint8Array(encoder)
}
