/**
 * "Who last changed this field, and when", for every field the model
 * reads, without a second reader: the document's content is rendered as
 * ProseMirror JSON of the same shape, each text node and each label
 * attribute replaced by a token naming its last change. `readDocument` on
 * that JSON gives a DocumentText whose fields are tokens where the real
 * one's are text, so any field the diff or the checks point at can be
 * attributed by the same path.
 *
 * A field's last change is the latest change to its agreed text: a
 * character inserted or deleted, or a suggestion accepted — which names
 * both the one who accepted it and the one who suggested it, since the
 * words are the suggester's. A pending suggestion is not a change to the
 * agreed text, and neither is one rejected or withdrawn: the field still
 * reads as its author left it.
 *
 * Suggestions are marks, and a decided one has lost them: Yjs deletes the
 * mark's bounds and the server's documents collect deleted items' content.
 * Which deleted ids were bounds, and whose suggestion each opened, comes
 * from the edit sessions (`AuthorIndex.boundsIn`); in order with the
 * text, the bounds say which characters were suggested and who decided.
 */
import * as Y from 'yjs'
import type { NodeJSON } from '../model/node-json'
import { MARK } from '../schema/node-names'
import { isSuggestionInfo } from '../schema/suggestion'
import { later, type Attribution, type AuthorIndex } from './authorship'

const OPEN = '\uE000'
const SEP = '\uE001'
const CLOSE = '\uE002'

/** `OPEN by SEP at CLOSE`, or `OPEN by SEP at SEP suggester CLOSE` for an accepted suggestion. */
const token = (a: Attribution | null): string => (a ? `${OPEN}${a.by ?? ''}${SEP}${a.at}${a.suggestedBy === undefined ? '' : `${SEP}${a.suggestedBy}`}${CLOSE}` : '')

/** The latest attribution among the tokens in a field of the attributed twin. */
export function attributionOf(field: string): Attribution | null {
  let best: Attribution | null = null
  for (const match of field.matchAll(new RegExp(`${OPEN}([^${SEP}]*)${SEP}(\\d+)(?:${SEP}([^${CLOSE}]*))?${CLOSE}`, 'g'))) {
    best = later(best, { by: match[1] || null, at: Number(match[2]), ...(match[3] !== undefined && { suggestedBy: match[3] }) })
  }
  return best
}

const markOf = (key: string): 'insertion' | 'deletion' | null => (key.startsWith(MARK.insertion) ? 'insertion' : key.startsWith(MARK.deletion) ? 'deletion' : null)

/** A suggestion's stretch of text, as the walk meets it: whose, since when, and who decided it when (null: still pending). */
interface Region {
  author: string | null
  since: number
  decided: Attribution | null
}

/**
 * The last agreed change to a text's characters and marks. Walks the text
 * in order, deleted items included, keeping which suggestion of each kind
 * the walk is inside:
 *
 * - inside a pending insertion, text is not agreed: left out;
 * - inside a decided insertion, standing text the suggestion wrote was
 *   accepted (its insertion and the acceptance count); text it wrote and
 *   the decision deleted was rejected (nothing counts); text deleted later,
 *   or that stood before the mark was put around it, is an ordinary
 *   deletion (so a mark cannot hide the deletion of agreed text);
 * - inside a decided deletion, text deleted by the decision was an
 *   accepted deletion; standing text (the deletion rejected) counts as
 *   written;
 * - anywhere else a character counts as inserted, or as deleted.
 */
export function textAttribution(text: Y.XmlText, index: AuthorIndex): Attribution | null {
  let best: Attribution | null = null
  const regions: Record<'insertion' | 'deletion', Region | null> = { insertion: null, deletion: null }
  const accepted = (region: Region): Attribution => {
    const decision = region.decided!
    return region.author !== null && region.author !== decision.by ? { ...decision, suggestedBy: region.author } : decision
  }
  /** Text met (characters, or an embedded node): standing or deleted. */
  const content = (id: Y.ID, length: number, deleted: boolean) => {
    const { insertion, deletion } = regions
    if (!deleted && insertion && !insertion.decided) return
    // Read only where a suggestion is in force or the text stands: most deleted text is neither.
    const written = !deleted || insertion ? index.inserted(id, length) : null
    // Text the suggestion wrote: with its bound or after. Text that stood before is no suggestion for a mark put around it.
    const suggested = insertion !== null && (written?.at ?? Number.POSITIVE_INFINITY) >= insertion.since
    if (!deleted) {
      best = later(best, written)
      if (suggested) best = later(best, accepted(insertion!))
      return
    }
    const gone = index.deleted(id, length)
    if (suggested) {
      // Suggested text deleted before or with the decision was never agreed.
      if (insertion!.decided && gone && gone.at > insertion!.decided.at) best = later(best, gone)
      return
    }
    best = later(best, deletion?.decided && gone && gone.by === deletion.decided.by && gone.at <= deletion.decided.at ? accepted(deletion) : gone)
  }
  /** A bound met: a suggestion opens (whose, decided or not) or closes. */
  const bound = (mark: 'insertion' | 'deletion', author: string | null | undefined, id: Y.ID, deleted: boolean) => {
    regions[mark] = author === null ? null : { author: author ?? null, since: index.inserted(id)?.at ?? 0, decided: deleted ? (index.deleted(id) ?? { by: null, at: 0 }) : null }
  }
  for (let item = text._start; item !== null; item = item.right as Y.Item | null) {
    const c = item.content
    if (c instanceof Y.ContentFormat) {
      const mark = markOf(c.key)
      // A review mark proposes; what counts is its decision, read off the text it bounds.
      if (mark) bound(mark, c.value === null ? null : isSuggestionInfo(c.value) ? c.value.author : undefined, item.id, item.deleted)
      else best = later(best, item.deleted ? index.deleted(item.id) : index.inserted(item.id))
      continue
    }
    if (!item.deleted) {
      content(item.id, item.length, false)
      continue
    }
    // Collected, a deleted item no longer says what it was, and may be several merged: split it at the bounds the sessions know.
    const { client, clock } = item.id
    let from = clock
    for (const b of index.boundsIn(client, clock, clock + item.length)) {
      if (b.clock > from) content(Y.createID(client, from), b.clock - from, true)
      bound(b.mark, b.author, Y.createID(client, b.clock), true)
      from = b.clock + 1
    }
    if (from < clock + item.length) content(Y.createID(client, from), clock + item.length - from, true)
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
