import { describe, expect, it } from 'vitest'
import { partners, REPLACEMENT_WINDOW_MS, replacementsIn, type MarkedRun } from './replacements'

const at = 1_700_000_000_000
const del = (text: string, id = 'd', author = 'wangfang', time = at): MarkedRun => ({ text, deletion: { id, author, time }, insertion: null })
const ins = (text: string, id = 'i', author = 'wangfang', time = at + 2_000): MarkedRun => ({ text, insertion: { id, author, time }, deletion: null })
const plain = (text: string): MarkedRun => ({ text, insertion: null, deletion: null })

describe('replacements', () => {
  it('pairs a deletion and the insertion beside it, by one author at one time, with their texts', () => {
    const found = replacementsIn([del('3.00'), ins('3.50')])
    expect(found).toEqual([{ deletion: expect.objectContaining({ id: 'd' }), insertion: expect.objectContaining({ id: 'i' }), oldText: '3.00', newText: '3.50' }])
    expect(partners(found)).toEqual(new Map([['d', 'i'], ['i', 'd']]))
    // Insertion first (typed, then the old text struck after it), and pieces split by a colleague's typing.
    expect(replacementsIn([plain('约'), ins('12'), del('0.4'), plain('万'), del('0', 'd')])[0]).toMatchObject({ oldText: '0.40', newText: '12' })
  })

  it('does not pair different authors, suggestions made apart, runs with text between them, or marks over each other', () => {
    expect(replacementsIn([del('3.00'), ins('3.50', 'i', 'lisi')])).toEqual([])
    expect(replacementsIn([del('3.00'), ins('3.50', 'i', 'wangfang', at + REPLACEMENT_WINDOW_MS + 1)])).toEqual([])
    expect(replacementsIn([del('3.00'), plain('万'), ins('3.50')])).toEqual([])
    expect(replacementsIn([{ text: '3.00', deletion: { id: 'd', author: 'wangfang', time: at }, insertion: { id: 'x', author: 'lisi', time: at } }, ins('3.50')])).toEqual([])
    expect(replacementsIn([del('3.00'), plain(''), ins('3.50')])).toEqual([])
  })

  it('puts each suggestion in one replacement only', () => {
    const found = replacementsIn([del('1', 'a'), ins('2', 'b'), del('3', 'c')])
    expect(found.map((r) => [r.deletion.id, r.insertion.id])).toEqual([['a', 'b']])
  })
})
