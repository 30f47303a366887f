import { describe, expect, it } from 'vitest'
import { generateKindDocument, withDerived } from '../../../support/generate-kind-document'
import { makeRandom } from '../../../support/random'
import { formatById, importFile } from '../registry'

const bytes = (out: Uint8Array | string) => (typeof out === 'string' ? new TextEncoder().encode(out) : out)

/**
 * Each writer against its reader, for both kinds: what a form holds comes
 * back as written, and the figures nobody types (执行率, 分值, 得分, 总分)
 * as the model computes them — so a second round changes nothing.
 */
describe.each(['self-evaluation', 'monitoring'] as const)('%s forms round-trip', (kind) => {
  it.each(['txt', 'docx', 'xlsx', 'html'])('%s: import(export(doc)) is the document, its derived figures as computed', async (id) => {
    const format = formatById(id)!
    for (const seed of [1, 2, 3]) {
      const doc = generateKindDocument(makeRandom(seed * 31 + id.length), kind, 1 + (seed % 3))
      const read = await importFile(bytes(await format.export!(doc)))
      if (!read.ok) throw read.error
      expect(read.value, `seed ${seed}`).toEqual(withDerived(doc))
      const again = await importFile(bytes(await format.export!(read.value)))
      expect(again.ok && again.value).toEqual(read.value)
    }
  }, 60_000)
})

describe('a figure with its own unit round-trips', () => {
  it.each(['txt', 'docx', 'xlsx', 'html'])('%s: a 监控 whose 年初预算数 was carried from a 预算数 typed “3000元” comes back as written', async (id) => {
    const format = formatById(id)!
    const doc = generateKindDocument(makeRandom(7), 'monitoring', 1)
    const project = doc.projects[0]!
    const carried = { ...doc, projects: [{ ...project, moneyUnit: '万元', budgetTotal: '3000元', funds: { ...project.funds!, initial: '3000元', budget: '3000元', executed: '350元' } }] }
    const read = await importFile(bytes(await format.export!(carried)))
    if (!read.ok) throw read.error
    expect(read.value).toEqual(withDerived(carried))
    expect(read.value.projects[0]!.funds!.rate).toBe('11.67%')
  })
})

describe('a figure with a remark round-trips', () => {
  it.each(['txt', 'docx', 'xlsx', 'html'])('%s: a 自评 whose 年初预算数 was carried from a 预算数 written “854万(高标准农田建设400万元,示范建设295万元)” comes back as written', async (id) => {
    const format = formatById(id)!
    const doc = generateKindDocument(makeRandom(9), 'self-evaluation', 1)
    const project = doc.projects[0]!
    const remark = '854万(高标准农田建设400万元,示范建设295万元)'
    const carried = { ...doc, projects: [{ ...project, moneyUnit: '万元', budgetTotal: remark, funds: { ...project.funds!, initial: remark, budget: '854', executed: '700' } }] }
    const read = await importFile(bytes(await format.export!(carried)))
    if (!read.ok) throw read.error
    expect(read.value).toEqual(withDerived(carried))
  })
})

describe('the 预算数’s split round-trips', () => {
  it.each(['txt', 'docx', 'xlsx', 'html'])('%s: a 自评 and a 监控 carried from targets with 财政资金 and 其他资金 write them in their 其中 rows and read them back', async (id) => {
    const format = formatById(id)!
    for (const kind of ['self-evaluation', 'monitoring'] as const) {
      const doc = generateKindDocument(makeRandom(11), kind, 2)
      const [first, second] = doc.projects
      // The first as a linked document starts it (年初 = 全年 = 预算数); the second with its 年初预算数 left empty, read from 全年预算数.
      const split = {
        ...doc,
        projects: [
          { ...first!, budgetTotal: '120', budgetFiscal: '100', budgetOther: '20', funds: { ...first!.funds!, initial: '120', budget: '150' } },
          { ...second!, budgetTotal: '80', budgetFiscal: '80', budgetOther: '', funds: { ...second!.funds!, initial: '', budget: '80' } },
        ],
      }
      const read = await importFile(bytes(await format.export!(split)))
      if (!read.ok) throw read.error
      expect(read.value, kind).toEqual(withDerived(split))
      expect(read.value.projects.map((p) => [p.budgetFiscal, p.budgetOther]), kind).toEqual([['100', '20'], ['80', '']])
    }
  })
})
