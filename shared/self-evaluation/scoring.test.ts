import { describe, expect, it } from 'vitest'
import { makeRandom } from '../../support/random'
import {
  BandError, bandOf, DEFAULT_WEIGHTS, executionScore, gradeOf, indicatorEarned, indicatorPoints, qualitativeEarned, quantitativeEarned,
  totalScore, validWeights, WeightsError, type Weights,
} from './scoring'

const SEEDS = [1, 7, 42, 2022, 31337]
const UNITS = ['%', '个', '人', '万元', '米', '']

/** An 产出 row with this target: nothing in what it measures says which way a bare figure points. */
const output = (value: string) => ({ level1: '产出指标', level2: '数量指标', level3: '完成数量', value })

describe('scoring properties (seeded)', () => {
  for (const seed of SEEDS) {
    const random = makeRandom(seed)
    it(`seed ${seed}: never above the 分值, never below 0`, () => {
      for (let n = 0; n < 500; n++) {
        const points = random.int(30) + random.pick([0, 0.5])
        const sign = random.pick(['≥', '≤', '', '>', '<', '='])
        const unit = random.pick(UNITS)
        const target = `${sign}${random.int(1000) / random.pick([1, 10])}${unit}`
        const actual = `${random.int(2000) / random.pick([1, 10, 100])}${random.chance(0.5) ? unit : ''}`
        const earned = quantitativeEarned(target, actual, points)
        expect(earned, `${target} / ${actual} / ${points}`).not.toBeNull()
        expect(earned!).toBeLessThanOrEqual(points)
        expect(earned!).toBeGreaterThanOrEqual(0)
        const budget = random.int(1000) + 1
        const execution = executionScore(budget, random.int(1500), 10)!
        expect(execution.earned).toBeLessThanOrEqual(10)
      }
    })

    it(`seed ${seed}: monotone in the actual value, in the target's direction; full when met, less when missed`, () => {
      for (let n = 0; n < 300; n++) {
        const points = random.int(20) + 1
        const ceiling = random.chance(0.5)
        const target = `${ceiling ? '≤' : '≥'}${random.int(500) + 1}%`
        const a = random.int(1000) / 10
        const b = random.int(1000) / 10
        const [worse, better] = ceiling ? [Math.max(a, b), Math.min(a, b)] : [Math.min(a, b), Math.max(a, b)]
        expect(quantitativeEarned(target, `${better}%`, points)!, `${target}: ${worse} → ${better}`).toBeGreaterThanOrEqual(quantitativeEarned(target, `${worse}%`, points)!)
        // Met scores full; missed by more than rounding scores less.
        const goal = Number(target.slice(1, -1))
        const met = ceiling ? better <= goal : better >= goal
        const missedClearly = ceiling ? worse > goal * 1.01 : worse < goal * 0.99
        if (met) expect(quantitativeEarned(target, `${better}%`, points)).toBe(points)
        if (missedClearly) expect(quantitativeEarned(target, `${worse}%`, points)!, `${target}: ${worse}`).toBeLessThan(points)
        const budget = random.int(100) + 1
        const [low, high] = [random.int(200), random.int(200)].sort((x, y) => x - y) as [number, number]
        expect(executionScore(budget, high, 10)!.earned).toBeGreaterThanOrEqual(executionScore(budget, low, 10)!.earned)
      }
    })

    it(`seed ${seed}: split 分值 fill each 一级's weight; the weights sum to 100 or are refused`, () => {
      for (let n = 0; n < 200; n++) {
        const levels = ['产出指标', '效益指标', '满意度指标']
        const rows = levels.flatMap((level1) => Array.from({ length: random.int(5) + 1 }, () => ({ level1, score: null })))
        const points = indicatorPoints(rows, DEFAULT_WEIGHTS)
        for (const level1 of levels) {
          const sum = points.filter((_, i) => rows[i]!.level1 === level1).reduce((a, b) => a + b, 0)
          expect(Math.abs(sum - DEFAULT_WEIGHTS.levels[level1]!)).toBeLessThanOrEqual(0.05)
        }
        const cut = [random.int(101)]
        cut.push(random.int(101 - cut[0]!))
        cut.push(random.int(101 - cut[0]! - cut[1]!))
        const weights: Weights = { levels: { 产出指标: cut[0]!, 效益指标: cut[1]!, 满意度指标: cut[2]! }, execution: 100 - cut[0]! - cut[1]! - cut[2]! }
        expect(validWeights(weights)).toBe(weights)
        const off: Weights = { ...weights, execution: weights.execution + random.int(5) + 1 }
        expect(() => validWeights(off)).toThrow(WeightsError)
      }
    })
  }
})

