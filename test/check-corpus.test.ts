/**
 * The check corpus (test/fixtures/checks/README.md): the sample with its
 * hand-written findings, and a good document spoiled once per rule
 * family. Reports recall (expected findings found) and false errors
 * (errors nobody expected) per rule, and wants every expected finding
 * found and nothing unexpected.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runChecks } from '@shared/checks/run-checks'
import { draftOpinion, type Grade } from '@shared/checks/review-opinion'
import { modelFromText } from '@shared/model/derive-model'
import type { Finding } from '@shared/checks/finding'
import type { DocumentText, IndicatorText, ProjectText } from '@shared/model/document-text'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { goodIndicators, goodProject } from './support/check-fixtures'
import { sampleText } from '../support/sample'
import { importFile } from '@shared/formats/registry'

type Expected = Pick<Finding, 'severity' | 'rule' | 'project' | 'indicator'>

const goodDocument = (projects: ProjectText[] = [goodProject()]): DocumentText => ({
  title: '某某部门',
  subtitle: '2023年部门预算绩效文本',
  preparedBy: '某某部门编制',
  reviewedBy: '某区财政局审核',
  goals: ['一是提升基层干部业务能力。'],
  subGoals: [{ title: '（一）基层干部培训', duty: '组织基层干部业务培训。', target: '全年培训不少于4场。' }],
  safeguards: ['（一）加强组织领导。'],
  projects,
})

const row = (i: number, change: Partial<IndicatorText>) => goodIndicators().map((r, n) => (n === i ? { ...r, ...change } : r))
const spoiled = (change: Partial<ProjectText>) => goodDocument([goodProject(change)])
const e = (severity: Finding['severity'], rule: string, project: number | null, indicator: number | null = null): Expected => ({ severity, rule, project, indicator })

const PLANTED: { name: string; doc: DocumentText; expected: Expected[] }[] = [
  { name: 'the good document', doc: goodDocument(), expected: [] },
  { name: 'a cost target above the budget', doc: spoiled({ indicators: row(3, { value: '≤15万元' }) }), expected: [e('error', 'cost', 1, 4)] },
  { name: 'a cost target in words', doc: spoiled({ indicators: row(3, { value: '按要求支出' }) }), expected: [e('warning', 'cost', 1, 4)] },
  { name: '成本 as its own 一级, above the budget (101号)', doc: spoiled({ indicators: row(3, { level1: '成本指标', level2: '经济成本指标', value: '≤20万元' }) }), expected: [e('error', 'cost', 1, 4)] },
  { name: 'an effect that cannot be measured', doc: spoiled({ indicators: row(4, { value: '进一步保障' }) }), expected: [e('warning', 'quantification', 1, 5)] },
  { name: 'a budget-process measure as an output', doc: spoiled({ indicators: row(1, { level3: '资金到位率', description: '财政资金到位的比例' }) }), expected: [e('warning', 'misfiled.process-measure', 1, 2)] },
  { name: 'a rate under 数量', doc: spoiled({ indicators: row(0, { level3: '培训覆盖率', value: '≥90%' }) }), expected: [e('warning', 'misfiled', 1, 1)] },
  { name: 'a date under 质量', doc: spoiled({ indicators: row(1, { value: '2023年6月底前' }) }), expected: [e('warning', 'misfiled', 1, 2)] },
  { name: 'a 时效 value that is no time', doc: spoiled({ indicators: row(2, { value: '按要求完成' }) }), expected: [e('warning', 'misfiled', 1, 3)] },
  {
    name: 'a purchase carrying indicators of work',
    doc: spoiled({ name: '车辆保险费', usage: '为公务车辆投保。', goal: '保障公务车辆正常使用。' }),
    // Part 1's 基层干部培训 is then served by no project.
    expected: [...[1, 2, 3, 5].map((i) => e('warning', 'relevance.unrelated', 1, i)), e('info', 'relevance.part-one-coverage', null)],
  },
  { name: 'a goal that repeats the usage', doc: spoiled({ goal: '组织基层干部业务培训。' }), expected: [e('warning', 'relevance.goal-is-usage', 1)] },
  {
    name: 'the same rows in three tables',
    doc: goodDocument([1, 2, 3].map((n) => goodProject({ name: `基层干部培训经费${n}`, code: `13030323P0040401000${n}D` }))),
    // Not the year-end deadline (row 3) nor the 满意度 (row 6): every project may share those.
    expected: [1, 2, 4, 5].map((i) => e('warning', 'relevance.copied-rows', 1, i)),
  },
  { name: 'a deadline after the budget year', doc: spoiled({ indicators: row(2, { value: '2024年12月底前' }) }), expected: [e('error', 'dates', 1, 3)] },
  {
    name: 'a spending plan out of order',
    doc: spoiled({ spendingPlan: [{ label: '6月底', percent: '50%' }, { label: '3月底', percent: '75%' }, { label: '12月底', percent: '100%' }] }),
    expected: [e('error', 'dates', 1)],
  },
  { name: 'no projects', doc: goodDocument([]), expected: [e('error', 'completeness.overall', null)] },
  { name: 'no 产出', doc: spoiled({ indicators: goodIndicators().filter((i) => i.level1 !== '产出指标') }), expected: [e('warning', 'indicator.no-output', 1)] },
  {
    name: 'money for people without 满意度',
    doc: spoiled({ name: '困难群众生活补助', usage: '为困难群众发放生活补助。', indicators: goodIndicators().filter((i) => i.level1 !== '满意度指标') }),
    expected: [e('warning', 'indicator.no-satisfaction', 1)],
  },
  { name: '是/否 as a target', doc: spoiled({ indicators: row(1, { value: '是/否' }) }), expected: [e('error', 'quantification', 1, 2)] },
  { name: 'a value copied from the description', doc: spoiled({ indicators: row(0, { value: '全年组织培训的场次' }) }), expected: [e('warning', 'quantification', 1, 1)] },
  { name: '预算数 not the sum', doc: spoiled({ budgetTotal: '12.00' }), expected: [e('error', 'arithmetic.budget-sum', 1)] },
  { name: '— in 其他资金', doc: spoiled({ budgetTotal: '10.00', budgetOther: '—' }), expected: [] },
  {
    name: 'a plan in fractions',
    doc: spoiled({ spendingPlan: ['0.25', '0.5', '0.75', '1'].map((percent, i) => ({ label: `${[3, 6, 10, 12][i]}月底`, percent })) }),
    expected: [],
  },
  { name: 'a stated total the projects do not add up to', doc: { ...goodDocument(), goals: ['部门预算合计 20.00 万元。'] }, expected: [e('error', 'arithmetic.department-total', null)] },
  { name: 'a stated total the projects add up to', doc: { ...goodDocument(), goals: ['部门预算合计：12.50万元。'] }, expected: [] },
  { name: 'a total cost written as a floor', doc: spoiled({ indicators: row(3, { value: '≥10万元' }) }), expected: [e('error', 'direction', 1, 4)] },
  { name: 'a 满意度 of 100%', doc: spoiled({ indicators: row(5, { value: '≥100%' }) }), expected: [e('warning', 'direction', 1, 6)] },
  { name: 'a 满意度 without %', doc: spoiled({ indicators: row(5, { value: '≥90' }) }), expected: [e('warning', 'direction', 1, 6)] },
  { name: 'an indicator of harm written as a floor', doc: spoiled({ indicators: row(1, { level3: '培训考核差错率', description: '考核差错人次占比', value: '≥2%' }) }), expected: [e('warning', 'direction', 1, 2)] },
  { name: 'a 满意度 filed as an effect', doc: spoiled({ indicators: row(4, { level3: '参训人员对培训的满意程度', value: '≥85%' }) }), expected: [e('warning', 'misfiled.kind', 1, 5)] },
  { name: '项目完成率 as 经济效益', doc: spoiled({ indicators: row(4, { level2: '经济效益指标', level3: '项目完成率', description: '完成培训计划的比例', value: '100%' }) }), expected: [e('warning', 'misfiled.kind', 1, 5)] },
  { name: '经济效益 for money that earns nothing', doc: spoiled({ indicators: row(4, { level2: '经济效益指标' }) }), expected: [e('warning', 'misfiled.kind', 1, 5)] },
  { name: 'an effect restating an output', doc: spoiled({ indicators: row(4, { level3: '培训场次', description: '全年组织培训的场次', value: '≥4次' }) }), expected: [e('warning', 'misfiled.kind', 1, 5)] },
  { name: 'a process measure under 成本', doc: spoiled({ indicators: row(3, { level3: '资金支付及时率', description: '资金支付的及时程度', value: '≥90%' }) }), expected: [e('warning', 'misfiled.process-measure', 1, 4)] },
  { name: 'a count without its unit', doc: spoiled({ indicators: row(0, { value: '4' }) }), expected: [e('warning', 'quantification', 1, 1)] },
  { name: 'a rate written as a sentence', doc: spoiled({ indicators: row(1, { value: '严格把关培训考核' }) }), expected: [e('warning', 'quantification', 1, 2)] },
  { name: 'a 合格率 set too low', doc: spoiled({ indicators: row(1, { value: '≥60%' }) }), expected: [e('warning', 'levels', 1, 2)] },
  { name: 'a deadline in an earlier year', doc: spoiled({ indicators: row(2, { value: '2022年12月底前' }) }), expected: [e('error', 'dates', 1, 3)] },
  {
    name: 'a deadline within a declared 实施期 that crosses the year',
    doc: spoiled({ details: { department: '', implementer: '', manager: '', period: '2023.07-2024.01', periodGoal: '' }, indicators: row(2, { value: '2024年1月底前' }) }),
    expected: [],
  },
  { name: 'a vague 绩效目标', doc: spoiled({ goal: '持续推进基层干部培训各项工作。' }), expected: [e('warning', 'relevance.vague-goal', 1)] },
  { name: 'a goal contradicting its 数量', doc: spoiled({ goal: '全年组织培训12场次，提升基层干部业务能力。', indicators: row(0, { value: '≥6场次' }) }), expected: [e('warning', 'relevance.goal-indicators', 1, 1)] },
  { name: 'a total written 共安排项目支出预算', doc: { ...goodDocument(), goals: ['2023年共安排项目支出预算 120.00 万元。'] }, expected: [e('error', 'arithmetic.department-total', null)] },
  { name: 'a total written 共安排项目支出预算 that adds up', doc: { ...goodDocument(), goals: ['2023年共安排项目支出预算12.50万元。'] }, expected: [] },
  {
    name: 'a 分项 no project serves',
    doc: { ...goodDocument(), subGoals: [...goodDocument().subGoals, { title: '（二）档案数字化', duty: '档案管理。', target: '完成数字化。' }] },
    expected: [e('info', 'relevance.part-one-coverage', null)],
  },
]

const CORPUS = [
  { name: 'the sample (zhengfawei-2022)', doc: parsePublishedText(sampleText()), expected: JSON.parse(readFileSync(new URL('./fixtures/checks/zhengfawei-2022.expected.json', import.meta.url), 'utf8')) as Expected[] },
  {
    // One project's 申报表 from another region: judged against the fields it has (no 项目编码, 资金用途, 资金支出计划, 第一部分, 依据 column needed) and its 实施期 crossing the year.
    name: 'Xiangtan’s form (regional)',
    doc: await readRegional('xiangtan-wupaoche-2023.txt'),
    expected: [e('info', 'quantification', 1, 3), e('warning', 'misfiled.kind', 1, 6)],
  },
  {
    // Its 财政拨款 cell is written "854万854万(…)" in the source page itself: no number, said so.
    name: 'Yueyang’s form (regional)',
    doc: await readRegional('hunan-yueyang-gaobiaozhun-nongtian-2022.txt'),
    expected: [e('error', 'arithmetic.budget-sum', 1), e('info', 'quantification', 1, 4)],
  },
  {
    name: 'the 养老 form as Word (regional)',
    doc: await readRegional('yanglao-2024.docx'),
    expected: [e('warning', 'indicator.output-coverage', 1), e('warning', 'quantification', 1, 4)],
  },
  ...PLANTED,
]

async function readRegional(name: string): Promise<DocumentText> {
  const result = await importFile(readFileSync(new URL(`./fixtures/formats/regional/${name}`, import.meta.url)))
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

const key = (f: Expected) => `${f.severity}|${f.rule}|${f.project}|${f.indicator}`

interface Tally {
  expected: number
  found: number
  unexpected: number
  falseErrors: number
}

function tally(): Map<string, Tally> {
  const perRule = new Map<string, Tally>()
  const of = (rule: string) => perRule.get(rule) ?? perRule.set(rule, { expected: 0, found: 0, unexpected: 0, falseErrors: 0 }).get(rule)!
  for (const { doc, expected } of CORPUS) {
    const actual = runChecks(doc).map(key)
    const left = [...actual]
    for (const want of expected) {
      const t = of(want.rule)
      t.expected++
      const at = left.indexOf(key(want))
      if (at >= 0) {
        t.found++
        left.splice(at, 1)
      }
    }
    for (const extra of left) {
      const [severity, rule] = extra.split('|') as [string, string]
      const t = of(rule)
      t.unexpected++
      if (severity === 'error') t.falseErrors++
    }
  }
  return perRule
}

describe('the check corpus', () => {
  it.each(CORPUS.map((c) => [c.name, c] as const))('%s: exactly the expected findings', (_, { doc, expected }) => {
    expect(runChecks(doc).map(key).sort()).toEqual(expected.map(key).sort())
  })

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s: no cell is given two findings', (_, { doc }) => {
    const cells = runChecks(doc).filter((f) => f.indicator !== null).map((f) => `${f.project}|${f.indicator}|${f.field}`)
    expect(cells.filter((cell, i) => cells.indexOf(cell) !== i)).toEqual([])
  })

  it('recall 100% and no false errors for every rule', () => {
    const perRule = tally()
    const rows = [...perRule].sort().map(([rule, t]) => `${rule.padEnd(28)} recall ${t.found}/${t.expected}  unexpected ${t.unexpected}  false errors ${t.falseErrors}`)
    console.log(`check corpus (${CORPUS.length} documents):\n${rows.join('\n')}`)
    for (const [rule, t] of perRule) {
      expect(t.found, `${rule} recall`).toBe(t.expected)
      expect(t.falseErrors, `${rule} false errors`).toBe(0)
    }
  })
})

/**
 * The graded set for the drafted 审核意见 (shared/checks/OPINION.md):
 * documents a reviewer would grade 优, 良, 中 and 差, each by a different
 * road to its grade.
 */
