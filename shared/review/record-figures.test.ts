/**
 * Two people, two real Y.Docs, each with an editor state bound the way the
 * browser's is (the binding's own `updateYFragment` writes each state into
 * Yjs, `recordFigures` appended as the editor appends it): a 监控's 执行数
 * typed "6.60" by one while the other types "3" merges into a figure
 * nobody wrote, and that is an error on the cell for both; the same
 * typing one after the other, an undo, a suggestion and its acceptance
 * are not.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Node as PMNode } from '@tiptap/pm/model'
import { EditorState, Plugin, TextSelection, type Transaction } from '@tiptap/pm/state'
import { updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap'
import { documentText, project } from '../../support/document-builder'
import { contentOf, createYDocumentFromText, readContent, readText } from '../model/y-document'
import { documentSchema } from '../schema/schema'
import { MARK, NODE } from '../schema/node-names'
import { ENTERED } from '../schema/figure-cells'
import { documentFindings } from '../kinds/document-findings'
import { MERGED_FIGURE_RULE } from '../checks/rules/merged-figures'
import { recordFigures } from './record-figures'
import { restoreContent } from '../history/restore-content'

const TYPING = 'typing'
const recorder = new Plugin({ appendTransaction: (trs, before, after) => recordFigures(trs, before, after) })

/** One person's editor over their replica: typing goes through ProseMirror, then into Yjs as the binding writes it. */
function person(ydoc: Y.Doc) {
  let state = EditorState.create({ doc: PMNode.fromJSON(documentSchema, readContent(ydoc)), plugins: [recorder] })
  const write = () => ydoc.transact(() => updateYFragment(ydoc, contentOf(ydoc), state.doc, { mapping: new Map(), isOMark: new Map() }), TYPING)
  const cell = (name: string) => {
    let at = -1
    state.doc.descendants((node, pos) => {
      if (at < 0 && node.type.name === name) at = pos
      return at < 0
    })
    return { from: at + 1, to: at + 1 + state.doc.nodeAt(at)!.content.size }
  }
  const dispatch = (make: (tr: Transaction) => Transaction) => {
    state = state.apply(make(state.tr))
    write()
  }
  return {
    /** Reads what others sent (as the binding would on a remote change). */
    refresh: () => { state = EditorState.create({ doc: PMNode.fromJSON(documentSchema, readContent(ydoc)), plugins: [recorder] }) },
    /** Types `text` key by key at the end of the cell. */
    typeAtEnd: (name: string, text: string) => { for (const ch of text) dispatch((tr) => tr.insertText(ch, cell(name).to)) },
    /** Selects the cell's text and types over it, key by key. */
    retype: (name: string, text: string) => {
      const { from, to } = cell(name)
      dispatch((tr) => tr.setSelection(TextSelection.create(tr.doc, from, to)).insertText(text[0]!))
      for (const ch of text.slice(1)) dispatch((tr) => tr.insertText(ch, cell(name).to))
    },
    /** Types `text` as a suggestion (marked as an insertion), at the end of the cell. */
    suggestAtEnd: (name: string, text: string, author: string) => {
      const mark = documentSchema.marks[MARK.insertion]!.create({ id: 's1', author, time: 1 })
      dispatch((tr) => tr.insert(cell(name).to, documentSchema.text(text, [mark])))
    },
    /** Accepts every pending insertion in the cell (its mark removed). */
    accept: (name: string) => dispatch((tr) => tr.removeMark(cell(name).from, cell(name).to, documentSchema.marks[MARK.insertion]!)),
    /** A change that came from Yjs: never recorded. */
    remote: (make: (tr: Transaction) => Transaction) => dispatch((tr) => make(tr).setMeta(ySyncPluginKey, { isChangeOrigin: true })),
    cell,
  }
}

const monitoring = () => createYDocumentFromText({
  ...documentText(project({ name: '社区矫正', budgetTotal: '11', funds: { initial: '11', budget: '11', executed: '', rate: '', points: '', earned: '' } })),
  kind: 'monitoring',
  asOf: '6月',
})

function replicas() {
  const a = monitoring()
  const b = new Y.Doc()
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
  return { a, b }
}

const exchange = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
}

const executed = (doc: Y.Doc) => readText(doc).projects[0]!.funds!.executed
/** The 执行数 cell's record, as stored in Yjs. */
const entered = (doc: Y.Doc) => {
  const cell = contentOf(doc).createTreeWalker((t) => t instanceof Y.XmlElement && t.nodeName === NODE.fundsExecuted).next().value as Y.XmlElement
  return cell.getAttribute(ENTERED) ?? null
}
const merged = (doc: Y.Doc) => documentFindings(readText(doc)).filter((f) => f.rule === MERGED_FIGURE_RULE)

