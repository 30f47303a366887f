import { describe, expect, it } from 'vitest'
import { parseAmount, parsePercent, parseYear } from './numbers'

describe('parseAmount', () => {
  it.each([
    ['10.00', 10],
    ['0.4', 0.4],
    ['0.40', 0.4],
    ['1,234.50', 1234.5],
    ['１０．００', 10],
    ['１，２３４．５', 1234.5],
    [' 24.00 ', 24],
    ['10万元', 10],
    ['-3', -3],
  ])('%s → %s', (text, value) => expect(parseAmount(text)).toBe(value))

  it.each(['', ' ', '十万', '1,23.4', '10.0.0', 'abc', '1e5', '--1'])('%j → null', (text) => {
    expect(parseAmount(text)).toBeNull()
  })
})

describe('parsePercent', () => {
  it.each([
    ['25%', 25],
    ['25', 25],
    ['２５％', 25],
    ['100%', 100],
    ['12.5 %', 12.5],
  ])('%s → %s', (text, value) => expect(parsePercent(text)).toBe(value))

  it.each(['', '≥90%', '二十五', '%', '25%%'])('%j → null', (text) => expect(parsePercent(text)).toBeNull())
})

describe('parseYear', () => {
  it('reads the year of the title line', () => {
    expect(parseYear('2022年部门预算绩效文本')).toBe(2022)
    expect(parseYear('２０２３年部门预算绩效文本')).toBe(2023)
    expect(parseYear('部门预算绩效文本')).toBeNull()
  })
})
