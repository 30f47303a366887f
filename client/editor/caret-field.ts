/**
 * Whether a colleague's change just deleted the field the local caret is
 * in (its row or its project deleted). The editor then puts the caret in
 * the next cell, and typing that goes on goes there — into a cell nobody
 * meant, with the words typed before gone with the row and nothing said.
 *
 * Read in the change's `afterTransaction` (before garbage collection) from
 * the caret's relative position as the awareness had it before: the item it
 * follows, or the field's text itself when at its start.
 */
import * as Y from 'yjs'

export function caretFieldDeleted(transaction: Y.Transaction, caret: unknown): boolean {
  if (!caret || transaction.deleteSet.clients.size === 0) return false
  const position = Y.createRelativePositionFromJSON(caret)
  const id = position.item ?? position.type
  if (!id || id.clock >= Y.getState(transaction.doc.store, id.client)) return false
  const struct = Y.getItem(transaction.doc.store, id)
  if (!(struct instanceof Y.Item)) return false
  // The text the caret is in: the item's parent, or (at the start of a field) the text whose item this is.
  const text = position.item ? (struct.parent as Y.AbstractType<unknown>)._item : struct
  return text !== null && text.deleted && Y.isDeleted(transaction.deleteSet, text.id)
}
