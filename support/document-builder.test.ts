import { describe, expect, it } from 'vitest'
import { DETAIL_CELLS, FUNDS_CELLS, INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, INDICATOR_FOLLOW_UP_CELLS, PROJECT_CELLS } from '@shared/schema/node-names'
import { buildDocument } from '@shared/model/build-document'
import type { FundsText } from '@shared/model/document-text'
import { readDocument } from '@shared/model/read-document'
import { createYDocument, readContent } from '@shared/model/y-document'
import { documentText, indicator, part1, project, spending, subGoal, ydoc } from './document-builder'
import { at, textAt, type IndicatorField, type ProjectField } from './document-place'

/** Every field written with its own name, so that each place can be told apart. */
const projectFields = (n: number) =>
  Object.fromEntries([...Object.keys(PROJECT_CELLS), 'goal'].map((key) => [key, `${key}${n}`]))
const details = Object.fromEntries(Object.keys(DETAIL_CELLS).map((key) => [key, key])) as never
const row = (n: number) =>
  indicator(Object.fromEntries([...Object.keys(INDICATOR_CELLS), ...Object.keys(INDICATOR_EXTRA_CELLS)].map((key) => [key, `${key}${n}`])))

const parts = [
  part1({ title: '标题', subtitle: '副标题', preparedBy: '编制', reviewedBy: '审核', goals: ['目标一', '目标二'], subGoals: [subGoal({ title: '子目标', duty: '职责', target: '指标' })], safeguards: ['保障'] }),
  project(projectFields(0)),
  project({ ...projectFields(1), details, spendingPlan: [spending('6月底', '50'), spending('12月底', '100')] }, row(0), row(1), row(2)),
] as const

describe('the test-document builder', () => {
  it('makes the document through buildDocument: reading it back gives the text it was told', () => {
    expect(readDocument(readContent(ydoc(...parts)))).toEqual(documentText(...parts))
  })

  it('fills what it is not told as a blank document has it', () => {
    const text = documentText(project({ budgetTotal: '10' }, indicator({ level3: '门诊人次' })))
    expect(text.projects[0]).toMatchObject({ moneyUnit: '万元', budgetTotal: '10', code: '', indicators: [{ level1: '产出指标', level2: '数量指标', level3: '门诊人次', value: '' }] })
    expect(text.projects[0]!.spendingPlan.map((entry) => entry.label)).toEqual(['3月底', '6月底', '10月底', '12月底'])
    expect(text.goals).toEqual([])
  })
})

describe('named navigation', () => {
  const d = ydoc(...parts)

  it('finds every field of a project and of an indicator row by its key', () => {
    for (const key of [...Object.keys(PROJECT_CELLS), 'goal'] as ProjectField[]) expect(textAt(d, { project: 1, field: key }).toString()).toBe(`${key}1`)
    for (const key of Object.keys(DETAIL_CELLS) as ProjectField[]) expect(textAt(d, { project: 1, field: key }).toString()).toBe(key)
    for (const key of [...Object.keys(INDICATOR_CELLS), ...Object.keys(INDICATOR_EXTRA_CELLS)] as IndicatorField[])
      expect(textAt(d, { project: 1, indicator: 2, field: key }).toString()).toBe(`${key}2`)
  })

  it('finds Part 1, the title block, spending entries and lists', () => {
    expect(textAt(d, { field: 'subtitle' }).toString()).toBe('副标题')
    expect(textAt(d, { goal: 1 }).toString()).toBe('目标二')
    expect(textAt(d, { safeguard: 0 }).toString()).toBe('保障')
    expect(textAt(d, { subGoal: 0, field: 'duty' }).toString()).toBe('职责')
    expect(textAt(d, { project: 1, spending: 1, field: 'percent' }).toString()).toBe('100')
    expect(at(d, { list: 'goals' }).length).toBe(2)
    expect(at(d, { list: 'projects' }).length).toBe(2)
    expect(at(d, { project: 1, list: 'indicators' }).length).toBe(3)
    expect(at(d, { project: 1, indicator: 0 }).getAttribute('level1')).toBe('产出指标')
  })

  it('finds a 监控’s 资金 figures, its 实际完成情况 and what its rows add by their keys', () => {
    const funds = Object.fromEntries(Object.keys(FUNDS_CELLS).map((key) => [key, `funds.${key}`])) as unknown as FundsText
    const added = Object.fromEntries(Object.keys(INDICATOR_FOLLOW_UP_CELLS).map((key) => [key, `row.${key}`]))
    const monitoring = createYDocument(buildDocument({ ...documentText(project({ funds, achieved: '完成' }, indicator(added))), kind: 'monitoring' }))
    for (const key of Object.keys(FUNDS_CELLS) as ProjectField[]) expect(textAt(monitoring, { project: 0, field: key }).toString()).toBe(`funds.${key}`)
    expect(textAt(monitoring, { project: 0, field: 'achieved' }).toString()).toBe('完成')
    for (const key of Object.keys(INDICATOR_FOLLOW_UP_CELLS) as IndicatorField[]) expect(textAt(monitoring, { project: 0, indicator: 0, field: key }).toString()).toBe(`row.${key}`)
  })

  it('says what is missing rather than handing back another cell', () => {
    expect(() => at(d, { project: 2 })).toThrow(/no project #2/)
    expect(() => at(d, { project: 0, field: 'department' })).toThrow(/no projectDetails/)
    expect(() => textAt(ydoc(part1({ goals: [''] })), { goal: 0 })).toThrow(/goalItem is empty/)
  })
})
