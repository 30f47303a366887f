import { describe, expect, it } from 'vitest'
import { documentSchema } from '@shared/schema/schema'
import { selfEvaluationModel } from '@shared/self-evaluation/self-evaluation-model'
import { monitoringModel } from '@shared/monitoring/monitoring-model'
import { buildDocument } from '@shared/model/build-document'
import type { DocumentText } from '@shared/model/document-text'
import { documentText, indicator, project, spending } from '../../support/document-builder'
import { bandOfScore, derivedWidgets, type DerivedModel, type Widget } from './derived-values'

const funds = (budget: string, executed: string) => ({ initial: budget, budget, executed, rate: '', points: '', earned: '' })

const selfEvaluation = {
  ...documentText(
    project({ name: '甲', budgetTotal: '100', funds: funds('100', '95') },
      indicator({ level1: '产出指标', level3: '培训', value: '≥10次', actual: '12次', earned: '', deviation: '' }),
      indicator({ level1: '产出指标', level3: '结案率', value: '≥90%', actual: '', earned: '', deviation: '' }),
      indicator({ level1: '效益指标', level3: '安全感', value: '显著提升', actual: '有所提升', earned: '24', deviation: '' }),
      indicator({ level1: '满意度指标', level3: '满意度', value: '≥90%', actual: '95%', earned: '', deviation: '' })),
  ),
  kind: 'self-evaluation' as const,
}

/** The text each widget shows, with the name of the cell (or node) it sits at the end of or in. */
function shown(text: DocumentText, model: DerivedModel): { at: string; widget: Widget }[] {
  const doc = documentSchema.nodeFromJSON(buildDocument(text))
  return derivedWidgets(doc, model).map((widget) => ({ at: doc.resolve(widget.pos).parent.type.name, widget }))
}

