import { describe, expect, it } from 'vitest'
import { pendingPlaces } from './pending-places'
import type { MarkedRun } from './replacements'

const at = 1_700_000_000_000
const del = (text: string, id = 'd', author = 'wangfang', time = at): MarkedRun => ({ text, deletion: { id, author, time }, insertion: null })
const ins = (text: string, id = 'i', author = 'wangfang', time = at + 2_000): MarkedRun => ({ text, insertion: { id, author, time }, deletion: null })
const plain = (text: string): MarkedRun => ({ text, insertion: null, deletion: null })

describe('pendingPlaces', () => {
  it('counts nothing in a field without suggestions', () => {
    expect(pendingPlaces([])).toBe(0)
    expect(pendingPlaces([plain('资金到位率')])).toBe(0)
  })

  it('counts a single replacement (deletion beside its insertion, either order) as one place', () => {
    expect(pendingPlaces([plain('约'), del('10.00'), ins('12.00'), plain('万元')])).toBe(1)
    expect(pendingPlaces([ins('12.00'), del('10.00')])).toBe(1)
  })

  it('counts 全部替换 (one deletion id and one insertion id over many places) once per place', () => {
    const replacedAll = (places: number): MarkedRun[] =>
      Array.from({ length: places }, () => [plain('提高'), del('资金'), ins('经费')]).flat()
    expect(pendingPlaces(replacedAll(1))).toBe(1)
    expect(pendingPlaces(replacedAll(3))).toBe(3)
    // Over many fields, with three single replacements besides: 48 + 3, never ids minus pairings.
    const fields = [...Array.from({ length: 24 }, () => replacedAll(2)), [del('a', 'd1'), ins('b', 'i1')], [del('c', 'd2'), ins('e', 'i2')], [plain('x'), del('f', 'd3'), ins('g', 'i3')]]
    expect(fields.reduce((sum, runs) => sum + pendingPlaces(runs), 0)).toBe(51)
  })

  it('counts pure insertions and pure deletions one per place, however many runs a place spans', () => {
    expect(pendingPlaces([plain('资金'), ins('及时')])).toBe(1)
    expect(pendingPlaces([del('资金'), plain('到位率')])).toBe(1)
    // One suggestion in pieces side by side (runs split by another mark) is one place; parted by text, two.
    expect(pendingPlaces([ins('及', 'i'), ins('时', 'i')])).toBe(1)
    expect(pendingPlaces([ins('及', 'i'), plain('、'), ins('时', 'i')])).toBe(2)
    // A break inside a deletion does not part it.
    expect(pendingPlaces([del('第一段', 'd'), plain(''), del('第二段', 'd')])).toBe(1)
  })

  it('counts suggestions side by side that are decided apart as separate places', () => {
    // Another reviewer's insertion right after mine.
    expect(pendingPlaces([ins('甲', 'a', 'wangfang'), ins('乙', 'b', 'lisi')])).toBe(2)
    // A deletion and an insertion by different people are not one replacement.
    expect(pendingPlaces([del('甲', 'a', 'wangfang'), ins('乙', 'b', 'lisi')])).toBe(2)
    // A deletion over someone's insertion is one place with it.
    expect(pendingPlaces([ins('甲', 'a', 'lisi'), { text: '乙', insertion: { id: 'a', author: 'lisi', time: at }, deletion: { id: 'b', author: 'wangfang', time: at } }, ins('丙', 'a', 'lisi')])).toBe(1)
  })

  it('counts a mix: insertion, deletion and replacement in one field', () => {
    expect(pendingPlaces([ins('新增', 'x'), plain('资金'), del('到位', 'y'), plain('率为'), del('90', 'd'), ins('95', 'i'), plain('%')])).toBe(3)
  })

  it('counts only the chosen suggestions when narrowed', () => {
    const runs = [ins('甲', 'a', 'wangfang'), plain('，'), ins('乙', 'b', 'lisi'), plain('，'), del('丙', 'c', 'lisi')]
    expect(pendingPlaces(runs, (info) => info.author === 'lisi')).toBe(2)
    expect(pendingPlaces(runs, (info) => info.id === 'a')).toBe(1)
    expect(pendingPlaces(runs, () => false)).toBe(0)
  })

  it('is never negative', () => {
    const runs = [del('1', 'd'), ins('2', 'i'), del('3', 'd'), ins('4', 'i'), plain('5'), del('6', 'd'), ins('7', 'i')]
    expect(pendingPlaces(runs)).toBeGreaterThanOrEqual(0)
    expect(pendingPlaces(runs)).toBe(2)
  })
})
