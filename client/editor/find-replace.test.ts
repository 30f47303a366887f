import { describe, expect, it } from 'vitest'
import { readDocument } from '@shared/model/read-document'
import type { NodeJSON } from '@shared/model/node-json'
import { sampleStateAt } from '../../test/support/editor-state'
import { findMatches, replaceMatches } from './find-replace'

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
})
