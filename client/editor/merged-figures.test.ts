import { describe, expect, it } from 'vitest'
import { Node as PMNode } from '@tiptap/pm/model'
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import type { DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { buildDocument } from '@shared/model/build-document'
import { documentSchema } from '@shared/schema/schema'
import { NODE } from '@shared/schema/node-names'
import { ENTERED } from '@shared/schema/figure-cells'
import { documentText, project } from '../../support/document-builder'
import { mergedFiguresPlugin } from './merged-figures'

const funds = (executed: string) => ({ initial: '11', budget: '11', executed, rate: '', points: '', earned: '' })
const plugin = mergedFiguresPlugin()

function stateOf() {
  const text = { ...documentText(project({ name: '一', funds: funds('1') }), project({ name: '二', funds: funds('6.603') }), project({ name: '三', funds: funds('2') })), kind: 'monitoring' as const }
  return EditorState.create({ doc: PMNode.fromJSON(documentSchema, buildDocument(text)), plugins: [plugin] })
}

/** Where the `n`-th 执行数 cell starts. */
function cellAt(state: EditorState, n: number): number {
  const found: number[] = []
  state.doc.descendants((node, pos) => {
    if (node.type.name === NODE.fundsExecuted) found.push(pos)
    return found.length <= n
  })
  return found[n]!
}

/** The cells marked, as the n of their 执行数 cell. */
function marked(state: EditorState): number[] {
  const set = plugin.getState(state) as DecorationSet
  return set.find().map((d) => [0, 1, 2].find((n) => cellAt(state, n) === d.from)!).sort()
}

const fromYjs = (tr: Transaction) => tr.setMeta(ySyncPluginKey, { isChangeOrigin: true })

describe('merged figures in the editor', () => {
  it('marks a figure cell whose text nobody typed, keeps the mark through edits elsewhere, and drops it when the figure is typed again', () => {
    let state = stateOf()
    expect(marked(state)).toEqual([])
    // A colleague's update brings the second project's record: its text is not it.
    state = state.apply(fromYjs(state.tr.setNodeAttribute(cellAt(state, 1), ENTERED, '6.60')))
    expect(marked(state)).toEqual([1])
    // Typing before it, in the first project, moves it along; the mark follows.
    state = state.apply(state.tr.insertText('234', cellAt(state, 0) + 2))
    expect(marked(state)).toEqual([1])
    // Another merge after it, from Yjs.
    state = state.apply(fromYjs(state.tr.setNodeAttribute(cellAt(state, 2), ENTERED, '9')))
    expect(marked(state)).toEqual([1, 2])
    // The second figure typed again: recorded as typed, and no longer marked.
    const at = cellAt(state, 1)
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at + 1, at + 1 + state.doc.nodeAt(at)!.content.size)).insertText('6.6'))
    expect(state.doc.nodeAt(cellAt(state, 1))!.attrs[ENTERED]).toBe('6.6')
    expect(marked(state)).toEqual([2])
  })
})