describe('a figure two people typed at once', () => {
  it('"6.60" typed offline and "3" typed online merge into a figure nobody wrote: an error on the 执行数 cell, for both', () => {
    const { a, b } = replicas()
    person(a).typeAtEnd(NODE.fundsExecuted, '6.60')
    person(b).typeAtEnd(NODE.fundsExecuted, '3')
    exchange(a, b)
    expect(executed(a)).toBe(executed(b))
    expect(['6.603', '36.60']).toContain(executed(a))
    for (const doc of [a, b]) {
      const [finding, ...more] = merged(doc)
      expect(more).toEqual([])
      expect(finding).toMatchObject({ severity: 'error', project: 1, indicator: null, field: NODE.fundsExecuted })
      expect(finding!.message).toContain(`截至当期执行数“${executed(doc)}”是几处修改合并成的`)
    }
  })

  it('a merge that is not even a number ("0.800.80") shows on its cell once, as the merge: not also as an unreadable figure', () => {
    const { a, b } = replicas()
    person(a).typeAtEnd(NODE.fundsExecuted, '0.80')
    person(b).typeAtEnd(NODE.fundsExecuted, '0.80')
    exchange(a, b)
    expect(executed(a)).toBe('0.800.80')
    const onCell = documentFindings(readText(a)).filter((f) => f.project === 1 && f.field === NODE.fundsExecuted)
    expect(onCell.map((f) => f.rule)).toEqual([MERGED_FIGURE_RULE])
  })

  it('typed one after the other ("6.60", then "3" after it): "6.603" is what the second person wrote, no finding', () => {
    const { a, b } = replicas()
    person(a).typeAtEnd(NODE.fundsExecuted, '6.60')
    exchange(a, b)
    person(b).typeAtEnd(NODE.fundsExecuted, '3')
    exchange(a, b)
    expect(executed(a)).toBe('6.603')
    expect(entered(a)).toBe('6.603')
    expect(merged(a)).toEqual([])
    expect(merged(b)).toEqual([])
  })

  it('retyping the figure clears the finding, for both', () => {
    const { a, b } = replicas()
    person(a).typeAtEnd(NODE.fundsExecuted, '6.60')
    person(b).typeAtEnd(NODE.fundsExecuted, '3')
    exchange(a, b)
    expect(merged(a)).toHaveLength(1)
    const again = person(b)
    again.retype(NODE.fundsExecuted, '6.60')
    exchange(a, b)
    expect(executed(a)).toBe('6.60')
    expect(merged(a)).toEqual([])
    expect(merged(b)).toEqual([])
  })

  it('Ctrl+Z takes the record back with the text: no finding after an undo', () => {
    const { a } = replicas()
    const undo = new Y.UndoManager(contentOf(a), { trackedOrigins: new Set([TYPING]), captureTimeout: 0 })
    const zhang = person(a)
    zhang.typeAtEnd(NODE.fundsExecuted, '57')
    expect(entered(a)).toBe('57')
    undo.undo()
    expect(executed(a)).toBe('5')
    expect(entered(a)).toBe('5')
    expect(merged(a)).toEqual([])
  })

  it('a suggestion typed into the figure records nothing and is no finding; accepting it records the accepted figure', () => {
    const { a, b } = replicas()
    person(a).typeAtEnd(NODE.fundsExecuted, '6.60')
    exchange(a, b)
    const wang = person(b)
    wang.suggestAtEnd(NODE.fundsExecuted, '3', '王芳')
    exchange(a, b)
    expect(executed(a)).toBe('6.60')
    expect(entered(a)).toBe('6.60')
    expect(merged(a)).toEqual([])
    const zhang = person(a)
    zhang.accept(NODE.fundsExecuted)
    exchange(a, b)
    expect(executed(b)).toBe('6.603')
    expect(entered(b)).toBe('6.603')
    expect(merged(b)).toEqual([])
  })

  it('a change from Yjs records nothing, and a cell never recorded (an old document, an import) is never a finding', () => {
    const { a } = replicas()
    person(a).remote((tr) => tr.insertText('12', person(a).cell(NODE.fundsExecuted).from))
    expect(executed(a)).toBe('12')
    expect(entered(a)).toBe(null)
    expect(merged(a)).toEqual([])
  })

  it('a version restored brings its records with its text; one from before records takes them away: no finding either way', () => {
    const { a } = replicas()
    const before = readContent(a)
    person(a).typeAtEnd(NODE.fundsExecuted, '6.60')
    const version = readContent(a)
    person(a).typeAtEnd(NODE.fundsExecuted, '3')
    a.transact(() => restoreContent(a, version), 'server')
    expect([executed(a), entered(a)]).toEqual(['6.60', '6.60'])
    expect(merged(a)).toEqual([])
    a.transact(() => restoreContent(a, before), 'server')
    expect([executed(a), entered(a)]).toEqual(['', null])
    expect(merged(a)).toEqual([])
  })
})
