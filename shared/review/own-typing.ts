/**
 * The reviewer's common case, decided without a trial: one more character
 * typed inside their own pending insertion. Such an update is a single
 * text item placed right after a character of the document; it carries no
 * formatting of its own and takes the formatting in effect where it lands,
 * which is computed here from the live document (read only) the way Yjs
 * does: the non-deleted format items from the start of the text up to the
 * character it follows.
 *
 * Only ever a shortcut to "allowed": anything else — an item that would not
 * land exactly after its origin (a concurrent insert there), formatting
 * that is not solely the reviewer's own insertion mark, more than one
 * struct, any deletion — goes to the full rule on the trial replica.
 */
import * as Y from 'yjs'
import { MARK } from '../schema/node-names'
import { isSuggestionInfo } from '../schema/suggestion'

export function continuesOwnSuggestion(doc: Y.Doc, update: Uint8Array, reviewer: string): boolean {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return false
  }
  if (decoded.structs.length !== 1 || decoded.ds.clients.size !== 0) return false
  const item = decoded.structs[0]
  if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentString) || item.origin === null || item.parent !== null) return false
  const origin = item.origin
  if (origin.clock >= Y.getState(doc.store, origin.client)) return false
  const left = Y.getItem(doc.store, origin)
  if (!(left instanceof Y.Item) || left.parentSub !== null || !(left.parent instanceof Y.XmlText)) return false
  const text = left.parent
  if (text._item?.deleted) return false
  // Where it lands: right after `origin`, if its right origin is what follows `origin` there now.
  const endsLeft = origin.clock === left.id.clock + left.length - 1
  const expectedRight = endsLeft ? (left.right?.id ?? null) : Y.createID(origin.client, origin.clock + 1)
  const right = item.rightOrigin
  if ((right === null) !== (expectedRight === null) || (right && expectedRight && !Y.compareIDs(right, expectedRight))) return false
  return isOnlyOwnInsertion(formattingAfter(text, left), reviewer)
}

/** The attributes in effect right after `last`: every live format item from the start of the text up to it. */
function formattingAfter(text: Y.XmlText, last: Y.Item): Map<string, unknown> {
  const attributes = new Map<string, unknown>()
  for (let item = text._start; item !== null; item = item.right) {
    if (!item.deleted && item.content instanceof Y.ContentFormat) {
      if (item.content.value === null) attributes.delete(item.content.key)
      else attributes.set(item.content.key, item.content.value)
    }
    if (item === last) break
  }
  return attributes
}

function isOnlyOwnInsertion(attributes: Map<string, unknown>, reviewer: string): boolean {
  const mark = attributes.get(MARK.insertion)
  return attributes.size === 1 && isSuggestionInfo(mark) && mark.author === reviewer
}