const GRADED: { name: string; doc: DocumentText; grade: Grade }[] = [
  { name: 'the good document', doc: goodDocument(), grade: '优' },
  { name: 'a missing 依据', doc: spoiled({ indicators: row(0, { basis: '' }) }), grade: '良' },
  { name: 'every 依据 missing', doc: spoiled({ indicators: goodIndicators().map((i) => ({ ...i, basis: '' })) }), grade: '良' },
  { name: 'a 满意度 filed as an effect', doc: spoiled({ indicators: row(4, { level3: '参训人员对培训的满意程度', value: '≥85%' }) }), grade: '良' },
  { name: 'one 是/否', doc: spoiled({ indicators: row(1, { value: '是/否' }) }), grade: '中' },
  { name: 'a cost above the budget', doc: spoiled({ indicators: row(3, { value: '≤15万元' }) }), grade: '中' },
  { name: 'an unmeasurable effect', doc: spoiled({ indicators: row(4, { value: '进一步保障' }) }), grade: '中' },
  { name: 'a vague goal', doc: spoiled({ goal: '持续推进基层干部培训各项工作。' }), grade: '中' },
  { name: 'a 满意度 of 100%', doc: spoiled({ indicators: row(5, { value: '=100%' }) }), grade: '中' },
  { name: 'the sample', doc: parsePublishedText(sampleText()), grade: '中' },
  { name: 'no indicators', doc: spoiled({ indicators: [] }), grade: '差' },
  { name: 'no 绩效目标', doc: spoiled({ goal: '' }), grade: '差' },
]

describe('the graded set for the 审核意见', () => {
  it('grades every document as a reviewer would', () => {
    const results = GRADED.map(({ name, doc, grade }) => ({ name, want: grade, got: draftOpinion(modelFromText(doc), runChecks(doc), { date: '2023-03-01' }).conclusion }))
    console.log(`graded set (${results.length} documents):\n${results.map((r) => `${r.want} ${r.got === r.want ? '=' : '≠'} ${r.got}  ${r.name}`).join('\n')}`)
    expect(results.filter((r) => r.got !== r.want)).toEqual([])
    expect(new Set(results.map((r) => r.want))).toEqual(new Set(['优', '良', '中', '差']))
  })
})
