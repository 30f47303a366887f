import { describe, expect, it } from 'vitest'
import { parseIndicatorValue } from './indicator-value'

describe('parseIndicatorValue', () => {
  it.each([
    ['≥90%', '≥', 90, '%'],
    ['>=95%', '≥', 95, '%'],
    ['＞８０％', '>', 80, '%'],
    ['＝100%', '=', 100, '%'],
    // A length of time: its bare unit, and 内 (within) a limit.
    ['≤10个工作日', '≤', 10, '工作日'],
    ['10个工作日内', '≤', 10, '工作日'],
    ['≤2小时', '≤', 2, '小时'],
    // Written in two units, one length in the first.
    ['2小时30分钟', null, 2.5, '小时'],
    ['≤1天12小时', '≤', 1.5, '天'],
    ['1小时30分内', '≤', 1.5, '小时'],
    ['100%', null, 100, '%'],
    ['1600元/亩', null, 1600, '元/亩'],
    ['250万', null, 250, '万'],
    ['1人', null, 1, '人'],
    ['不低于 12 次', '≥', 12, '次'],
  ])('%s → sign %s, number %s, unit %s', (raw, sign, number, unit) => {
    expect(parseIndicatorValue(raw)).toMatchObject({ raw, sign, number, unit, placeholder: false })
  })

  it.each(['是/否', '≥**%', '(≥**个)', '★', 'XX', '**'])('%s is a placeholder', (raw) => {
    expect(parseIndicatorValue(raw)).toMatchObject({ placeholder: true, qualitative: false })
  })

  it.each(['2023.07-2024.01', '2022年12月底前', '10个工作日内', '12月底', '每月底前'])('%s is a time', (raw) => {
    expect(parseIndicatorValue(raw).time).toBe(true)
  })

  it.each([['10个工作日内', true], ['≤2小时', true], ['2小时30分钟', true], ['2小时90分钟', false], ['3小时2小时', false], ['30天', true], ['2022年12月底前', false], ['12月底', false], ['2023.07-2024.01', false]])('%s is a length of time: %s', (raw, duration) => {
    expect(parseIndicatorValue(raw as string).duration).toBe(duration)
  })

  it.each(['优良', '显著提升', '按计划实施', '不超预算'])('%s is qualitative', (raw) => {
    expect(parseIndicatorValue(raw)).toMatchObject({ qualitative: true, number: null, placeholder: false })
  })

  it('never throws and keeps the raw text', () => {
    for (const raw of ['', ' ', '≥', '%', '（）', '\u0000', '≥≥90%%']) expect(parseIndicatorValue(raw).raw).toBe(raw)
  })
})
