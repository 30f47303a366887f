import { describe, expect, it } from 'vitest'
import { makeRandom } from '../../support/random'
import { diffText, type TextSegment } from './text-diff'

const side = (segments: TextSegment[], op: 'insert' | 'delete') => segments.filter((s) => s.op !== op).map((s) => s.text).join('')

describe('diffText', () => {
  it('shows a Chinese edit as the characters deleted and inserted', () => {
    expect(diffText('全区开展扫黑除恶宣传活动', '全区开展扫黑除恶专项宣传活动')).toEqual([
      { op: 'equal', text: '全区开展扫黑除恶' },
      { op: 'insert', text: '专项' },
      { op: 'equal', text: '宣传活动' },
    ])
    expect(diffText('全年开展宣传活动不少于≥15次', '全年开展宣传活动不少于≥20次')).toEqual([
      { op: 'equal', text: '全年开展宣传活动不少于≥' },
      { op: 'delete', text: '15' },
      { op: 'insert', text: '20' },
      { op: 'equal', text: '次' },
    ])
    expect(diffText('', '新增')).toEqual([{ op: 'insert', text: '新增' }])
    expect(diffText('相同', '相同')).toEqual([{ op: 'equal', text: '相同' }])
  })

  it('changes numbers whole, and short fields as one value', () => {
    expect(diffText('0.40', '12.00')).toEqual([{ op: 'delete', text: '0.40' }, { op: 'insert', text: '12.00' }])
    expect(diffText('≥15次', '≥20次')).toEqual([{ op: 'delete', text: '≥15次' }, { op: 'insert', text: '≥20次' }])
    expect(diffText('', '3.50')).toEqual([{ op: 'insert', text: '3.50' }])
    expect(diffText('资金用于购置办案设备共计1,234.50万元整', '资金用于购置办案设备共计1,204.00万元整')).toEqual([
      { op: 'equal', text: '资金用于购置办案设备共计' },
      { op: 'delete', text: '1,234.50' },
      { op: 'insert', text: '1,204.00' },
      { op: 'equal', text: '万元整' },
    ])
    expect(diffText('满意度达到90%以上的群众比例', '满意度达到95%以上的群众比例').filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: '90%' },
      { op: 'insert', text: '95%' },
    ])
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
    const one = diffText('开展扫黑除恶宣传活动共计', '开展扫黑除恶专宣传活动共计')
    expect(one.filter((s) => s.op !== 'equal')).toEqual([{ op: 'insert', text: '专' }])
  })
})
