import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import { sampleStateAt } from '../../test/support/editor-state'
import { deriveModel } from '@shared/model/derive-model'
import { readDocument } from '@shared/model/read-document'
import type { NodeJSON } from '@shared/model/node-json'
import { approvalBlockers, reviewState } from '@shared/review/approval'
import { createYDocument } from '@shared/model/y-document'
import { findMatches, replaceMatches } from './find-replace'
import { addIndicator, deleteIndicator, projectAt } from './row-commands'
import { countSuggestions, decideSuggestions, isLocalEdit, ownTyping, suggestionAuthors, suggestTransaction, type Suggester } from './suggest-mode'
import { suggestionHere } from './suggestion-here'

let ids = 0
const reviewer: Suggester = { author: 'wangfang', now: () => 1000, newId: () => `id-${++ids}` }

/** The sample with the cursor at the end of project 1's 预算数 (`10.00`). */
const atBudget = () => sampleStateAt('budgetTotal', 0, 'end')

const suggest = (state: EditorState, edit: (tr: Transaction) => Transaction, who = reviewer) => {
  const tracked = suggestTransaction(state, edit(state.tr), who)
  expect(tracked).not.toBeNull()
  const next = state.apply(tracked!)
  next.doc.check()
  return next
}
const cell = (state: EditorState) => state.selection.$from.parent
const runs = (state: EditorState) => {
  const out: [string, string][] = []
  cell(state).forEach((n) => out.push([n.text!, n.marks.map((m) => `${m.type.name}:${m.attrs.author}`).join(',')]))
  return out
}

