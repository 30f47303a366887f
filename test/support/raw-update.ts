/** Hand-built Yjs updates, as a crafted client could send them. */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

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

/** An update that claims `len` ids of `client` from `clock` as collected garbage (a GC struct): 13 bytes for a 32-bit client id. */
export function gcUpdate(client: number, clock: number, len: number): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 1) // clients with structs
  encoding.writeVarUint(encoder, 1) // structs of that client
  encoding.writeVarUint(encoder, client)
  encoding.writeVarUint(encoder, clock)
  encoding.writeUint8(encoder, 0) // info: GC
  encoding.writeVarUint(encoder, len)
  encoding.writeVarUint(encoder, 0) // clients in the delete set
  return encoding.toUint8Array(encoder)
}

/** A replica of `doc` as a client holding all of it would have it. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc))
  return replica
}

/** The update `edit` makes on `doc`, as a client would send it. */
export function updateOf(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  edit(doc)
  return Y.encodeStateAsUpdate(doc, before)
}
