/**
 * ProseMirror's JSON form of a node: what `Node.toJSON()` gives and what
 * the Yjs binding reads and writes. Code that must never throw on a
 * damaged document (readers, the model) works on this form.
 */

export interface MarkJSON {
  type: string
  attrs?: Record<string, unknown>
}

export interface NodeJSON {
  type: string
  attrs?: Record<string, unknown>
  content?: NodeJSON[]
  text?: string
  marks?: MarkJSON[]
}
