import { describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import type { DocumentText } from '@shared/model/document-text'
import { generateDocument } from '../../support/generate-document'
import { makeRandom } from '../../support/random'
import { sampleText } from '../../support/sample'
import { NODE } from '@shared/schema/node-names'
import { diffDocuments } from './document-diff'

const sample = (): DocumentText => parsePublishedText(sampleText())
const edited = (edit: (doc: DocumentText) => void): DocumentText => {
  const doc = structuredClone(sample())
  edit(doc)
  return doc
}

describe('diffDocuments', () => {
  it('finds nothing between a document and itself', () => {
    const diff = diffDocuments(sample(), sample())
    expect(diff.narrative).toEqual([])
    expect(diff.projects).toEqual([])
    expect(diff.summary.text).toBe('没有改动')
  })

  it('a Chinese edit in a cell: old → new, with the characters inserted', () => {
    const after = edited((d) => (d.projects[0]!.indicators[0]!.value = `${d.projects[0]!.indicators[0]!.value}（全年）`))
    const [project] = diffDocuments(sample(), after).projects
    expect(project).toMatchObject({ kind: 'changed', name: sample().projects[0]!.name })
    if (project?.kind !== 'changed') throw new Error('changed project expected')
    expect(project.fields).toEqual([])
    expect(project.rows).toHaveLength(1)
    const row = project.rows[0]!
    if (row.kind !== 'changed') throw new Error('changed row expected')
    expect(row.fields.map((f) => [f.label, f.segments.filter((s) => s.op !== 'equal')])).toEqual([['指标值', [{ op: 'insert', text: '（全年）' }]]])
  })

  it('counts a 处 for each line it lists: three cells of one row are three, as the comparison shows them', () => {
    const after = edited((d) => {
      const row = d.projects[0]!.indicators[0]!
      Object.assign(row, { level3: `${row.level3}（调整）`, value: '≥95%', basis: '年度计划' })
      d.projects[0]!.code = 'X-NEW-CODE'
    })
    const diff = diffDocuments(sample(), after)
    expect(diff.summary.text).toBe('1 个项目、4 处改动')
  })

  it('a moved row is matched, not removed and added; an added and a removed row stand whole', () => {
    const after = edited((d) => {
      const rows = d.projects[1]!.indicators
      rows.push(rows.shift()!)
      rows.splice(1, 1)
      rows.push({ level1: '效益指标', level2: '社会效益指标', level3: '群众满意度提升', description: '', value: '≥90%', basis: '' })
    })
    const removed = sample().projects[1]!.indicators[2]!
    const [project] = diffDocuments(sample(), after).projects
    if (project?.kind !== 'changed') throw new Error('changed project expected')
    expect(project.rows.map((r) => r.kind).sort()).toEqual(['added', 'removed'])
    expect(project.rows.find((r) => r.kind === 'removed')).toEqual({ kind: 'removed', row: removed })
    expect(project.rows.find((r) => r.kind === 'added')).toMatchObject({ row: { level3: '群众满意度提升' } })
  })

  it('projects match by code through a rename, by name through a changed code; added and removed ones, and totals', () => {
    const before = sample()
    const after = edited((d) => {
      d.projects[0]!.name = `${d.projects[0]!.name}（调整）`
      d.projects[1]!.code = 'X-NEW-CODE'
      d.projects.splice(2, 1)
      d.projects.push({ ...structuredClone(d.projects[3]!), code: '999999', name: '新增项目', budgetTotal: '5.00' })
    })
    const diff = diffDocuments(before, after)
    expect(diff.projects.map((p) => [p.kind, p.name])).toEqual([
      ['changed', `${before.projects[0]!.name}（调整）`],
      ['changed', before.projects[1]!.name],
      ['removed', before.projects[2]!.name],
      ['added', '新增项目'],
    ])
    const renamed = diff.projects[0]!
    if (renamed.kind !== 'changed') throw new Error('changed expected')
    expect(renamed.fields.map((f) => [f.label, f.before, f.after])).toEqual([['项目名称', before.projects[0]!.name, `${before.projects[0]!.name}（调整）`]])
    const recoded = diff.projects[1]!
    if (recoded.kind !== 'changed') throw new Error('changed expected')
    expect(recoded.fields.map((f) => f.label)).toEqual(['项目编码'])
    const removedAmount = Number(before.projects[2]!.budgetTotal)
    expect(diff.totals.after! - diff.totals.before!).toBeCloseTo(5 - removedAmount, 4)
    expect(diff.summary.text).toBe(`4 个项目、4 处改动`)
    expect(diff.leftOut).toEqual({ before: 0, after: 0 })
  })

  it('a total that no longer counts a project (its 预算数 made unreadable) says so, on its side', () => {
    const after = edited((d) => {
      d.projects[1]!.budgetTotal = '14.005.00'
    })
    const diff = diffDocuments(sample(), after)
    expect(diff.leftOut).toEqual({ before: 0, after: 1 })
    expect(diff.totals.before! - diff.totals.after!).toBeCloseTo(Number(sample().projects[1]!.budgetTotal), 4)
  })

  it('a merged 预算数 that reads as a number ("75") is left out of its side’s total too, as everywhere else', () => {
    const after = edited((d) => {
      d.projects[0]!.budgetTotal = '75'
      d.mergedFigures = [{ project: 1, indicator: null, entry: null, node: NODE.budgetTotal, text: '75' }]
    })
    const diff = diffDocuments(sample(), after)
    expect(diff.leftOut).toEqual({ before: 0, after: 1 })
    expect(diff.totals.before! - diff.totals.after!).toBeCloseTo(Number(sample().projects[0]!.budgetTotal), 4)
  })

  it('narrative: an edited goal and an added safeguard', () => {
    const after = edited((d) => {
      d.goals[0] = d.goals[0]!.replace('指导', '统筹指导')
      d.safeguards.push('加强绩效运行监控。')
    })
    expect(diffDocuments(sample(), after).narrative.map((c) => [c.label, c.segments.filter((s) => s.op !== 'equal')])).toEqual([
      ['总体绩效目标（第1条）', [{ op: 'insert', text: '统筹' }]],
      [`工作保障措施（第${sample().safeguards.length + 1}条）`, [{ op: 'insert', text: '加强绩效运行监控。' }]],
    ])
  })

  it('on a generated 200-project document with scattered edits, every edit is found', () => {
    const before = generateDocument(makeRandom(3), 200)
    const after = structuredClone(before)
    for (const p of [5, 77, 150]) after.projects[p]!.indicators[0]!.value += '改'
    after.projects[9]!.budgetTotal = '1234.00'
    const diff = diffDocuments(before, after)
    expect(diff.projects.map((p) => p.name)).toEqual([5, 9, 77, 150].map((p) => after.projects[p]!.name))
  })
})

describe('the names of changed fields', () => {
  it('are the form’s own: 其中：财政资金 is 财政资金, as its cell says', () => {
    const before = sample()
    const after = structuredClone(before)
    after.projects[0]!.budgetFiscal = '99.00'
    const changed = diffDocuments(before, after).projects[0]!
    if (changed.kind !== 'changed') throw new Error('changed expected')
    expect(changed.fields.map((f) => f.label)).toEqual(['财政资金'])
  })
})
