/**
 * A change the server makes on a staff member's behalf (an import of
 * projects, a restore, the workflow status) obeys the same caps as an edit
 * over the socket: it is made on a copy first, and refused whole when the
 * update would take the stored document past its size, or add projects
 * past the project limit (a document already past it, from before the
 * limit, may still move through the workflow).
 */
import * as Y from 'yjs'
import { documentTooLarge, MAX_PROJECTS, projectCount, tooManyProjects } from '@shared/model/document-limits'

/**
 * The update `change` makes to `doc`, made on a copy and not yet applied.
 * Throws DocumentLimitError when the stored size (`storedBytes` now) would
 * pass `maxBytes`, or the change adds projects past the limit.
 */
export function judgedServerChange(doc: Y.Doc, change: (doc: Y.Doc) => void, storedBytes: number, maxBytes: number): Uint8Array {
  const copy = new Y.Doc({ gc: true })
  try {
    // The change is written under the live document's own client id, continuing its clock.
    copy.clientID = doc.clientID
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
    const before = projectCount(copy)
    copy.transact(() => change(copy))
    const after = projectCount(copy)
    if (after > MAX_PROJECTS && after > before) throw tooManyProjects(after)
    const update = Y.encodeStateAsUpdate(copy, Y.encodeStateVector(doc))
    if (storedBytes + update.length > maxBytes) throw documentTooLarge(storedBytes + update.length, maxBytes)
    return update
  } finally {
    copy.destroy()
  }
}
