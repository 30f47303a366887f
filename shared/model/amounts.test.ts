import { describe, expect, it } from 'vitest'
import { amountInWan, chineseNumber, tableUnit, writtenAmount } from './amounts'

describe('amounts in 万元', () => {
  it.each([
    ['116.40', '万元', 116.4],
    ['1164000.00', '元', 116.4],
    ['1,164,000', '单位：元', 116.4],
    ['1164', '千元', 116.4],
    ['854万', '元', 854],
    ['3000元', '万元', 0.3],
    ['５千元', '万元', 0.5],
    ['1.2亿元', '万元', 12000],
    ['854万(高标准农田建设400万元,示范建设295万元)', '万元', 854],
    ['一百二十万元', '万元', 120],
    ['叁万元', '万元', 3],
    ['壹佰贰拾万元整', '元', 120],
    ['十万', '万元', 10],
    ['两千元', '万元', 0.2],
    ['10.00', '', 10],
  ])('%s in a table of %s → %s', (text, unit, wan) => expect(amountInWan(text, unit)).toBe(wan))

  it.each(['', '854万854万(高标准农田建设)', '约十万', '一二万', '10.0.0', '1e5', '十万美元'])('%j is no amount', (text) => expect(amountInWan(text, '万元')).toBeNull())

  it('reads the unit a table states, and says when it names none', () => {
    expect(['单位：元', '金额单位：万元', '单位: 千元', '万元', '', '单位：'].map(tableUnit)).toEqual(['元', '万元', '千元', '万元', '万元', '万元'])
    expect(tableUnit('单位：吨')).toBeNull()
  })

  it('keeps the unit an amount names itself', () => {
    expect(writtenAmount('3000元')).toEqual({ number: 3000, unit: '元' })
    expect(writtenAmount('10.00')).toEqual({ number: 10, unit: null })
    expect(chineseNumber('一亿二千万')).toBe(120_000_000)
    expect(chineseNumber('一千零五')).toBe(1005)
  })
})
