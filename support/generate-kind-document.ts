/**
 * Generated 绩效自评 and 绩效运行监控 documents holding what their forms hold
 * (`shared/formats/kind-forms/`): per project 项目名称, 主管部门, 实施单位, the
 * funds, 年度总体目标 and its 完成情况, and indicators with the kind's
 * columns — random but plausible, every 一级/二级 written, so each form
 * represents every generated document exactly. `withDerived` is the same
 * document with the figures the forms write as the model computes them.
 */
import type { DocumentText, IndicatorText, ProjectText } from '@shared/model/document-text'
import { CAUSES, LIKELIHOODS } from '@shared/monitoring/monitoring-choices'
import { derivedCells } from '@shared/formats/kind-forms/derived-cells'
import { LEVEL2_BY_LEVEL1, type Level1 } from '@shared/schema/taxonomy'
import { words } from './generate-document'
import type { Random } from './random'

type Kind = 'self-evaluation' | 'monitoring'

const VALUES: readonly [string, string][] = [['≥90%', '92%'], ['100%', '98%'], ['≤10个工作日', '8个工作日'], ['≥800人', '700人'], ['显著提升', '达成预期指标'], ['按计划实施', '部分完成'], ['12次', '12次']]
const LEVEL1S: Level1[] = ['产出指标', '产出指标', '效益指标', '满意度指标']

function indicator(random: Random, kind: Kind, level1: Level1): IndicatorText {
  const [value, actual] = random.pick(VALUES)
  const base = { level1, level2: random.pick(LEVEL2_BY_LEVEL1[level1]), level3: words(random, 2, 12), description: '', value, basis: '' }
  if (kind === 'self-evaluation') {
    return { ...base, score: random.chance(0.5) ? String(5 + random.int(20)) : '', actual, earned: random.chance(0.3) ? String(random.int(10)) : '', deviation: random.chance(0.4) ? words(random, 4, 30) : '' }
  }
  return {
    ...base, actual: random.chance(0.8) ? actual : '', forecast: random.chance(0.8) ? value : '', likelihood: random.chance(0.8) ? random.pick(LIKELIHOODS) : '',
    cause: random.chance(0.5) ? random.pick(CAUSES) : '', measure: random.chance(0.5) ? words(random, 4, 30) : '',
  }
}

function project(random: Random, kind: Kind): ProjectText {
  const budget = (1 + random.int(100000)) / 100
  const executed = Math.round(budget * random.int(110)) / 100
  const initial = random.chance(0.8) ? budget.toFixed(2) : ''
  return {
    unitCode: '', unitName: '', moneyUnit: random.chance(0.8) ? '万元' : '元', code: '', name: `${words(random, 4, 16)}项目`,
    budgetTotal: initial || budget.toFixed(2), budgetFiscal: '', budgetOther: '', usage: '', spendingPlan: [],
    goal: `${words(random, 8, 60)}。`,
    indicators: Array.from({ length: 1 + random.int(8) }, (_, i) => indicator(random, kind, LEVEL1S[Math.min(i, LEVEL1S.length - 1)]!)),
    details: { department: `${words(random, 2, 6)}局`, implementer: random.chance(0.9) ? `${words(random, 2, 8)}中心` : '', manager: '', period: '', periodGoal: '' },
    funds: { initial, budget: budget.toFixed(2), executed: random.chance(0.9) ? executed.toFixed(2) : '', rate: '', points: kind === 'self-evaluation' ? '10' : '', earned: '' },
    achieved: random.chance(0.9) ? `${words(random, 8, 60)}。` : '',
    ...(kind === 'self-evaluation' ? { total: '' } : {}),
  }
}

export function generateKindDocument(random: Random, kind: Kind, projects: number): DocumentText {
  const department = words(random, 2, 6)
  return {
    kind, ...(kind === 'monitoring' ? { asOf: random.pick(['6月', '2026年1-6月', '9月']) } : {}),
    title: `${department}部门`, subtitle: `2026年部门预算绩效${kind === 'monitoring' ? '运行监控' : '自评'}`, preparedBy: `${department}部门编制`, reviewedBy: '某某区财政局审核',
    goals: [], subGoals: [], safeguards: [],
    projects: Array.from({ length: projects }, () => project(random, kind)),
  }
}

/** The document with 执行率, 分值, 得分 and 总分 as the forms write them: as the model computes them. */
export function withDerived(doc: DocumentText): DocumentText {
  const derived = derivedCells(doc)
  return {
    ...doc,
    projects: doc.projects.map((p, i) => {
      const d = derived[i]!
      const selfEvaluation = doc.kind === 'self-evaluation'
      return {
        ...p,
        funds: { ...p.funds!, rate: d.rate, ...(selfEvaluation ? { points: d.fundsPoints, earned: d.fundsEarned } : {}) },
        indicators: p.indicators.map((indicator, k) => (selfEvaluation ? { ...indicator, score: d.points[k]!, earned: d.earned[k]! } : indicator)),
        ...(selfEvaluation ? { total: d.total } : {}),
      }
    }),
  }
}
