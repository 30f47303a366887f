/**
 * 显示作者: while on, every paragraph and cell says who last changed it and
 * when (a hover title and a marker), read from the server's edit sessions
 * (`GET /api/docs/:id/authorship`) against this replica's own Yjs items —
 * the ids are the same everywhere, so the attribution is the server's.
 * Edits made after the sessions were fetched show once they are fetched
 * again (on each switch on, and every minute while on).
 */
import { Extension, type Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { later, type Attribution, type AuthorIndex } from '@shared/history/authorship'
import { textAttribution } from '@shared/history/attributed-content'

export interface AuthorshipSource {
  index: AuthorIndex
  /** How a person is shown: display name and relative time. */
  describe: (attribution: Attribution) => string
}

const key = new PluginKey<DecorationSet>('authorship')

const mappingOf = (state: EditorState): Map<Y.AbstractType<unknown>, PMNode> | null =>
  ((ySyncPluginKey.getState(state) as { binding?: { mapping: Map<Y.AbstractType<unknown>, PMNode> } } | undefined)?.binding?.mapping) ?? null

function decorate(state: EditorState, source: AuthorshipSource | null): DecorationSet {
  const mapping = source && mappingOf(state)
  if (!source || !mapping) return DecorationSet.empty
  const typeOf = new Map<PMNode, Y.AbstractType<unknown>>()
  for (const [type, node] of mapping) typeOf.set(node, type)
  const decorations: Decoration[] = []
  state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    const element = typeOf.get(node)
    if (!(element instanceof Y.XmlElement)) return false
    let last: Attribution | null = null
    for (const child of element.toArray()) if (child instanceof Y.XmlText) last = later(last, textAttribution(child, source.index))
    if (last) decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-changed-by': source.describe(last), title: `最后修改：${source.describe(last)}` }))
    return false
  })
  return DecorationSet.create(state.doc, decorations)
}

interface AuthorshipViewStorage {
  source: AuthorshipSource | null
}

declare module '@tiptap/core' {
  interface Storage {
    authorshipView: AuthorshipViewStorage
  }
}

export const AuthorshipView = Extension.create<Record<string, never>, AuthorshipViewStorage>({
  name: 'authorshipView',
  addStorage: () => ({ source: null }),
  addProseMirrorPlugins() {
    const storage = this.storage
    return [
      new Plugin({
        key,
        state: {
          init: (_, state) => decorate(state, storage.source),
          apply: (tr, old, _oldState, newState) => (tr.getMeta(key) || (storage.source && tr.docChanged) ? decorate(newState, storage.source) : old),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ]
  },
})

/** Shows (a source) or hides (null) who changed what. */
export function showAuthorship(editor: Editor, source: AuthorshipSource | null): void {
  editor.storage.authorshipView.source = source
  editor.view.dispatch(editor.state.tr.setMeta(key, true))
}
