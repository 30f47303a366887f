import { describe, expect, it } from 'vitest'
import { readDocument } from '@shared/model/read-document'
import type { NodeJSON } from '@shared/model/node-json'
import { sampleStateAt } from '../../test/support/editor-state'
import { findMatches, indexOfMatch, matchFrom, replaceMatches } from './find-replace'
import { suggestTransaction } from './suggest-mode'

describe('find and replace', () => {
  const state = sampleStateAt('budgetTotal', 0, 'end')

  it('finds text in narrative paragraphs and in table cells, in document order', () => {
    const matches = findMatches(state.doc, '资金支付及时率')
    expect(matches.length).toBeGreaterThan(10)
    expect(matches.map((m) => state.doc.textBetween(m.from, m.to))).toEqual(matches.map(() => '资金支付及时率'))
    expect(matches.map((m) => m.from)).toEqual([...matches.map((m) => m.from)].sort((a, b) => a - b))
    expect(findMatches(state.doc, '')).toEqual([])
  })

  it('replaces one or all, leaving everything else as it was', () => {
    const matches = findMatches(state.doc, '控制在预算资金内')
    const one = state.apply(replaceMatches(state, matches.slice(0, 1), '≤预算数')!)
    expect(findMatches(one.doc, '控制在预算资金内')).toHaveLength(matches.length - 1)
    const all = state.apply(replaceMatches(state, matches, '≤预算数')!)
    const text = readDocument(all.doc.toJSON() as NodeJSON)
    expect(JSON.stringify(text)).not.toContain('控制在预算资金内')
    expect(findMatches(all.doc, '≤预算数')).toHaveLength(matches.length)
    expect(text.projects).toHaveLength(11)
    expect(replaceMatches(state, [], 'x')).toBeNull()
  })

  it('a match replaced as a suggestion is not found again: its text stays, marked for deletion, but no longer reads', () => {
    const only = findMatches(state.doc, '综合治理领导责任制')
    expect(only).toHaveLength(1)
    const reviewer = { author: 'wangfang', now: () => 1000, newId: () => 'id-1' }
    const suggested = state.apply(suggestTransaction(state, replaceMatches(state, only, '综合治理责任制')!, reviewer)!)
    expect(suggested.doc.textBetween(only[0]!.from, only[0]!.to)).toBe('综合治理领导责任制')
    expect(findMatches(suggested.doc, '综合治理领导责任制')).toEqual([])
    expect(findMatches(suggested.doc, '综合治理责任制')).toHaveLength(1)
    // Text on either side of a pending deletion reads as one, as it will once the deletion is accepted.
    expect(findMatches(suggested.doc, '社会治安综合治理责任制')).toHaveLength(1)
  })

  it('the match to stand on from a place is the first at or after it, going round to the first; none when there are none', () => {
    const matches = [{ from: 10, to: 12 }, { from: 20, to: 22 }, { from: 30, to: 32 }]
    expect(matchFrom(matches, 0)).toBe(0)
    expect(matchFrom(matches, 20)).toBe(1)
    expect(matchFrom(matches, 21)).toBe(2)
    expect(matchFrom(matches, 31)).toBe(0)
    expect(matchFrom([], 5)).toBe(-1)
    expect(indexOfMatch(matches, { from: 20, to: 22 })).toBe(1)
    // Changed since (shorter, or moved): no longer the match it was.
    expect(indexOfMatch(matches, { from: 20, to: 21 })).toBe(-1)
    expect(indexOfMatch(matches, null)).toBe(-1)
  })
})
