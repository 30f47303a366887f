/**
 * The editor starts from the document the Y.Doc holds.
 *
 * Left to itself, the Yjs binding (@tiptap/y-tiptap's ySyncPlugin) opens an
 * editor on an empty document and then, once its view exists, builds the
 * document from Yjs and dispatches it as a replacement of the whole
 * document, through every plugin (on the sample, ~150 ms of the open). Here
 * the document is built from Yjs before the editor's state is made — by
 * the binding's own `initProseMirrorDoc`, into the editor's schema — and
 * the binding is handed the mapping (Yjs type → node) of that build, as
 * its `mapping` option allows: it then takes the document as already in
 * step with Yjs and replaces nothing.
 *
 * `startFromYjs` must run when the editor's schema exists and its document
 * does not yet: in Tiptap's `beforeCreate`.
 */
import type { Content, Editor } from '@tiptap/core'
import { initProseMirrorDoc, type ySyncPlugin } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'

/** The binding's map of Yjs types to the nodes built from them (its `mapping` option). */
export type YjsMapping = NonNullable<NonNullable<Parameters<typeof ySyncPlugin>[1]>['mapping']>

/**
 * Builds the editor's first document from `fragment` and puts the mapping of
 * that build into `mapping`, the map the binding was configured with. An
 * empty fragment is left to the binding (the editor starts empty, as before).
 */
export function startFromYjs(editor: Editor, fragment: Y.XmlFragment, mapping: YjsMapping): void {
  if (fragment.length === 0) return
  const built = initProseMirrorDoc(fragment, editor.schema)
  for (const [type, node] of built.mapping) mapping.set(type, node)
  // Tiptap takes a ProseMirror node as the document as it is: the very nodes the mapping names.
  editor.options.content = built.doc as unknown as Content
}
