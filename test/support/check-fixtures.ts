/**
 * A 绩效目标表 that passes every finance check, to be spoiled one field at a
 * time by rule tests.
 */
import type { IndicatorText, ProjectText } from '@shared/model/document-text'
import { modelFromText } from '@shared/model/derive-model'
import type { ProjectInput } from '@shared/checks/rule'

export const goodIndicators = (): IndicatorText[] => [
  { level1: '产出指标', level2: '数量指标', level3: '培训场次', description: '全年组织培训的场次', value: '≥4次', basis: '年度工作计划' },
  { level1: '产出指标', level2: '质量指标', level3: '培训合格率', description: '考核合格人数占参训人数的比例', value: '≥95%', basis: '历史数据' },
  { level1: '产出指标', level2: '时效指标', level3: '完成时限', description: '全部培训完成的时间', value: '2023年12月底前', basis: '年度工作计划' },
  { level1: '产出指标', level2: '成本指标', level3: '成本控制', description: '培训支出不超过预算', value: '≤10万元', basis: '预算批复' },
  { level1: '效益指标', level2: '社会效益指标', level3: '参训人员业务考核优良率', description: '培训后业务考核为优良的参训人员比例', value: '≥80%', basis: '培训评估' },
  { level1: '满意度指标', level2: '服务对象满意度指标', level3: '参训人员满意度', description: '问卷调查满意比例', value: '≥90%', basis: '问卷调查' },
]

export const goodProject = (overrides: Partial<ProjectText> = {}): ProjectText => ({
  unitCode: '216001',
  unitName: '某某部门本级',
  moneyUnit: '万元',
  code: '13030323P00404010001D',
  name: '基层干部培训经费',
  budgetTotal: '12.50',
  budgetFiscal: '10.00',
  budgetOther: '2.50',
  usage: '组织基层干部业务培训。',
  spendingPlan: [
    { label: '3月底', percent: '25%' },
    { label: '6月底', percent: '50%' },
    { label: '10月底', percent: '75%' },
    { label: '12月底', percent: '100%' },
  ],
  goal: '提升基层干部业务能力。',
  indicators: goodIndicators(),
  ...overrides,
})

/** The project as rules receive it. */
export function projectInput(overrides: Partial<ProjectText> = {}, number = 1, year: number | null = 2023): ProjectInput {
  const text = goodProject(overrides)
  const model = modelFromText({ title: '', subtitle: '', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects: [text] }).projects[0]!
  return { model, text, number, year }
}

/** The good indicators with row `row` (0-based) changed. */
export function withIndicator(row: number, change: Partial<IndicatorText>): IndicatorText[] {
  return goodIndicators().map((indicator, i) => (i === row ? { ...indicator, ...change } : indicator))
}
