/**
 * Issue 27, "Measure it": a document written in 元, in 万元, or with units
 * mixed table by table and cell by cell (千元, "3000元", "854万", Chinese
 * and capital numerals) has the same amounts in the model, in 万元, through
 * every format that reads it.
 */
import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../support/generate-document'
import { makeRandom, type Random } from '../../support/random'
import { modelFromText } from '../model/derive-model'
import type { DocumentText, ProjectText } from '../model/document-text'
import { formatById } from './registry'
import { importPublishedText } from './published-text/import'
import { parsePublishedText } from './published-text/import'
import { sampleText } from '../../support/sample'

const DIGITS = '零一二三四五六七八九'
const CAPITAL = '零壹贰叁肆伍陆柒捌玖'

/** A whole number below 10^8 in Chinese numerals, plain or capital, as people write amounts. */
function chinese(n: number, capital: boolean): string {
  const digits = capital ? CAPITAL : DIGITS
  const places = capital ? ['', '拾', '佰', '仟'] : ['', '十', '百', '千']
  const section = (s: number) => {
    let out = ''
    let zero = false
    for (let p = 3; p >= 0; p--) {
      const d = Math.floor(s / 10 ** p) % 10
      if (d === 0) zero = out !== ''
      else {
        out += (zero ? digits.charAt(0) : '') + digits.charAt(d) + places[p]
        zero = false
      }
    }
    return out
  }
  const high = Math.floor(n / 10_000)
  const low = n % 10_000
  if (high === 0) return section(low) || digits.charAt(0)
  return section(high) + '万' + (low === 0 ? '' : (low < 1000 ? digits.charAt(0) : '') + section(low))
}

type Variant = '万元' | '元' | 'mixed'

/** One amount (text in 万元, as generated) rewritten in `unit` for a table of that unit, or with its own unit. */
function rewrite(text: string, tableUnit: string, random: Random, mixed: boolean): string {
  if (text === '') return text
  const wan = Number(text)
  const fen = Math.round(wan * 1_000_000) // in 分, exact
  if (mixed) {
    const choice = random.int(5)
    if (choice === 0) return `${(fen / 100).toFixed(2)}元`
    if (choice === 1) return `${wan}万`
    if (choice === 2 && fen % 1_000_000 === 0) return `${chinese(fen / 1_000_000, random.chance(0.5))}万元`
    if (choice === 3 && fen % 100 === 0 && fen / 100 < 100_000_000) return `${chinese(fen / 100, true)}元`
  }
  if (tableUnit === '元') return (fen / 100).toFixed(2)
  if (tableUnit === '千元') return (fen / 100_000).toFixed(5).replace(/0+$/, '').replace(/\.$/, '')
  return text
}

function written(doc: DocumentText, variant: Variant, random: Random): DocumentText {
  const project = (p: ProjectText): ProjectText => {
    const unit = variant === 'mixed' ? random.pick(['元', '千元', '万元']) : variant
    const mixed = variant === 'mixed'
    return {
      ...p,
      moneyUnit: unit,
      budgetTotal: rewrite(p.budgetTotal, unit, random, mixed),
      budgetFiscal: rewrite(p.budgetFiscal, unit, random, mixed),
      budgetOther: rewrite(p.budgetOther, unit, random, mixed),
    }
  }
  return { ...doc, projects: doc.projects.map(project) }
}

const budgets = (doc: DocumentText) => modelFromText(doc).projects.map((p) => p.budget)

