import { describe, expect, it } from 'vitest'
import { EditorState } from '@tiptap/pm/state'
import { sampleStateAt } from '../../test/support/editor-state'
import { mappedMatch, settingCurrentMatch } from './find-highlight'
import { findMatches } from './find-replace'

describe('the match 查找替换 stands on', () => {
  const state: EditorState = sampleStateAt('budgetTotal', 0, 'end')
  const [first, second] = findMatches(state.doc, '资金支付及时率')
  const query = '资金支付及时率'

  it('is set, and cleared, by a transaction that changes nothing else', () => {
    expect(mappedMatch(null, settingCurrentMatch(state.tr, second!))).toEqual(second)
    expect(mappedMatch(second!, settingCurrentMatch(state.tr, null))).toBeNull()
  })

  it('follows changes before it, and text typed at its edges stays outside it', () => {
    const typedBefore = state.tr.insertText('（补）', first!.from)
    const moved = mappedMatch(second!, typedBefore)!
    expect(typedBefore.doc.textBetween(moved.from, moved.to)).toBe(query)
    const atEdges = state.tr.insertText('甲', second!.to).insertText('乙', second!.from)
    const kept = mappedMatch(second!, atEdges)!
    expect(atEdges.doc.textBetween(kept.from, kept.to)).toBe(query)
  })

  it('stands on what is left of its text when part of it changed, and is none when all of it went', () => {
    const cut = state.tr.delete(second!.from, second!.from + 2)
    const left = mappedMatch(second!, cut)!
    expect(cut.doc.textBetween(left.from, left.to)).toBe('支付及时率')
    expect(findMatches(cut.doc, query).some((m) => m.from === left.from && m.to === left.to)).toBe(false)
    expect(mappedMatch(second!, state.tr.delete(second!.from, second!.to))).toBeNull()
  })
})
