import { describe, expect, it } from 'vitest'
import { amountInUnit, amountInWan, chineseNumber, tableUnit, unitText, wanPerUnit, wanText, writtenAmount } from './amounts'

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

describe('amounts in the unit of their table (a 监控’s or 自评’s 资金)', () => {
  it.each([
    // What 新建运行监控 carries from a 预算数 typed "3000元", and what is typed beside it: read as the targets' form reads them.
    ['3000元', '万元', 0.3],
    ['350元', '万元', 0.035],
    ['3456元', '万元', 0.3456],
    ['0.30', '万元', 0.3],
    ['１２．５０', '', 12.5],
    ['0.3万元', '元', 3000],
    ['854万', '元', 8_540_000],
    ['300000', '单位：元', 300000],
    ['5千元', '元', 5000],
    ['叁万元', '万元', 3],
    ['1,234.5', '千元', 1234.5],
    // To 0.01 元, as the targets' amounts: 0.001 元 is none.
    ['0.00000001', '万元', 0],
    ['12.345', '元', 12.35],
  ])('%s in a form of %s → %s', (text, unit, amount) => expect(amountInUnit(text, unit)).toBe(amount))

  it.each(['', '三千块', '0.800.80', '1.2.3', '40%', '3000人'])('%j is no amount', (text) => expect(amountInUnit(text, '万元')).toBeNull())

  it('reads what `amountInWan` reads, in the form’s unit rather than 万元', () => {
    for (const [text, unit] of [['3000元', '元'], ['3000元', '千元'], ['1.2亿元', '万元'], ['17.5', '元'], ['2.5', '亿元']] as const) {
      expect(amountInUnit(text, unit)! * wanPerUnit(unit)).toBeCloseTo(amountInWan(text, unit)!, 9)
    }
  })

  it('gives 万元 per figure of a form: a unit that names no money counts as 万元', () => {
    expect(['万元', '元', '单位：千元', '', '单位：吨'].map(wanPerUnit)).toEqual([1, 0.0001, 0.1, 1, 1])
  })

  it('writes an amount in a table\'s unit the same way', () => {
    expect([unitText(18.5093, '单位：元'), unitText(18.509301, '元'), unitText(-0.0005, '元'), unitText(1.23456, '千元'), unitText(116.4, '')]).toEqual(['185,093', '185,093.01', '-5', '12.3456', '116.40'])
  })

  it('writes an amount with two decimals and every further digit it has, to 0.01 元', () => {
    expect([116.4, 5, 18.509, 18.5093, 0.000001, 0.1 + 0.2, 126.90900000000002, -3.5, 1234567.891].map(wanText)).toEqual(['116.40', '5.00', '18.509', '18.5093', '0.000001', '0.30', '126.909', '-3.50', '1234567.891'])
  })
})
