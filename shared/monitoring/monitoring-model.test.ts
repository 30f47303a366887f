import { describe, expect, it } from 'vitest'
import { goodProject } from '../../test/support/check-fixtures'
import type { DocumentText, FundsText } from '../model/document-text'
import { KINDS } from '../kinds/registry'
import { monitoringModel } from './monitoring-model'
import { monthOf, plannedShare } from './plan-month'

const FUNDS: FundsText = { initial: '12.50', budget: '12.50', executed: '5.00', rate: '40%', points: '', earned: '' }

// goodProject's plan: 3月底 25%, 6月底 50%, 10月底 75%, 12月底 100%.
const doc = (asOf: string, funds: FundsText = FUNDS): DocumentText => {
  const project = goodProject()
  return {
    kind: 'monitoring', asOf, title: '某某部门', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [],
    projects: [{
      ...project, funds, achieved: '已完成培训 2 次。',
      indicators: project.indicators.map((indicator, i) => (i === 0 ? { ...indicator, actual: '2次', forecast: '4次', likelihood: '确定能', cause: '', measure: '' } : indicator)),
    }],
  }
}

describe('monitoring model', () => {
  it('keeps the targets’ keys and adds funds to date, progress and each row’s 监控 cells', () => {
    const model = monitoringModel(doc('2023年1-6月'))
    expect(model).toMatchObject({ kind: 'monitoring', asOf: '2023年1-6月', month: 6, year: 2023 })
    const [project] = model.projects
    expect(project!.funds).toEqual({ initial: 12.5, budget: 12.5, executed: 5, rate: 40, planned: 50, planRate: 80 })
    expect(project!.achieved).toBe('已完成培训 2 次。')
    expect(project!.indicators[0]).toMatchObject({ value: '≥4次', actual: '2次', forecast: '4次', likelihood: '确定能', cause: '', measure: '' })
    expect(project!.indicators[1]).toMatchObject({ actual: '', forecast: '', likelihood: '' })
    expect(KINDS.monitoring.model(doc('6月')).kind).toBe('monitoring')
  })

  it('executed ÷ (the plan’s share for the month × budget): between nodes the last one reached counts; before the first nothing was planned', () => {
    expect(monitoringModel(doc('8月')).projects[0]!.funds).toMatchObject({ planned: 50, planRate: 80 })
    expect(monitoringModel(doc('10月')).projects[0]!.funds).toMatchObject({ planned: 75, planRate: 53.33 })
    expect(monitoringModel(doc('2月')).projects[0]!.funds).toMatchObject({ rate: 40, planned: 0, planRate: null })
    expect(monitoringModel(doc('')).projects[0]!.funds).toMatchObject({ rate: 40, planned: null, planRate: null })
    expect(monitoringModel(doc('6月', { ...FUNDS, budget: '0' })).projects[0]!.funds).toMatchObject({ rate: null, planRate: null })
  })

  it('reads the month a 截至月份 or a plan node names', () => {
    expect(['6月', '2026年1-6月', '截至6月底', '第二季度', '上半年', '12月底', '年底', '2026年'].map(monthOf)).toEqual([6, 6, 6, 6, 6, 12, 12, null])
    expect(plannedShare([{ label: '第一季度', percent: 20 }, { label: '上半年', percent: 60 }, { label: '全年', percent: 100 }], 7)).toBe(60)
    expect(plannedShare([{ label: '另行安排', percent: 20 }], 7)).toBeNull()
  })
})
