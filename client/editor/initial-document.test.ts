import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import { ySyncPlugin, ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { contentOf, createYDocumentFromText } from '@shared/model/y-document'
import { NODE } from '@shared/schema/node-names'
import { documentSchema } from '@shared/schema/schema'
import { sampleText } from '../../support/sample'
import { changedSubtree } from './incremental-binding'
import { startFromYjs, type YjsMapping } from './initial-document'

/** What Tiptap's `beforeCreate` hands over: the schema, and the options the document is made from. */
const editorBeingMade = () => ({ schema: documentSchema, options: {} }) as unknown as Editor

describe('the editor starts from the document Yjs holds', () => {
  it('is built once from Yjs, and the binding handed its mapping writes a key typed in a cell from that cell, and nothing else', () => {
    const ydoc = createYDocumentFromText(parsePublishedText(sampleText()))
    const fragment = contentOf(ydoc)
    const mapping: YjsMapping = new Map()
    const editor = editorBeingMade()
    startFromYjs(editor, fragment, mapping)
    const doc = editor.options.content as unknown as PMNode
    expect(doc.eq(yXmlFragmentToProseMirrorRootNode(fragment, documentSchema))).toBe(true)

    // The binding as the sync plugin makes it, on a stand-in view (no DOM), with the mapping and no re-render.
    const view = {
      state: EditorState.create({ doc, plugins: [ySyncPlugin(fragment, { mapping })] }),
      dispatch(tr: Transaction) {
        view.state = view.state.apply(tr)
      },
      hasFocus: () => false,
    }
    const binding = ySyncPluginKey.getState(view.state).binding
    expect(binding.mapping).toBe(mapping)
    binding.initView(view)

    // A key typed in a 指标值: the binding finds the change in that cell (every node above it is the one it was built from).
    let cell = -1
    doc.descendants((node, pos) => (cell < 0 && node.type.name === NODE.indicatorValue ? ((cell = pos + 1), false) : cell < 0))
    view.dispatch(view.state.tr.insertText('≥', cell))
    expect(changedSubtree(binding, view.state.doc).node.type.name).toBe(NODE.indicatorValue)
    const changed: Y.AbstractType<unknown>[] = []
    fragment.observeDeep((events) => changed.push(...events.map((e) => e.target)))
    binding.mux(() => ydoc.transact(() => binding._prosemirrorChanged(view.state.doc), ySyncPluginKey))
    expect(changed).toHaveLength(1)
    expect(changed[0]).toBeInstanceOf(Y.XmlText)
    expect(yXmlFragmentToProseMirrorRootNode(fragment, documentSchema).eq(view.state.doc)).toBe(true)
  })

  it('leaves an empty fragment to the binding: the editor starts empty, as before', () => {
    const mapping: YjsMapping = new Map()
    const editor = editorBeingMade()
    startFromYjs(editor, contentOf(new Y.Doc()), mapping)
    expect(editor.options.content).toBeUndefined()
    expect(mapping.size).toBe(0)
  })
})
