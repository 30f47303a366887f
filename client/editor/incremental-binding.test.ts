import { describe, expect, it } from 'vitest'
import type { Node as PMNode } from '@tiptap/pm/model'
import { EditorState, type Transaction } from '@tiptap/pm/state'
import { ySyncPlugin, ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { NODE } from '@shared/schema/node-names'
import { documentSchema } from '@shared/schema/schema'
import { sampleStateAt } from '../../test/support/editor-state'
import { makeRandom, type Random } from '../../support/random'
import { changedSubtree } from './incremental-binding'

/** Two Y.Docs kept in sync, the first bound to a ProseMirror state through the binding (a stand-in view, no DOM). */
function boundPair() {
  const [local, remote] = [new Y.Doc(), new Y.Doc()]
  local.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(remote, u, 'wire'))
  remote.on('update', (u: Uint8Array, origin: unknown) => origin !== 'wire' && Y.applyUpdate(local, u, 'wire'))
  const fragment = local.getXmlFragment('content')
  const sample = sampleStateAt(NODE.docTitle)
  const view = {
    state: EditorState.create({ doc: sample.doc, plugins: [ySyncPlugin(fragment)] }),
    dispatch(tr: Transaction) {
      view.state = view.state.apply(tr)
    },
    hasFocus: () => false,
  }
  const binding = ySyncPluginKey.getState(view.state).binding
  binding.initView(view)
  // As the sync plugin's view writes a change: under the binding's mutex, so that Yjs does not echo it back.
  const write = () => binding.mux(() => local.transact(() => binding._prosemirrorChanged(view.state.doc), ySyncPluginKey))
  write()
  const edit = (tr: Transaction) => {
    view.dispatch(tr)
    write()
  }
  return { view, binding, edit, fragment, remote: remote.getXmlFragment('content') }
}

const textblocks = (doc: PMNode) => {
  const found: { pos: number; node: PMNode }[] = []
  doc.descendants((node, pos) => {
    if (node.isTextblock) found.push({ pos, node })
    return !node.isTextblock
  })
  return found
}

const nodesOf = (doc: PMNode, type: string) => {
  const found: { pos: number; node: PMNode }[] = []
  doc.descendants((node, pos) => {
    if (node.type.name === type) found.push({ pos, node })
  })
  return found
}

const word = (random: Random) => '指标值资金率abc'.slice(random.int(5), 5 + random.int(5))

describe('the binding writes a local change from the node it changed', () => {
  it('narrows typing in a cell to that cell, and two projects’ edits to the part holding both', () => {
    const { view, binding } = boundPair()
    const cell = textblocks(view.state.doc).find((t) => t.node.type.name === NODE.indicatorValue)!
    const typed = view.state.apply(view.state.tr.insertText('≥', cell.pos + 1)).doc
    expect(changedSubtree(binding, typed).node.type.name).toBe(NODE.indicatorValue)
    const [first, last] = [nodesOf(view.state.doc, NODE.budgetTotal)[0]!, nodesOf(view.state.doc, NODE.budgetTotal).at(-1)!]
    const both = view.state.apply(view.state.tr.insertText('1', last.pos + 1).insertText('1', first.pos + 1)).doc
    expect(changedSubtree(binding, both).node.type.name).toBe(NODE.projectsPart)
  })

  it('leaves Yjs holding exactly the document, through random local and remote edits', () => {
    for (const seed of [1, 2, 3]) {
      const random = makeRandom(seed)
      const { view, edit, fragment, remote } = boundPair()
      for (let step = 0; step < 150; step++) {
        const { doc, tr } = { doc: view.state.doc, tr: view.state.tr }
        const roll = random.next()
        if (roll < 0.45) {
          const cell = random.pick(textblocks(doc))
          const at = cell.pos + 1 + random.int(cell.node.content.size + 1)
          edit(random.chance(0.7) || cell.node.content.size === 0 ? tr.insertText(word(random), at) : tr.delete(cell.pos + 1, cell.pos + 1 + random.int(cell.node.content.size) + 1))
        } else if (roll < 0.55) {
          // A row's 一级 changes, alone or with a cell of the row in the same transaction.
          const row = random.pick(nodesOf(doc, NODE.indicator))
          tr.setNodeMarkup(row.pos, undefined, { ...row.node.attrs, level1: random.pick(['产出指标', '效益指标', '满意度指标', '']) })
          edit(random.chance(0.5) ? tr.insertText(word(random), row.pos + 2) : tr)
        } else if (roll < 0.65) {
          const row = random.pick(nodesOf(doc, NODE.indicator))
          edit(random.chance(0.5) ? tr.delete(row.pos, row.pos + row.node.nodeSize) : tr.insert(row.pos + row.node.nodeSize, row.node.copy(row.node.content)))
        } else if (roll < 0.75) {
          // One transaction touching two places far apart (a replace-all, an accept-all).
          const cells = textblocks(doc)
          const [a, b] = [random.pick(cells), random.pick(cells)].sort((x, y) => y.pos - x.pos) as [(typeof cells)[number], (typeof cells)[number]]
          edit(tr.insertText('甲', a.pos + 1).insertText('乙', b.pos + 1))
        } else {
          // A colleague types somewhere, or deletes a row.
          const texts: Y.XmlText[] = []
          const rows: Y.XmlElement[] = []
          for (const item of remote.createTreeWalker(() => true)) {
            if (item instanceof Y.XmlText) texts.push(item)
            else if (item instanceof Y.XmlElement && item.nodeName === NODE.indicator) rows.push(item)
          }
          if (random.chance(0.8) || rows.length === 0) {
            const text = random.pick(texts)
            text.insert(random.int(text.length + 1), word(random))
          } else {
            const row = random.pick(rows)
            const list = row.parent as Y.XmlElement
            list.delete(list.toArray().indexOf(row), 1)
          }
        }
        const inYjs = yXmlFragmentToProseMirrorRootNode(fragment, documentSchema)
        if (!inYjs.eq(view.state.doc)) throw new Error(`seed ${seed}, step ${step}: Yjs and the document differ`)
        expect(yXmlFragmentToProseMirrorRootNode(remote, documentSchema).eq(view.state.doc)).toBe(true)
      }
    }
  })
})
