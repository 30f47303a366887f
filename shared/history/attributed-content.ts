/**
 * "Who last changed this field, and when", for every field the model
 * reads, without a second reader: the document's content is rendered as
 * ProseMirror JSON of the same shape, each text node and each label
 * attribute replaced by a token naming its last change. `readDocument` on
 * that JSON gives a DocumentText whose fields are tokens where the real
 * one's are text, so any field the diff or the checks point at can be
 * attributed by the same path.
 *
 * A field's last change is the latest of: an agreed character inserted, a
 * character deleted, a suggestion accepted or rejected (Yjs deletes the
 * mark's bounds). A pending suggestion is not a change to the agreed text
 * and is left out.
 */
import * as Y from 'yjs'
import type { NodeJSON } from '../model/node-json'
import { MARK } from '../schema/node-names'
import { later, type Attribution, type AuthorIndex } from './authorship'

const OPEN = '\uE000'
const SEP = '\uE001'
const CLOSE = '\uE002'

const token = (a: Attribution | null): string => (a ? `${OPEN}${a.by ?? ''}${SEP}${a.at}${CLOSE}` : '')

/** The latest attribution among the tokens in a field of the attributed twin. */
export function attributionOf(field: string): Attribution | null {
  let best: Attribution | null = null
  for (const match of field.matchAll(new RegExp(`${OPEN}([^${SEP}]*)${SEP}(\\d+)${CLOSE}`, 'g'))) {
    best = later(best, { by: match[1] || null, at: Number(match[2]) })
  }
  return best
}

const isReviewMark = (key: string) => key.startsWith(MARK.insertion) || key.startsWith(MARK.deletion)

/** The last agreed change to a text node's characters and marks. */
export function textAttribution(text: Y.XmlText, index: AuthorIndex): Attribution | null {
  let best: Attribution | null = null
  let pendingInsertion = false
  for (let item = text._start; item !== null; item = item.right as Y.Item | null) {
    if (item.deleted) {
      best = later(best, index.deleted(item.id, item.length))
      continue
    }
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      if (content.key.startsWith(MARK.insertion)) pendingInsertion = content.value !== null
      // A review mark proposes; it is decided by deleting its bounds, which the branch above counts.
      if (!isReviewMark(content.key)) best = later(best, index.inserted(item.id))
      continue
    }
    if (!pendingInsertion) best = later(best, index.inserted(item.id, item.length))
  }
  return best
}

/** Attributes the model reads as text (一级/二级 and their kept labels); `suggestion` stays as it is, so pending rows read the same. */
function attributedAttrs(element: Y.XmlElement, index: AuthorIndex): Record<string, unknown> {
  const attrs: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(element.getAttributes())) {
    const item = element._map.get(key)
    attrs[key] = key === 'suggestion' || typeof value !== 'string' || !item ? value : token(index.inserted(item.id))
  }
  return attrs
}

function attributedNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook, index: AuthorIndex): NodeJSON[] {
  if (node instanceof Y.XmlText) {
    const mark = token(textAttribution(node, index))
    return mark ? [{ type: 'text', text: mark }] : []
  }
  if (!(node instanceof Y.XmlElement)) return []
  return [{ type: node.nodeName, attrs: attributedAttrs(node, index), content: node.toArray().flatMap((c) => attributedNode(c as Y.XmlElement, index)) }]
}

/** The content fragment as ProseMirror JSON with attribution tokens for text. */
export function attributedContent(fragment: Y.XmlFragment, index: AuthorIndex): NodeJSON {
  return { type: 'doc', content: fragment.toArray().flatMap((c) => attributedNode(c as Y.XmlElement, index)) }
}