describe('derivedWidgets', () => {
  it('shows a 自评 its 执行率, each row’s 分值 and the 得分 nobody chose, the band of a qualitative row, and the totals per 一级', () => {
    const widgets = shown(selfEvaluation, selfEvaluationModel(selfEvaluation) as unknown as DerivedModel)
    const texts = (at: string) => widgets.filter((w) => w.at === at && w.widget.kind === 'text').map((w) => (w.widget as { text: string }).text)
    expect(texts('fundsRate')).toEqual(['95.00%'])
    expect(texts('fundsEarned')).toEqual(['9.5'])
    expect(texts('fundsPoints')).toEqual(['10'])
    // 产出 50 split in two; 培训 met (25, derived), 结案率 not yet written (only its 分值), 安全感 chosen 24 of 30, 满意度 met (10, derived).
    expect(texts('indicatorEarned')).toEqual(['25', ' / 25', ' / 25', ' / 30', '10', ' / 10'])
    expect(widgets.filter((w) => w.widget.kind === 'band').map((w) => w.widget)).toEqual([expect.objectContaining({ kind: 'band', band: '部分达成', points: 30 })])
    const score = widgets.find((w) => w.widget.kind === 'score')!
    expect(score.at).toBe('project')
    expect(score.widget).toEqual(expect.objectContaining({ lines: ['产出指标 —/50', '效益指标 24/30', '满意度指标 10/10', '预算执行率 9.5/10'], total: '总分 —（尚有指标未得分或得分待核对）' }))
  })

  it('beside a written 执行率 or 得分, the computed one only where they differ', () => {
    const withFunds = (rate: string, earned: string) => ({ ...selfEvaluation, projects: selfEvaluation.projects.map((p) => ({ ...p, funds: { ...p.funds!, rate, earned } })) })
    const texts = (text: DocumentText, at: string) =>
      shown(text, selfEvaluationModel(text) as unknown as DerivedModel).filter((w) => w.at === at && w.widget.kind === 'text').map((w) => (w.widget as { text: string }).text)
    const same = withFunds('95%', '9.50')
    expect([texts(same, 'fundsRate'), texts(same, 'fundsEarned')]).toEqual([[], []])
    const other = withFunds('90%', '9')
    expect([texts(other, 'fundsRate'), texts(other, 'fundsEarned')]).toEqual([['（按数字计算为 95.00%）'], ['（按数字计算为 9.5）']])
  })

  it('gives the 总分 and grade once every row has a 得分', () => {
    const done = { ...selfEvaluation, projects: selfEvaluation.projects.map((p) => ({ ...p, indicators: p.indicators.map((i) => (i.level3 === '结案率' ? { ...i, actual: '85%' } : i)) })) }
    const score = shown(done, selfEvaluationModel(done) as unknown as DerivedModel).find((w) => w.widget.kind === 'score')!.widget
    // 25 + 25 × 85/90 + 24 + 10 + 9.5
    expect(score).toEqual(expect.objectContaining({ total: '总分 92.11（优）' }))
    // Every row scored, but a 全年预算数 of 0 (an imported form's) gives no 执行率: the total says that is what it waits for.
    const noBudget = { ...done, projects: done.projects.map((p) => ({ ...p, funds: { ...p.funds!, budget: '0', executed: '0', rate: '', earned: '' } })) }
    const waiting = shown(noBudget, selfEvaluationModel(noBudget) as unknown as DerivedModel).find((w) => w.widget.kind === 'score')!.widget
    expect(waiting).toEqual(expect.objectContaining({ total: '总分 —（预算执行率未得分：全年预算数大于 0、全年执行数填写后才算得出）' }))
  })

  it('gives no grade where the 分值 pass 100, and says why; the grade comes back when they are put right', () => {
    const weighed = (score: string) => {
      const text = { ...selfEvaluation, projects: selfEvaluation.projects.map((p) => ({ ...p, indicators: p.indicators.map((i) => (i.level3 === '结案率' ? { ...i, actual: '90%' } : i.level3 === '满意度' ? { ...i, score } : i)) })) }
      return shown(text, selfEvaluationModel(text) as unknown as DerivedModel).find((w) => w.widget.kind === 'score')!.widget
    }
    // 满意度 weighed 20: 50 + 30 + 20 + 10 in 分值, 25 + 25 + 24 + 20 + 9.5 earned.
    expect(weighed('20')).toEqual(expect.objectContaining({ total: '总分 103.5（分值合计 110，应为 100，不评等级）' }))
    expect(weighed('10')).toEqual(expect.objectContaining({ total: '总分 93.5（优）' }))
  })

  /** A one-project 监控 of `executed` against 100, as of `asOf`, and the text each widget shows where it sits. */
  const monitoringOf = (executed: string, asOf: string, plan = [spending('6月底', '50'), spending('12月底', '100')]): DocumentText => ({
    ...documentText(project({ name: '甲', budgetTotal: '100', funds: funds('100', executed), spendingPlan: plan },
      indicator({ value: '≥10次', actual: '4次', forecast: '', likelihood: '', cause: '', measure: '' }))),
    kind: 'monitoring',
    asOf,
  })
  const monitoringWidgets = (text: DocumentText) => shown(text, monitoringModel(text) as unknown as DerivedModel).map((w) => [w.at, (w.widget as { text?: string }).text])

  it('shows a 监控 its 执行率 beside the plan’s share by the 截至月份, and no scores', () => {
    const monitoring = monitoringOf('40', '2026年1-6月', [spending('3月底', '20'), spending('6月底', '50'), spending('12月底', '100')])
    expect(monitoringWidgets(monitoring)).toEqual([['fundsRate', '40.00% · 计划 50.00%']])
  })

  it('says a 监控 with no 截至月份 has no plan share yet, instead of reading one', () => {
    expect(monitoringWidgets(monitoringOf('40', ''))).toEqual([['fundsRate', '40.00% · 计划 未设定截至月份']])
  })

  it('says why there is no 执行率 where a 全年预算数 or 执行数 is written but not read (no number, or merged)', () => {
    const merged = { ...monitoringOf('6.603', '2026年1-6月'), mergedFigures: [{ project: 1, indicator: null, entry: null, node: 'fundsExecuted', text: '6.603' }] }
    expect(monitoringWidgets(merged)).toEqual([['fundsRate', '数字无法读取或待核对 · 计划 50.00%']])
    expect(monitoringWidgets(monitoringOf('', '2026年1-6月'))).toEqual([['fundsRate', '— · 计划 50.00%']])
  })

  it('shows nothing in a targets document', () => {
    const targets = documentText(project({ budgetTotal: '10' }, indicator({ value: '≥1' })))
    expect(derivedWidgets(documentSchema.nodeFromJSON(buildDocument(targets)), { projects: [] })).toEqual([])
  })

  it('reads the band of a chosen 得分', () => {
    expect(bandOfScore(30, 30)).toBe('达成')
    expect(bandOfScore(18, 30)).toBe('部分达成')
    expect(bandOfScore(17.9, 30)).toBe('未达成')
    expect(bandOfScore(null, 30)).toBe('')
  })
})
