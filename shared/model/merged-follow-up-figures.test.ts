import { describe, expect, it } from 'vitest'
import { documentText, indicator, project } from '../../support/document-builder'
import { kindSummary } from '../kinds/kind-summary'
import { monitoringModel } from '../monitoring/monitoring-model'
import { selfEvaluationModel } from '../self-evaluation/self-evaluation-model'
import { NODE } from '../schema/node-names'
import type { DocumentText } from './document-text'
import type { MergedFigure } from './merged-figures'

const funds = { initial: '100', budget: '100', executed: '60', rate: '', points: '', earned: '' }

/** One project, every target met, as a 自评 or a 监控. */
const form = (kind: 'self-evaluation' | 'monitoring', fields: Partial<typeof funds> = {}): DocumentText => ({
  ...documentText(
    project({ name: '甲', funds: { ...funds, ...fields }, spendingPlan: [{ label: '3月底', percent: '25' }, { label: '6月底', percent: '50' }, { label: '12月底', percent: '100' }] },
      indicator({ level1: '产出指标', value: '≥10次', actual: '12次' }),
      indicator({ level1: '效益指标', value: '≥90%', actual: '95%' }),
      indicator({ level1: '满意度指标', value: '≥90%', actual: '95%' })),
  ),
  kind,
  ...(kind === 'monitoring' ? { asOf: '2026年1-6月' } : {}),
})

const merging = (text: DocumentText, ...figures: Omit<MergedFigure, 'project'>[]): DocumentText =>
  ({ ...text, mergedFigures: figures.map((figure) => ({ project: 1, ...figure })) })

describe('figures two people’s typing merged, in a 监控 and a 自评', () => {
  it('gives no 执行率 from a merged 执行数 that reads as a number ("6.603"), and the summary counts it unreadable', () => {
    const monitoring = form('monitoring', { executed: '6.603' })
    expect(monitoringModel(monitoring).projects[0]!.funds).toMatchObject({ executed: 6.603, rate: 6.6 })
    const merged = merging(monitoring, { indicator: null, entry: null, node: NODE.fundsExecuted, text: '6.603' })
    expect(monitoringModel(merged).projects[0]!.funds).toMatchObject({ executed: null, rate: null, planRate: null })
    expect(kindSummary(merged)).toMatchObject({ rate: null, unreadable: 1, missing: 0 })

    const evaluation = merging(form('self-evaluation', { executed: '6.603' }), { indicator: null, entry: null, node: NODE.fundsExecuted, text: '6.603' })
    expect(selfEvaluationModel(evaluation).projects[0]).toMatchObject({ funds: { rate: null, earned: null }, earned: null, grade: null })
  })

  it('scores no row whose 得分, 实际完成值 or 分值 is merged, so the 总分 and the grade wait for it', () => {
    const evaluation = form('self-evaluation')
    expect(selfEvaluationModel(evaluation).projects[0]).toMatchObject({ earned: 96, grade: '优' })
    for (const node of [NODE.indicatorEarned, NODE.indicatorActual, NODE.indicatorScore]) {
      const [scored] = selfEvaluationModel(merging(evaluation, { indicator: 2, entry: null, node, text: '9095%' })).projects
      expect(scored!.indicators.map((i) => i.earned)).toEqual([50, null, 10])
      expect(scored).toMatchObject({ earned: null, grade: null })
    }
    const written = { ...evaluation, projects: evaluation.projects.map((p) => ({ ...p, indicators: p.indicators.map((i) => ({ ...i, earned: '56' })) })) }
    expect(selfEvaluationModel(merging(written, { indicator: 1, entry: null, node: NODE.indicatorEarned, text: '56' })).projects[0]!.indicators[0]!.earned).toBeNull()
  })

  it('reads no merged 累计支出比例, so the plan share of a 监控 is not taken from it, nor from the node before it', () => {
    const monitoring = form('monitoring')
    expect(monitoringModel(monitoring).projects[0]!.funds).toMatchObject({ planned: 50, planRate: 120 })
    const merged = merging(monitoring, { indicator: null, entry: 2, node: NODE.spendingPercent, text: '50' })
    expect(monitoringModel(merged).projects[0]!.spendingPlan[1]!.percent).toBeNull()
    // 3月底's 25% would pass for the share planned by 6月 (a 执行进度 of 240%).
    expect(monitoringModel(merged).projects[0]!.funds).toMatchObject({ rate: 60, planned: null, planRate: null })
  })
})