describe('scoring rules', () => {
  it('the default weights are 产出 50, 效益 30, 满意度 10, 执行率 10 and valid', () => {
    expect(validWeights(DEFAULT_WEIGHTS)).toEqual({ levels: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 }, execution: 10 })
  })

  it('a set 分值 is kept; the rest of its 一级 is split among the unset; 成本指标 counts under 产出', () => {
    const rows = [
      { level1: '产出指标', score: 20 },
      { level1: '产出指标', score: null },
      { level1: '成本指标', score: null },
      { level1: '效益指标', score: null },
      { level1: '满意度指标', score: null },
    ]
    expect(indicatorPoints(rows)).toEqual([20, 15, 15, 30, 10])
  })

  it('a quantitative target: full when met, proportional when short, by direction', () => {
    expect(quantitativeEarned('≥50个', '50', 8)).toBe(8)
    expect(quantitativeEarned('≥50个', '40个', 8)).toBe(6.4)
    expect(quantitativeEarned('≤90万元', '89.974', 8)).toBe(8)
    expect(quantitativeEarned('≤90万元', '100万元', 8)).toBe(7.2)
    expect(quantitativeEarned('≥95%', '90%', 10)).toBe(9.47)
    expect(quantitativeEarned('≥95%', '90人', 10)).toBeNull()
    expect(quantitativeEarned('显著提升', '显著提升', 10)).toBeNull()
  })

  // A tryout's ≤2小时 met by 3小时 earned nothing, and let a written 10 stand. 内 (within) is a limit; 个 and 内 aside, the unit is the same.
  it.each([
    ['≤2小时', '1.5小时', 10, 10],
    ['≤2小时', '3小时', 10, 6.67],
    ['≤2小时', '3', 10, 6.67],
    ['10个工作日内', '12个工作日', 10, 8.33],
    ['≤30天', '20天', 5, 5],
    ['≤24小时', '90分钟', 25, 25],
    ['≤24小时', '2天', 25, 12.5],
    ['≤2天', '36小时', 10, 10],
    ['≤2小时', '2小时30分钟', 10, 8],
    ['≤3小时', '2小时30分', 10, 10],
    ['1天12小时内', '48小时', 12, 9],
    ['10个工作日内', '12天', 10, null],
    ['2022年12月底前', '2022年11月', 10, null],
    ['12月底前完成', '11月', 10, null],
  ] as const)('a length of time is an amount in its unit, a date is none: %s against %s of %s points earns %s', (target, actual, points, earned) => {
    expect(quantitativeEarned(target, actual, points)).toBe(earned)
  })

  it('a qualitative target by bands the department chooses within', () => {
    expect(qualitativeEarned('达成', 10)).toBe(10)
    expect(qualitativeEarned('部分达成', 10, 0.7)).toBe(7)
    expect(qualitativeEarned('部分达成', 10)).toBe(8)
    expect(qualitativeEarned('未达成', 10, 0.5)).toBe(5)
    expect(() => qualitativeEarned('部分达成', 10, 0.9)).toThrow(BandError)
    expect(() => qualitativeEarned('未达成', 10, 0.6)).toThrow(BandError)
    expect([bandOf('达成预期指标'), bandOf('基本达成'), bandOf('未完成'), bandOf('显著提升')]).toEqual(['达成', '部分达成', '未达成', null])
    expect(indicatorEarned(output('效果明显'), '达成预期指标', 10)).toBe(10)
    expect(indicatorEarned(output('显著提升'), '显著提升', 10)).toBe(10)
    expect(indicatorEarned(output('显著提升'), '', 10)).toBeNull()
  })

  it('a 成本指标 or a harm written as a bare figure is a ceiling: under it is met, over it short; a count is reached by getting there', () => {
    // The Xiangtan 雾炮车 form: 成本指标 控制在预算成本内, 250万, spent 240万 — met, not 9.6 of 10.
    const cost = { level1: '产出指标', level2: '成本指标', level3: '控制在预算成本内', value: '250万' }
    expect(indicatorEarned(cost, '240万', 10)).toBe(10)
    expect(indicatorEarned(cost, '250万', 10)).toBe(10)
    expect(indicatorEarned(cost, '300万', 10)).toBe(8.33)
    expect(indicatorEarned({ ...cost, level1: '成本指标', level2: '经济成本指标' }, '240万', 10)).toBe(10)
    // A sign, where one is written, is what counts (a cost written as a floor is the direction rule's to report).
    expect(indicatorEarned({ ...cost, value: '≥250万' }, '240万', 10)).toBe(9.6)
    const accidents = { level1: '效益指标', level2: '社会效益指标', level3: '安全事故发生次数', value: '2次' }
    expect(indicatorEarned(accidents, '1次', 10)).toBe(10)
    expect(indicatorEarned({ ...accidents, level3: '事故处置率', value: '95%' }, '90%', 10)).toBe(9.47)
    expect(indicatorEarned(output('250万'), '240万', 10)).toBe(9.6)
  })

  it('执行率 and the grade', () => {
    expect(executionScore(90, 89.974, 10)).toEqual({ rate: 99.97, earned: 10 })
    expect(executionScore(20, 20, 10)).toEqual({ rate: 100, earned: 10 })
    expect(executionScore(100, 85, 10)).toEqual({ rate: 85, earned: 8.5 })
    expect(executionScore(0, 0, 10)).toBeNull()
    expect([gradeOf(90), gradeOf(89.99), gradeOf(80), gradeOf(60), gradeOf(59.99)]).toEqual(['优', '良', '良', '中', '差'])
    expect(totalScore([50, 30, 10, 8.5])).toBe(98.5)
    expect(totalScore([50, null])).toBeNull()
  })

  it('the Zhongjiang 水标尺 form: every target met, 执行率 100% — 110 points on its 70/20/10 + 10, where it writes 100', () => {
    // Rows as the form gives them: 分值, 年度指标值, 全年实际值.
    const rows: [string, number, string, string][] = [
      ['产出指标', 10, '≥266米', '≥266米'],
      ['产出指标', 10, '≥50厘米', '≥50厘米'],
      ['产出指标', 20, '100%', '100%'],
      ['产出指标', 10, '≥90%', '≥90%'],
      ['产出指标', 10, '≥90%', '≥90%'],
      ['产出指标', 10, '20万元', '20万元'],
      ['效益指标', 10, '≥1000人', '≥1000人'],
      ['效益指标', 10, '显著提升', '显著提升'],
      ['满意度指标', 10, '≥95%', '≥95%'],
    ]
    const earned = rows.map(([level1, points, target, actual]) => indicatorEarned({ level1, level2: '', level3: '', value: target }, actual, points))
    expect(earned).toEqual([10, 10, 20, 10, 10, 10, 10, 10, 10])
    expect(totalScore([...earned, executionScore(20, 20, 10)!.earned])).toBe(110)
  })
})
