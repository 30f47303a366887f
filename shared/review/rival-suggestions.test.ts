import { describe, expect, it } from 'vitest'
import type { MarkedRun } from './replacements'
import { rivalInsertions } from './rival-suggestions'

const by = (author: string, id = author) => ({ id, author, time: 0 })
const run = (text: string, marks: Partial<Pick<MarkedRun, 'insertion' | 'deletion'>> = {}): MarkedRun => ({ text, insertion: null, deletion: null, ...marks })

describe('rival insertions in a figure cell', () => {
  it('two people retyping one figure compete', () => {
    const runs = [run('3.00', { deletion: by('li') }), run('4.00', { insertion: by('wang') }), run('3.50', { insertion: by('li') })]
    expect(rivalInsertions(runs)).toEqual(['4.00', '3.50'])
  })

  it("one reviewer's several insertions, a lone replacement and an insertion they struck are no rivalry", () => {
    expect(rivalInsertions([run('1', { insertion: by('wang', 'a') }), run('35'), run('0', { insertion: by('wang', 'b') })])).toEqual([])
    expect(rivalInsertions([run('3.00', { deletion: by('wang') }), run('3.50', { insertion: by('wang') })])).toEqual([])
    expect(rivalInsertions([run('3.00'), run('9', { insertion: by('wang'), deletion: by('li') })])).toEqual([])
  })
})
