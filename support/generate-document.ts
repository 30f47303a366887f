/**
 * Generated documents for round-trip tests and benchmarks: any number of
 * projects, random but plausible text, every 一级/二级 from the taxonomy or
 * one of its aliases. Paragraphs end a sentence and no field is empty
 * where the published layout cannot show emptiness, so the text format
 * can represent every generated document exactly.
 */
import type { DocumentText, IndicatorText, ProjectText } from '@shared/model/document-text'
import { LEVEL2_BY_LEVEL1, type Level1 } from '@shared/schema/taxonomy'
import type { Random } from './random'

const CHARS = '推进工作建设管理社会治理服务保障资金项目完成提升落实开展安全稳定群众发展监督考核宣传教育基层平安质量效益年度计划'
const LEVEL2_WRITTEN: Record<string, readonly string[]> = { 时效指标: ['时效指标', '进度指标'], 生态效益指标: ['生态效益指标', '环境效益指标'] }
const VALUES = ['≥90%', '100%', '=100%', '≤10个工作日', '1600元/亩', '显著提升', '是/否', '≥**%', '按计划实施', '12次', '']

export function words(random: Random, min: number, max: number): string {
  const length = min + random.int(max - min + 1)
  return Array.from({ length }, () => random.pick([...CHARS])).join('')
}

const sentence = (random: Random) => `${words(random, 8, 60)}。`

function indicator(random: Random, level1: Level1): IndicatorText {
  const level2 = random.pick(LEVEL2_BY_LEVEL1[level1])
  return {
    level1,
    level2: random.pick(LEVEL2_WRITTEN[level2] ?? [level2]),
    level3: words(random, 2, 12),
    description: words(random, 0, 30),
    value: random.pick(VALUES),
    basis: random.chance(0.8) ? '年度工作计划' : words(random, 0, 20),
  }
}

export function generateProject(random: Random, index: number): ProjectText {
  const fiscal = random.int(100000) / 100
  const other = random.chance(0.3) ? random.int(5000) / 100 : null
  const dates = random.chance(0.8) ? ['3月底', '6月底', '10月底', '12月底'] : ['6月底', '9月底', '11月底', '12月底', '12月31日'].slice(random.int(3))
  let percent = 0
  const level1s: Level1[] = ['产出指标', '产出指标', '产出指标', '效益指标', random.chance(0.3) ? '满意度指标' : '效益指标']
  return {
    unitCode: String(216001 + (index % 3)),
    unitName: `${words(random, 2, 6)}部门${words(random, 2, 8)}`,
    moneyUnit: '万元',
    code: `13030322P${String(4040100000 + index).padStart(11, '0')}${random.pick(['A', 'D', 'G'])}`,
    name: `${words(random, 4, 16)}经费`,
    budgetTotal: ((fiscal * 100 + (other ?? 0) * 100) / 100).toFixed(2),
    budgetFiscal: fiscal.toFixed(2),
    budgetOther: other === null ? '' : other.toFixed(2),
    usage: sentence(random),
    spendingPlan: dates.map((label, i) => {
      percent = i === dates.length - 1 ? 100 : Math.min(100, percent + random.int(40))
      return { label, percent: `${percent}%` }
    }),
    goal: sentence(random),
    indicators: Array.from({ length: 1 + random.int(8) }, (_, i) => indicator(random, level1s[Math.min(i, level1s.length - 1)]!)),
  }
}

export function generateDocument(random: Random, projects: number): DocumentText {
  return {
    title: `${words(random, 2, 6)}部门`,
    subtitle: `${2020 + random.int(6)}年部门预算绩效文本`,
    preparedBy: `${words(random, 2, 6)}部门编制`,
    reviewedBy: '山海关区财政局审核',
    goals: Array.from({ length: 1 + random.int(8) }, (_, i) => `${'一二三四五六七八九'[i]}是${sentence(random)}`),
    subGoals: Array.from({ length: random.int(6) }, (_, i) => ({
      title: `（${'一二三四五六'[i]}）${words(random, 3, 10)}`,
      duty: sentence(random),
      target: sentence(random),
    })),
    safeguards: Array.from({ length: 1 + random.int(4) }, (_, i) => `（${'一二三四'[i]}）${sentence(random)}`),
    projects: Array.from({ length: projects }, (_, i) => generateProject(random, i)),
  }
}