describe('amounts in 元, 万元 and mixed read the same in 万元', () => {
  // Whole 万元 amounts too, so that Chinese numerals are written.
  const source = (seed: number) => {
    const doc = generateDocument(makeRandom(seed), 12)
    return { ...doc, projects: doc.projects.map((p, i) => (i % 3 === 0 ? { ...p, budgetTotal: '120.00', budgetFiscal: '100.00', budgetOther: '20.00' } : p)) }
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('generated document %i: the model of every variant equals the 万元 one', (seed) => {
    const doc = source(seed)
    const expected = budgets(doc)
    for (const variant of ['万元', '元', 'mixed'] as const) {
      const text = written(doc, variant, makeRandom(seed * 31))
      expect(budgets(text), variant).toEqual(expected)
      expect(modelFromText(text).projects.every((p) => p.budgetUnit === '万元')).toBe(true)
    }
  })

  it('the mixed variants do write every kind of amount', () => {
    const cells = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => written(source(seed), 'mixed', makeRandom(seed * 31)).projects.flatMap((p) => [p.budgetTotal, p.budgetFiscal, p.budgetOther]))
    for (const shape of [/^[\d.]+元$/, /^[\d.]+万$/, /^[一二三四五六七八九十百千万零]+万元$/, /^[壹贰叁肆伍陆柒捌玖拾佰仟万零]+元$/, /^[\d.]+$/]) {
      expect(cells.some((cell) => shape.test(cell)), String(shape)).toBe(true)
    }
  })

  it.each(['txt', 'docx', 'html', 'xlsx'])('exported as %s and read back, a mixed document keeps its amounts and its written text', async (id) => {
    const doc = source(11)
    const text = written(doc, 'mixed', makeRandom(5))
    const format = formatById(id)!
    const exported = await format.export!(text)
    const result = await format.import!(typeof exported === 'string' ? new TextEncoder().encode(exported) : exported)
    if (!result.ok) throw result.error
    expect(result.value.projects.map((p) => [p.moneyUnit, p.budgetTotal, p.budgetFiscal, p.budgetOther])).toEqual(text.projects.map((p) => [p.moneyUnit, p.budgetTotal, p.budgetFiscal, p.budgetOther]))
    expect(budgets(result.value)).toEqual(budgets(doc))
  }, 30_000)
})

describe('the sample with tables in 元', () => {
  const total = (text: string) => Math.round(modelFromText(parsePublishedText(text)).projects.reduce((sum, p) => sum + (p.budget.total ?? 0), 0) * 100) / 100
  /** The sample with its first `n` tables written in 元 (headed “单位：元” or “金额单位：元”, amounts ×10000). */
  const inYuan = (n: number, heading = '单位：元') => {
    let tables = 0
    return sampleText()
      .split('\n')
      .map((line, i, lines) => {
        if (line === '\t单位：万元') tables++
        if (tables === 0 || tables > n) return line
        if (line === '\t单位：万元') return `\t${heading}`
        const label = lines[i - 1]
        return /^\t(预算数|其中：财政\s*资金|其他资金)$/.test(label ?? '') && /^\t[\d.]+$/.test(line) ? `\t${(Number(line.slice(1)) * 10_000).toFixed(2)}` : line
      })
      .join('\n')
  }

  it('totals 116.40 万元 whether one table, all tables or none is in 元', () => {
    expect(total(sampleText())).toBe(116.4)
    expect(total(inYuan(1))).toBe(116.4)
    expect(total(inYuan(1, '金额单位：元'))).toBe(116.4)
    expect(total(inYuan(99))).toBe(116.4)
    expect(parsePublishedText(inYuan(1)).projects[0]!.moneyUnit).toBe('元')
  })
})

describe('a regional form states its unit on its amounts’ labels', () => {
  const form = (front: string[]) =>
    ['2024年项目支出绩效目标申报表', '资金情况（万元）', '项目名称   社区养老服务补助', ...front, '年度绩效目标   为辖区800名老人提供上门服务',
      '一级指标   二级指标   三级指标   指标值', '产出指标   数量指标   服务老人人数   ≥800人', '满意度指标   服务对象满意度指标   服务对象满意度   ≥90%'].join('\n')
  const read = (text: string) => importPublishedText(new TextEncoder().encode(text))

  it('an amount labelled in 元 is read in 元, whatever the form says elsewhere', () => {
    const result = read(form(['年度资金总额（元）   1200000', '其中：财政拨款（元）   1000000']))
    if (!result.ok) throw result.error
    expect(result.value.projects[0]!.moneyUnit).toBe('元')
    expect(modelFromText(result.value).projects[0]!.budget).toEqual({ total: 120, fiscal: 100, other: null })
  })

  it('amounts labelled in different units are refused, naming them', () => {
    const result = read(form(['年度资金总额（元）   1200000', '其中：财政拨款（万元）   100']))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/金额的单位不一致：年度资金总额以元填写，财政拨款以万元填写/)
  })
})
