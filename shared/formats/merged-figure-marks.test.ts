import { describe, expect, it } from 'vitest'
import { buildDocument } from '../model/build-document'
import type { NodeJSON } from '../model/node-json'
import { readDocument } from '../model/read-document'
import { ENTERED } from '../schema/figure-cells'
import { MARK, NODE } from '../schema/node-names'
import { documentText, indicator, part1, project, spending } from '../../support/document-builder'
import { MERGED_FIGURE_MARK, markMergedFigures } from './merged-figure-marks'
import { exportFormats, importFile } from './registry'
import { readTracked, trackedRuns } from './tracked-text'

const funds = (executed: string) => ({ initial: '11', budget: '11', executed, rate: '', points: '', earned: '' })

/** The `n`-th cell `type` of `doc` (document order) recorded as typed `entered`: its text is then a merge nobody typed. */
function recorded(doc: NodeJSON, type: string, n: number, entered: string): NodeJSON {
  let seen = 0
  const visit = (node: NodeJSON): NodeJSON => {
    if (node.type === type && seen++ === n) return { ...node, attrs: { ...node.attrs, [ENTERED]: entered } }
    return node.content ? { ...node, content: node.content.map(visit) } : node
  }
  return visit(doc)
}

const targets = documentText(
  part1({ title: '政法委', goals: ['维护稳定。'] }),
  project({ code: '1', name: '一', budgetTotal: '10', budgetFiscal: '10', budgetOther: '0', spendingPlan: [spending('6月底', '50'), spending('12月底', '100')] }, indicator({ level3: '培训次数', value: '≥10次', score: '50' })),
  project({ code: '2', name: '二', budgetTotal: '6.007.00', budgetFiscal: '6', budgetOther: '0', spendingPlan: [spending('6月底', '4060'), spending('12月底', '100')] }, indicator({ level3: '满意度', value: '≥9095%' }), indicator({ level3: '人次', value: '200' })),
)

/** The second project's 预算数, first 累计支出比例 and first 指标值, each merged from two people's typing. */
const mergedTargets = () => {
  let doc = buildDocument(targets)
  doc = recorded(doc, NODE.budgetTotal, 1, '7.00')
  doc = recorded(doc, NODE.spendingPercent, 2, '60')
  doc = recorded(doc, NODE.indicatorValue, 1, '≥95%')
  return readDocument(doc)
}

describe('merged figures in exported files', () => {
  it('follows each merged cell — a project figure, a 支出计划 entry, an indicator row, a 资金 figure — with the mark, and nothing else', () => {
    const text = mergedTargets()
    expect(text.mergedFigures).toHaveLength(3)
    const marked = markMergedFigures(text)
    const [first, second] = marked.projects
    expect(second!.budgetTotal).toBe(`6.007.00${MERGED_FIGURE_MARK}`)
    expect(second!.spendingPlan.map((e) => e.percent)).toEqual([`4060${MERGED_FIGURE_MARK}`, '100'])
    expect(second!.indicators.map((i) => i.value)).toEqual([`≥9095%${MERGED_FIGURE_MARK}`, '200'])
    expect(first).toEqual(text.projects[0])
    // The text read from the document is left as it was.
    expect(text.projects[1]!.budgetTotal).toBe('6.007.00')
    expect(text.projects[1]!.spendingPlan[0]!.percent).toBe('4060')

    const monitoring = { ...documentText(project({ name: '一', funds: funds('3') }), project({ name: '二', funds: funds('6.603') })), kind: 'monitoring' as const }
    const read = readDocument(recorded(buildDocument(monitoring), NODE.fundsExecuted, 1, '6.60'))
    expect(markMergedFigures(read).projects.map((p) => p.funds!.executed)).toEqual(['3', `6.603${MERGED_FIGURE_MARK}`])
  })

  it('a tracked copy marks a merge with a suggestion on it after the suggestion, and a typed figure with a suggestion on it not at all', () => {
    const suggestion = (type: string, id: string) => ({ type, attrs: { id, author: 'wangfang', time: 1 } })
    /** The `n`-th 预算数 typed as `typed`, then a reviewer's suggestion of `proposed` over it. */
    const suggested = (doc: NodeJSON, n: number, typed: string, proposed: string) => {
      let seen = 0
      const visit = (node: NodeJSON): NodeJSON => {
        if (node.type === NODE.budgetTotal && seen++ === n) {
          const deleted = { type: 'text', text: node.content?.[0]?.text ?? '', marks: [suggestion(MARK.deletion, `d${n}`)] }
          return { ...node, attrs: { ...node.attrs, [ENTERED]: typed }, content: [deleted, { type: 'text', text: proposed, marks: [suggestion(MARK.insertion, `i${n}`)] }] }
        }
        return node.content ? { ...node, content: node.content.map(visit) } : node
      }
      return visit(doc)
    }
    // The first 预算数 was typed as it reads (10) and then given a suggestion (12): no merge. The second is a merge (6.007.00, typed 7.00) with one too.
    const doc = suggested(suggested(recorded(buildDocument(targets), NODE.budgetTotal, 1, '7.00'), 0, '10', '12'), 1, '7.00', '7')
    const tracked = readTracked(doc)
    expect(tracked.mergedFigures).toEqual([expect.objectContaining({ project: 2, node: NODE.budgetTotal, text: '6.007.00' })])
    const [first, second] = markMergedFigures(tracked).projects
    expect(first!.budgetTotal).not.toContain(MERGED_FIGURE_MARK)
    expect(trackedRuns(second!.budgetTotal).map((run) => [run.text, run.change?.kind ?? null])).toEqual([
      ['6.007.00', 'delete'],
      ['7', 'insert'],
      [MERGED_FIGURE_MARK, null],
    ])
  })

  it('a document without merged figures is exported as read', () => {
    const text = readDocument(buildDocument(targets))
    expect(markMergedFigures(text)).toBe(text)
  })

  it.each(exportFormats().map((f) => [f.id, f] as const))('%s: the mark is in the file, beside each merged figure', async (_, format) => {
    const file = await format.export!(markMergedFigures(mergedTargets()))
    const read = await importFile(typeof file === 'string' ? new TextEncoder().encode(file) : file)
    if (!read.ok) throw new Error(read.error.message)
    const second = read.value.projects[1]!
    expect(second.budgetTotal).toContain(MERGED_FIGURE_MARK)
    expect(second.spendingPlan[0]!.percent).toContain(MERGED_FIGURE_MARK)
    expect(second.indicators[0]!.value).toContain(MERGED_FIGURE_MARK)
    expect(JSON.stringify(read.value).split(MERGED_FIGURE_MARK)).toHaveLength(4)
  })
})
