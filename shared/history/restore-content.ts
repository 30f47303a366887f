/**
 * Puts a version's content back as a new change on top of the document:
 * the binding's own minimal update (`updateYFragment`, what the editor
 * runs on every keystroke) turns today's content into the version's, so
 * text that is the same in both keeps its identity — comments anchored in
 * it stay anchored — and history is never rewritten. Threads and `meta`
 * are not touched.
 */
import { Node } from '@tiptap/pm/model'
import { updateYFragment } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import type { NodeJSON } from '../model/node-json'
import { contentOf } from '../model/y-document'
import { documentSchema } from '../schema/schema'

/** Call inside a transaction with the caller's origin. Throws a RangeError when `content` does not fit the schema. */
export function restoreContent(doc: Y.Doc, content: NodeJSON): void {
  updateYFragment(doc, contentOf(doc), Node.fromJSON(documentSchema, content), { mapping: new Map(), isOMark: new Map() })
}
