import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { goodProject } from '../../test/support/check-fixtures'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { KINDS } from '../kinds/registry'
import { selfEvaluationModel } from '../self-evaluation/self-evaluation-model'
import { NODE } from '../schema/node-names'
import { documentSchema } from '../schema/schema'
import { buildDocument } from './build-document'
import type { DocumentText } from './document-text'
import { createYDocumentFromText, documentKindOf, metaOf, readContent, readText } from './y-document'

const roundTrip = (text: DocumentText) => {
  const ydoc = createYDocumentFromText(text)
  // Through bytes, as the server stores it.
  const stored = new Y.Doc()
  Y.applyUpdate(stored, Y.encodeStateAsUpdate(ydoc))
  return stored
}

const followUp = (kind: 'monitoring' | 'self-evaluation'): DocumentText => {
  const project = goodProject()
  const rows = kind === 'monitoring'
    ? { actual: '2次', forecast: '4次', likelihood: '有可能', cause: '人员保障', measure: '下半年增派讲师' }
    : { actual: '3次', earned: '9.38', deviation: '停训两次，明年提前安排' }
  return {
    kind, ...(kind === 'monitoring' ? { asOf: '2023年1-6月' } : {}),
    title: '某某部门', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: ['目标一'], subGoals: [], safeguards: [],
    projects: [{
      ...project,
      funds: { initial: '12.50', budget: '12.50', executed: kind === 'monitoring' ? '5' : '12', rate: kind === 'monitoring' ? '40%' : '96%', points: kind === 'monitoring' ? '' : '10', earned: kind === 'monitoring' ? '' : '9.6' },
      achieved: '培训 3 次',
      indicators: project.indicators.map((indicator, i) => (i === 0 ? { ...indicator, ...rows } : indicator)),
    }],
  }
}

describe('the kinds in the Y.Doc', () => {
  it('a 监控 reads back as written: kind and 截至月份 in meta, 资金, 实际完成情况 and every row’s cells in the content', () => {
    const text = followUp('monitoring')
    const ydoc = roundTrip(text)
    expect(documentKindOf(ydoc)).toBe('monitoring')
    expect(metaOf(ydoc).get('asOf')).toBe('2023年1-6月')
    const back = readText(ydoc)
    // Rows left empty still have their cells: there is somewhere to type.
    const emptyRow = { actual: '', forecast: '', likelihood: '', cause: '', measure: '' }
    expect(back).toEqual({ ...text, projects: [{ ...text.projects[0]!, indicators: text.projects[0]!.indicators.map((r, i) => (i === 0 ? r : { ...r, ...emptyRow })) }] })
    expect(KINDS.monitoring.model(back)).toEqual(KINDS.monitoring.model(text))
  })

  it('a 自评 reads back as written, its written 总分 aside (never stored: the model derives it)', () => {
    const text = { ...followUp('self-evaluation') }
    text.projects = [{ ...text.projects[0]!, total: '99' }]
    const back = readText(roundTrip(text))
    const emptyRow = { actual: '', earned: '', deviation: '' }
    const { total: _total, ...project } = text.projects[0]!
    expect(back).toEqual({ ...text, projects: [{ ...project, indicators: project.indicators.map((r, i) => (i === 0 ? r : { ...r, ...emptyRow })) }] })
    expect(selfEvaluationModel(back).projects[0]!.earned).toBe(selfEvaluationModel(text).projects[0]!.earned)
  })

  it('a new 监控 or 自评 from carried targets gets its empty 资金, 实际完成情况 and row cells', () => {
    const targets = parsePublishedText(sampleText())
    for (const kind of ['monitoring', 'self-evaluation'] as const) {
      const back = readText(roundTrip({ ...targets, kind }))
      expect(back.kind).toBe(kind)
      expect(back.projects[0]!.funds).toEqual({ initial: '', budget: '', executed: '', rate: '', points: '', earned: '' })
      expect(back.projects[0]!.achieved).toBe('')
      const cells = kind === 'monitoring' ? ['actual', 'forecast', 'likelihood', 'cause', 'measure'] : ['actual', 'earned', 'deviation']
      for (const project of back.projects) for (const row of project.indicators) for (const cell of cells) expect(row).toHaveProperty(cell, '')
      expect(back.projects.map((p) => p.indicators.map((i) => i.value))).toEqual(targets.projects.map((p) => p.indicators.map((i) => i.value)))
    }
  })

  it('a targets document is as before kinds: no kind in meta, no new nodes', () => {
    const targets = parsePublishedText(sampleText())
    const ydoc = roundTrip(targets)
    expect(metaOf(ydoc).has('kind')).toBe(false)
    expect(readText(ydoc)).toEqual(targets)
    expect(JSON.stringify(readContent(ydoc))).not.toMatch(/projectFunds|projectAchieved|indicatorActual/)
  })

  it('a document stored before kinds (its bytes kept from then) still fits the schema and reads as targets, unchanged', () => {
    const ydoc = new Y.Doc()
    Y.applyUpdate(ydoc, readFileSync(new URL('../../test/fixtures/ydoc/targets-before-kinds.bin', import.meta.url)))
    const content = readContent(ydoc)
    expect(() => documentSchema.nodeFromJSON(content).check()).not.toThrow()
    expect(documentKindOf(ydoc)).toBe('targets')
    const text = readText(ydoc)
    expect(text).toEqual(parsePublishedText(sampleText()))
    expect(documentSchema.nodeFromJSON(buildDocument(text)).toJSON()).toEqual(documentSchema.nodeFromJSON(content).toJSON())
  })

  it('the schema takes the new nodes in a project and a row, and only where the grammar puts them', () => {
    const json = buildDocument(followUp('self-evaluation'))
    expect(() => documentSchema.nodeFromJSON(json).check()).not.toThrow()
    const project = json.content![2]!.content![0]!
    expect(project.content!.map((n) => n.type).slice(9, 13)).toEqual([NODE.projectFunds, NODE.projectAchieved, NODE.spendingPlan, NODE.projectGoal])
    const misplaced = { ...project, content: [...project.content!.slice(0, 9), project.content![10]!, project.content![9]!, ...project.content!.slice(11)] }
    expect(() => documentSchema.nodeFromJSON(misplaced).check()).toThrow()
  })
})
