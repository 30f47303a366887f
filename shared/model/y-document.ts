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
import { buildDocument } from './build-document'
import type { DocumentText } from './document-text'
import { isDocumentKind, type DocumentKind } from './document-kind'
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
  /** What the document is (`DocumentKind`); absent in a targets document, as in every one made before kinds. */
  kind: 'kind',
  /** A 监控's 截至月份, as written ("6月"). */
  asOf: 'asOf',
  /** The approved targets document a 监控 or 自评 was made from. */
  basedOn: 'basedOn',
} as const

export const contentOf = (ydoc: Y.Doc): Y.XmlFragment => ydoc.getXmlFragment(ROOT.content)
/** The first child element of a node's name (`NODE`), if any. */
export const childElement = (parent: Y.XmlElement | Y.XmlFragment | undefined, name: string): Y.XmlElement | undefined =>
  parent?.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === name)
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

/**
 * A new Y.Doc holding a document's text: its content, and its kind and
 * 截至月份 in meta (where only the server writes). A targets document gets
 * no `kind`, exactly as before kinds.
 */
export function createYDocumentFromText(text: DocumentText, origin: unknown = null): Y.Doc {
  const ydoc = createYDocument(buildDocument(text), origin)
  if ((text.kind ?? 'targets') !== 'targets' || text.asOf !== undefined) {
    ydoc.transact(() => {
      const meta = metaOf(ydoc)
      if (text.kind && text.kind !== 'targets') meta.set(META_KEY.kind, text.kind)
      if (text.asOf !== undefined) meta.set(META_KEY.asOf, text.asOf)
    }, origin)
  }
  return ydoc
}

/** The document's kind, from its meta: 'targets' where none is recorded (every document made before kinds). */
export function documentKindOf(ydoc: Y.Doc): DocumentKind {
  const kind = metaOf(ydoc).get(META_KEY.kind)
  return isDocumentKind(kind) ? kind : 'targets'
}

/** A 监控's 截至月份 as meta records it ("6月"); undefined for other kinds or where none was set. */
export function asOfOf(ydoc: Y.Doc): string | undefined {
  const asOf = metaOf(ydoc).get(META_KEY.asOf)
  return typeof asOf === 'string' ? asOf : undefined
}

/** The approved targets document a 监控 or 自评 was made from; undefined for one imported from a file (and for targets). */
export function basedOnOf(ydoc: Y.Doc): string | undefined {
  const basedOn = metaOf(ydoc).get(META_KEY.basedOn)
  return typeof basedOn === 'string' ? basedOn : undefined
}

/** The document's text as written, with its kind and 截至月份 from meta — the inverse of `createYDocumentFromText`. */
export function readText(ydoc: Y.Doc): DocumentText {
  return withKind(ydoc, readDocument(readContent(ydoc)))
}

/** `text` (read from this document's content, now or at a version) with the document's kind and 截至月份. */
export function withKind(ydoc: Y.Doc, text: DocumentText): DocumentText {
  const kind = documentKindOf(ydoc)
  const asOf = asOfOf(ydoc)
  return { ...(kind === 'targets' ? {} : { kind }), ...(asOf !== undefined ? { asOf } : {}), ...text }
}

/** The ProseMirror JSON of the document's content, without touching the Y.Doc. */
export const readContent = (ydoc: Y.Doc): NodeJSON => yXmlFragmentToProsemirrorJSON(contentOf(ydoc)) as NodeJSON

export const modelOf = (ydoc: Y.Doc): BudgetDocument => deriveModel(readContent(ydoc))

/** The budget year the subtitle names, read off the title block alone: a large document's projects are never read. */
export function yearOf(ydoc: Y.Doc): number | null {
  const titleBlock = childElement(contentOf(ydoc), NODE.titleBlock)
  if (!titleBlock) return null
  const content = (yXmlFragmentToProsemirrorJSON(titleBlock) as NodeJSON).content ?? []
  return parseYear(readDocument({ type: 'doc', content: [{ type: NODE.titleBlock, content }] }).subtitle)
}

/** The schema version the document was written with (0 when unknown). */
export function schemaVersionOf(ydoc: Y.Doc): number {
  const version = metaOf(ydoc).get(META_KEY.schemaVersion)
  return typeof version === 'number' ? version : 0
}
