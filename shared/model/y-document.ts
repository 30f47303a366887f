/**
 * The Y.Doc layout of a document (a DESIGN.md contract):
 *
 *   content  Y.XmlFragment  the whole text as ProseMirror nodes
 *   meta     Y.Map          schemaVersion and, later, the workflow state
 *   threads  Y.Map          comment threads by id
 *
 * Conversion goes through @tiptap/y-tiptap, the binding the editor's
 * Collaboration extension uses, so server and browser write the same
 * structure. Reads use its JSON serialiser, which only reads: the
 * binding's node converter (`yXmlFragmentToProseMirrorRootNode`) deletes
 * Yjs content that does not fit the schema and merges adjacent texts —
 * a write — so nothing outside an editor calls it.
 */
import * as Y from 'yjs'
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap'
import type { BudgetDocument } from './budget-document'
import { deriveModel } from './derive-model'
import { parseYear } from './numbers'
import { readDocument } from './read-document'
import { NODE } from '../schema/node-names'
import type { NodeJSON } from './node-json'
import { documentSchema, SCHEMA_VERSION } from '../schema/schema'

export const ROOT = { content: 'content', meta: 'meta', threads: 'threads' } as const

export const META_KEY = {
  schemaVersion: 'schemaVersion',
  /** The id of last year's document this one was started from, when it was. */
  predecessor: 'predecessor',
} as const

export const contentOf = (ydoc: Y.Doc): Y.XmlFragment => ydoc.getXmlFragment(ROOT.content)
export const metaOf = (ydoc: Y.Doc): Y.Map<unknown> => ydoc.getMap(ROOT.meta)
export const threadsOf = (ydoc: Y.Doc): Y.Map<unknown> => ydoc.getMap(ROOT.threads)

/**
 * A new Y.Doc holding `doc`. Use once, where a document is created (import,
 * template); never to refill an existing document, which would duplicate it.
 * Throws a RangeError when `doc` does not fit the schema.
 */
export function createYDocument(doc: NodeJSON, origin: unknown = null): Y.Doc {
  const ydoc = new Y.Doc()
  ydoc.transact(() => {
    prosemirrorJSONToYXmlFragment(documentSchema, doc, contentOf(ydoc))
    metaOf(ydoc).set(META_KEY.schemaVersion, SCHEMA_VERSION)
  }, origin)
  return ydoc
}

/** The ProseMirror JSON of the document's content, without touching the Y.Doc. */
export const readContent = (ydoc: Y.Doc): NodeJSON => yXmlFragmentToProsemirrorJSON(contentOf(ydoc)) as NodeJSON

export const modelOf = (ydoc: Y.Doc): BudgetDocument => deriveModel(readContent(ydoc))

/** The budget year the subtitle names, read off the title block alone: a large document's projects are never read. */
export function yearOf(ydoc: Y.Doc): number | null {
  const titleBlock = contentOf(ydoc).toArray().find((node): node is Y.XmlElement => node instanceof Y.XmlElement && node.nodeName === NODE.titleBlock)
  if (!titleBlock) return null
  const content = (yXmlFragmentToProsemirrorJSON(titleBlock) as NodeJSON).content ?? []
  return parseYear(readDocument({ type: 'doc', content: [{ type: NODE.titleBlock, content }] }).subtitle)
}

/** The schema version the document was written with (0 when unknown). */
export function schemaVersionOf(ydoc: Y.Doc): number {
  const version = metaOf(ydoc).get(META_KEY.schemaVersion)
  return typeof version === 'number' ? version : 0
}