describe('suggestion mode', () => {
  it('typing inserts marked text; the model still reads the agreed text', () => {
    const state = suggest(atBudget(), (tr) => tr.insertText('5'))
    expect(runs(state)).toEqual([['10.00', ''], ['5', 'insertion:wangfang']])
    expect(deriveModel(state.doc.toJSON() as NodeJSON).projects[0]!.budget.total).toBe(10)
    expect(state.selection.from).toBe(atBudget().selection.from + 1)
  })

  it('Backspace marks the character deleted and moves before it; a replacement follows the struck text', () => {
    let state = atBudget()
    for (let i = 0; i < 5; i++) state = suggest(state, (tr) => tr.delete(state.selection.from - 1, state.selection.from))
    expect(runs(state)).toEqual([['10.00', 'deletion:wangfang']])
    state = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.$from.end()))), (tr) => tr.insertText('12.00'))
    expect(runs(state)).toEqual([['10.00', 'deletion:wangfang'], ['12.00', 'insertion:wangfang']])
  })

  it('an editor typing inside a reviewer’s pending insertion types plain text of their own; a paste keeps what it carries', () => {
    let state = suggest(atBudget(), (tr) => tr.insertText('12.5'))
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.from - 2)))
    const typed = state.apply(ownTyping(state.tr.insertText('0'), 'lina'))
    typed.doc.check()
    expect(runs(typed)).toEqual([['10.00', ''], ['12', 'insertion:wangfang'], ['0', ''], ['.5', 'insertion:wangfang']])
    const pasted = state.apply(ownTyping(state.tr.insertText('0').setMeta('uiEvent', 'paste'), 'lina'))
    expect(runs(pasted)).toEqual([['10.00', ''], ['120.5', 'insertion:wangfang']])
    // The reviewer's own typing there is theirs already.
    expect(runs(state.apply(ownTyping(state.tr.insertText('0'), 'wangfang')))).toEqual([['10.00', ''], ['120.5', 'insertion:wangfang']])
  })

  it('typing on extends one suggestion instead of making one per keystroke', () => {
    let state = atBudget()
    for (const ch of '12.5') state = suggest(state, (tr) => tr.insertText(ch))
    expect(runs(state)).toEqual([['10.00', ''], ['12.5', 'insertion:wangfang']])
  })

  it('deleting one’s own pending insertion removes it; someone else’s is only marked', () => {
    let state = suggest(atBudget(), (tr) => tr.insertText('9'))
    state = suggest(state, (tr) => tr.delete(state.selection.from - 1, state.selection.from))
    expect(runs(state)).toEqual([['10.00', '']])
    const other: Suggester = { author: 'other', now: () => 1, newId: () => 'x' }
    state = suggest(state, (tr) => tr.insertText('7'), other)
    state = suggest(state, (tr) => tr.delete(state.selection.from - 1, state.selection.from))
    const [, seven] = runs(state)
    expect(seven![0]).toBe('7')
    expect(seven![1].split(',').sort()).toEqual(['deletion:wangfang', 'insertion:other'])
  })

  it('refuses structural changes (splitting a paragraph)', () => {
    const state = atBudget()
    let goal = -1
    state.doc.descendants((node, p) => {
      if (goal < 0 && node.type.name === 'goalItem') goal = p + 3
      return goal < 0
    })
    expect(suggestTransaction(state, state.tr.split(goal), reviewer)).toBeNull()
  })

  it('leaves remote and undo transactions alone', () => {
    const state = atBudget()
    expect(isLocalEdit(state.tr.insertText('1'))).toBe(true)
    expect(isLocalEdit(state.tr.insertText('1').setMeta('y-sync$', { isChangeOrigin: true }))).toBe(false)
    expect(isLocalEdit(state.tr.insertText('1').setMeta('y-sync$', { isUndoRedoOperation: true }))).toBe(false)
  })

  it('accepting keeps insertions and drops deletions; rejecting does the opposite; by author or all', () => {
    let state = atBudget()
    for (let i = 0; i < 5; i++) state = suggest(state, (tr) => tr.delete(state.selection.from - 1, state.selection.from))
    state = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.$from.end()))), (tr) => tr.insertText('12.00'))
    expect(suggestionAuthors(state.doc)).toEqual(['wangfang'])
    const accepted = state.apply(decideSuggestions(state, true, { author: 'wangfang' }).tr!)
    expect(readDocument(accepted.doc.toJSON() as NodeJSON).projects[0]!.budgetTotal).toBe('12.00')
    expect(suggestionAuthors(accepted.doc)).toEqual([])
    const rejected = state.apply(decideSuggestions(state, false).tr!)
    expect(readDocument(rejected.doc.toJSON() as NodeJSON).projects[0]!.budgetTotal).toBe('10.00')
    expect(suggestionAuthors(rejected.doc)).toEqual([])
    expect(decideSuggestions(state, true, { author: 'nobody' }).tr).toBeNull()
  })

  it('finds the suggestion at the cursor, and counts what “all” would decide', () => {
    let state = atBudget()
    state = suggest(state, (tr) => tr.insertText('5'))
    const at = suggestionHere(state, state.selection.from)
    expect(at).toMatchObject({ author: 'wangfang' })
    // Deciding by the id at the cursor settles that one suggestion only.
    const other = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2))), (tr) => tr.insertText('甲'), { ...reviewer, author: 'lisi' })
    expect(countSuggestions(other.doc)).toBe(2)
    const decided = other.apply(decideSuggestions(other, true, { id: at!.id }).tr!)
    expect(countSuggestions(decided.doc)).toBe(1)
    expect(suggestionHere(state, 2)).toBeNull()
  })

  it('接受本项目修订 decides the suggestions of the project at the cursor, and counts only those', () => {
    // One suggestion in project 1's 预算数, one in project 2's.
    let state = suggest(atBudget(), (tr) => tr.insertText('5'))
    const second = sampleStateAt('budgetTotal', 1, 'end')
    state = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, second.selection.from + 1))), (tr) => tr.insertText('7'))
    expect(countSuggestions(state.doc)).toBe(2)
    const project = projectAt(state.apply(state.tr.setSelection(TextSelection.create(state.doc, atBudget().selection.from))))!
    expect(project.name).toBe(deriveModel(state.doc.toJSON() as NodeJSON).projects[0]!.name)
    expect(countSuggestions(state.doc, { range: project })).toBe(1)
    const decided = state.apply(decideSuggestions(state, true, { range: project }).tr!)
    const model = deriveModel(decided.doc.toJSON() as NodeJSON)
    expect(model.projects[0]!.budget.total).toBe(10.005)
    expect(countSuggestions(decided.doc)).toBe(1)
  })

  it('counts 全部替换 (one suggestion id over many places) once per place, here and on the server', () => {
    // As the tester did: one replacement, then 全部替换 of a word found in 43 fields.
    const start = atBudget()
    let state = suggest(start, () => replaceMatches(start, findMatches(start.doc, '项目').slice(0, 1), '工程')!)
    expect(countSuggestions(state.doc)).toBe(1)
    const all = findMatches(state.doc, '资金')
    expect(all.length).toBe(43)
    const before = state
    state = suggest(before, () => replaceMatches(before, all, '经费')!)
    expect(countSuggestions(state.doc)).toBe(44)
    // The queue's 待处理修订 and the approval gate read the stored Y.Doc: the same 44.
    const stored = reviewState(createYDocument(state.doc.toJSON() as NodeJSON))
    expect(stored.pendingSuggestions).toBe(44)
    expect(approvalBlockers({ ...stored, errorFindings: 0 })).toEqual(['还有 44 处修改建议未接受或拒绝'])
    // A pure insertion and a pure deletion elsewhere are one 处 each.
    state = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, atBudget().selection.from))), (tr) => tr.insertText('5'))
    state = suggest(state, (tr) => tr.delete(state.selection.from - 3, state.selection.from - 2))
    expect(countSuggestions(state.doc)).toBe(46)
    expect(reviewState(createYDocument(state.doc.toJSON() as NodeJSON)).pendingSuggestions).toBe(46)
    expect(countSuggestions(state.apply(decideSuggestions(state, true).tr!).doc)).toBe(0)
  })

  it('全部替换 is a suggestion per field: 接受 at one place settles that place, the others stay pending', () => {
    const start = atBudget()
    const all = findMatches(start.doc, '资金')
    const state = suggest(start, () => replaceMatches(start, all, '经费')!)
    expect(countSuggestions(state.doc)).toBe(43)
    const here = suggestionHere(state, all[5]!.from + 1)!
    const decided = state.apply(decideSuggestions(state, true, { id: here.id }).tr!)
    expect(countSuggestions(decided.doc)).toBe(42)
  })

  describe('a replacement (retyping 10.00 as 12.00)', () => {
    const retyped = () => {
      let state = atBudget()
      for (let i = 0; i < 5; i++) state = suggest(state, (tr) => tr.delete(state.selection.from - 1, state.selection.from))
      return suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.$from.end()))), (tr) => tr.insertText('12.00'))
    }
    const budget = (state: EditorState) => readDocument(state.doc.toJSON() as NodeJSON).projects[0]!.budgetTotal

    it('is one suggestion at the cursor, on either half, shown old → new', () => {
      const state = retyped()
      const end = state.selection.$from.end()
      const start = state.selection.$from.start()
      expect(suggestionHere(state, end)).toMatchObject({ kind: 'replace', oldText: '10.00', text: '12.00' })
      expect(suggestionHere(state, start + 1)).toMatchObject({ kind: 'replace', oldText: '10.00', text: '12.00' })
      expect(countSuggestions(state.doc)).toBe(1)
    })

    it('is accepted or rejected whole from the cursor on either half, or from a selection of one half', () => {
      const state = retyped()
      const { $from } = state.selection
      const here = suggestionHere(state, $from.end())!
      expect(budget(state.apply(decideSuggestions(state, true, { id: here.id }).tr!))).toBe('12.00')
      expect(budget(state.apply(decideSuggestions(state, false, { id: here.id }).tr!))).toBe('10.00')
      const onOld = suggestionHere(state, $from.start() + 1)!
      const accepted = state.apply(decideSuggestions(state, true, { id: onOld.id }).tr!)
      expect(budget(accepted)).toBe('12.00')
      expect(countSuggestions(accepted.doc)).toBe(0)
      // A selection over the new figure only.
      expect(budget(state.apply(decideSuggestions(state, true, { range: { from: $from.end() - 5, to: $from.end() } }).tr!))).toBe('12.00')
      expect(budget(state.apply(decideSuggestions(state, false, { range: { from: $from.start(), to: $from.start() + 2 } }).tr!))).toBe('10.00')
    })
  })

  it('two people suggesting different figures for one cell are not both accepted: the one not taken is rejected first', () => {
    // 王芳 retyped 10.00 as 12.00; 李四, not seeing it yet, suggested 11.00 after it (as their merged edits read).
    let state = atBudget()
    for (let i = 0; i < 5; i++) state = suggest(state, (tr) => tr.delete(state.selection.from - 1, state.selection.from))
    state = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.$from.end()))), (tr) => tr.insertText('12.00'))
    state = suggest(state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.$from.end()))), (tr) => tr.insertText('11.00'), { ...reviewer, author: 'lisi' })
    const budget = (s: EditorState) => readDocument(s.doc.toJSON() as NodeJSON).projects[0]!.budgetTotal
    // 全部接受 would have written 12.0011.00: the cell is left, and said; the rest of the decision goes on.
    const all = decideSuggestions(state, true)
    expect(all.rivals).toEqual([{ project: deriveModel(state.doc.toJSON() as NodeJSON).projects[0]!.name, label: '预算数', texts: ['12.00', '11.00'] }])
    expect(all.tr).toBeNull()
    const lisi = suggestionHere(state, state.selection.from)!
    expect(lisi).toMatchObject({ author: 'lisi', text: '11.00' })
    expect(decideSuggestions(state, true, { id: lisi.id }).tr).toBeNull()
    // Rejecting is never held; after it the other is accepted whole.
    const rejected = state.apply(decideSuggestions(state, false, { id: lisi.id }).tr!)
    const decided = decideSuggestions(rejected, true)
    expect(decided.rivals).toEqual([])
    expect(budget(rejected.apply(decided.tr!))).toBe('12.00')
  })

  describe('typed over a selected figure', () => {
    /** `[from, to)` of the cell at the cursor selected, as Shift+Home or a drag leaves it (offsets into the cell). */
    const selecting = (state: EditorState, from: number, to: number) => {
      const start = state.selection.$from.start()
      return state.apply(state.tr.setSelection(TextSelection.create(state.doc, start + from, start + to)))
    }

    it('is the whole old figure → the whole new one, though the browser reports only what differs', () => {
      // "1" typed over the selected "10.00": the DOM change ProseMirror reads is ".00" deleted, the "1" kept.
      let state = selecting(atBudget(), 0, 5)
      const start = state.selection.from
      state = suggest(state, (tr) => tr.delete(start + 1, start + 5))
      expect(runs(state)).toEqual([['10.00', 'deletion:wangfang'], ['1', 'insertion:wangfang']])
      state = suggest(state, (tr) => tr.insertText('2.50'))
      expect(runs(state)).toEqual([['10.00', 'deletion:wangfang'], ['12.50', 'insertion:wangfang']])
      expect(suggestionHere(state, state.selection.from)).toMatchObject({ kind: 'replace', oldText: '10.00', text: '12.50' })
      const accepted = state.apply(decideSuggestions(state, true).tr!)
      expect(cell(accepted).textContent).toBe('12.50')
    })

    it('keeps the caret after what was typed when the selection was part of the figure', () => {
      // The second "0" of "10.00" selected, "2" typed: the cell would read "12.00", the caret after the "2".
      let state = selecting(atBudget(), 1, 2)
      state = suggest(state, (tr) => tr.insertText('2'))
      expect(runs(state)).toEqual([['10.00', 'deletion:wangfang'], ['12.00', 'insertion:wangfang']])
      state = suggest(state, (tr) => tr.insertText('5'))
      expect(runs(state)).toEqual([['10.00', 'deletion:wangfang'], ['125.00', 'insertion:wangfang']])
    })

    it('leaves prose, a Backspace over the selection and a cell holding suggestions as the browser reported them', () => {
      const name = sampleStateAt('projectName', 0, 'end')
      const named = selecting(name, 0, cell(name).textContent.length)
      const first = cell(named).textContent
      const after = suggest(named, (tr) => tr.delete(named.selection.from + 1, named.selection.to))
      expect(runs(after)).toEqual([[first[0]!, ''], [first.slice(1), 'deletion:wangfang']])
      const struck = selecting(atBudget(), 0, 5)
      expect(runs(suggest(struck, (tr) => tr.deleteSelection()))).toEqual([['10.00', 'deletion:wangfang']])
      // Someone's pending "5" in the cell: what is struck and added stays where the browser put it.
      const pending = suggest(atBudget(), (tr) => tr.insertText('5'), { ...reviewer, author: 'other' })
      const all = selecting(pending, 0, 6)
      expect(runs(suggest(all, (tr) => tr.delete(all.selection.from + 1, all.selection.from + 5)))).toEqual([['1', ''], ['0.00', 'deletion:wangfang'], ['5', 'insertion:other']])
    })
  })

  describe('whole rows', () => {
    const at = (type: string, n = 0) => sampleStateAt(type, n)
    const command = (state: EditorState, cmd: (s: EditorState, d: (tr: Transaction) => void) => boolean) => {
      let tr: Transaction | null = null
      cmd(state, (t) => (tr = t))
      return suggest(state, () => tr!)
    }
    const indicators = (state: EditorState) => {
      const rows: (string | null)[] = []
      state.doc.descendants((node) => {
        if (node.type.name === 'indicator') rows.push(node.attrs.suggestion ? `${node.attrs.suggestion.kind}:${node.attrs.suggestion.author}` : null)
        return true
      })
      return rows.slice(0, 7)
    }

    it('adding a row proposes it; deleting a row proposes its deletion; one’s own proposal really goes', () => {
      let state = command(at('indicatorName', 0), addIndicator)
      expect(indicators(state)).toEqual([null, 'insert:wangfang', null, null, null, null, null])
      expect(deriveModel(state.doc.toJSON() as NodeJSON).projects[0]!.indicators).toHaveLength(5) // a proposal is not counted
      state = command(state, deleteIndicator) // the cursor is in the proposed row
      expect(indicators(state)).toEqual([null, null, null, null, null, null, null])
      state = command(at('indicatorName', 2), deleteIndicator)
      expect(indicators(state).slice(0, 5)).toEqual([null, null, 'delete:wangfang', null, null])
      expect(deriveModel(state.doc.toJSON() as NodeJSON).projects[0]!.indicators).toHaveLength(5) // still counted until decided
    })

    it('accepting and rejecting rows', () => {
      const state = command(at('indicatorName', 0), addIndicator)
      const accepted = state.apply(decideSuggestions(state, true).tr!)
      expect(indicators(accepted)[1]).toBeNull()
      expect(deriveModel(accepted.doc.toJSON() as NodeJSON).projects[0]!.indicators).toHaveLength(6)
      const rejected = state.apply(decideSuggestions(state, false).tr!)
      expect(deriveModel(rejected.doc.toJSON() as NodeJSON).projects[0]!.indicators).toHaveLength(5)
      const marked = command(at('indicatorName', 2), deleteIndicator)
      expect(deriveModel(marked.apply(decideSuggestions(marked, true).tr!).doc.toJSON() as NodeJSON).projects[0]!.indicators).toHaveLength(4)
      expect(indicators(marked.apply(decideSuggestions(marked, false).tr!)).slice(0, 5)).toEqual([null, null, null, null, null])
    })
  })
})
