import { describe, expect, it } from 'vitest'
import { makeRandom } from '../../test/support/random'
import { diffText, type TextSegment } from './text-diff'

const side = (segments: TextSegment[], op: 'insert' | 'delete') => segments.filter((s) => s.op !== op).map((s) => s.text).join('')

describe('diffText', () => {
  it('shows a Chinese edit as the characters deleted and inserted', () => {
    expect(diffText('开展扫黑除恶宣传', '开展扫黑除恶专项宣传')).toEqual([
      { op: 'equal', text: '开展扫黑除恶' },
      { op: 'insert', text: '专项' },
      { op: 'equal', text: '宣传' },
    ])
    expect(diffText('≥15次', '≥20次')).toEqual([
      { op: 'equal', text: '≥' },
      { op: 'delete', text: '15' },
      { op: 'insert', text: '20' },
      { op: 'equal', text: '次' },
    ])
    expect(diffText('', '新增')).toEqual([{ op: 'insert', text: '新增' }])
    expect(diffText('相同', '相同')).toEqual([{ op: 'equal', text: '相同' }])
  })

  it('seeded: both texts are recovered from the script, and it is minimal on single edits', () => {
    const random = makeRandom(7)
    const alphabet = '资金到位率项目预算绩效目标12345'
    for (let run = 0; run < 300; run++) {
      const a = Array.from({ length: random.int(40) }, () => alphabet[random.int(alphabet.length)]).join('')
      let b = a
      for (let e = random.int(5); e > 0; e--) {
        const at = random.int(b.length + 1)
        b = random.chance(0.5) ? b.slice(0, at) + alphabet[random.int(alphabet.length)] + b.slice(at) : b.slice(0, at) + b.slice(at + 1)
      }
      const script = diffText(a, b)
      expect(side(script, 'insert')).toBe(a)
      expect(side(script, 'delete')).toBe(b)
    }
    const one = diffText('abcdef', 'abXcdef')
    expect(one.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: 'X' }])
  })
})
