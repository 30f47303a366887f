import { describe, expect, it } from 'vitest'
import { sampleText } from '../../support/sample'
import { goodIndicators, goodProject, withIndicator } from '../../test/support/check-fixtures'
import { parsePublishedText } from '../formats/published-text/import'
import { modelFromText } from '../model/derive-model'
import type { DocumentText, ProjectText } from '../model/document-text'
import type { Finding } from './finding'
import { classOf, criterionOf, draftOpinion, isRead, type OpinionOptions } from './review-opinion'
import { DOCUMENT_RULES, PROJECT_RULES } from './run-checks'
import { opinionText } from './opinion-text'
import { runChecks } from './run-checks'

const DATE = { date: '2023-03-01' }
const document = (projects: ProjectText[], overrides: Partial<DocumentText> = {}): DocumentText => ({
  title: '某某部门', subtitle: '2023年部门预算绩效文本', preparedBy: '某某部门编制', reviewedBy: '某区财政局审核',
  goals: ['一是提升基层干部业务能力。'], subGoals: [{ title: '（一）基层干部培训', duty: '组织基层干部业务培训。', target: '全年培训不少于4场。' }], safeguards: ['（一）加强组织领导。'],
  projects, ...overrides,
})
const opinionOf = (text: DocumentText, options: OpinionOptions = DATE) => draftOpinion(modelFromText(text), runChecks(text), options)

describe('reading findings', () => {
  it('files each rule under the 88号 criterion it bears on', () => {
    expect(['completeness.project', 'relevance.unrelated', 'misfiled.process-measure', 'cost', 'levels', 'quantification', 'dates', 'spending-plan', 'relevance.vague-goal'].map(criterionOf)).toEqual([
      '完整性', '相关性', '相关性', '适当性', '适当性', '可行性', '可行性', '可行性', '完整性',
    ])
  })

  it('knows every rule of the registry', () => {
    expect([...PROJECT_RULES, ...DOCUMENT_RULES].map((r) => r.id).filter((id) => !isRead(id))).toEqual([])
  })

  it('classes a fault by what it does to the target, not by how many there are', () => {
    const f = (rule: string, severity: Finding['severity'], field: Finding['field'] = null): Finding => ({ rule, severity, project: 1, indicator: 1, field, message: '' })
    expect([f('quantification', 'error'), f('quantification', 'warning'), f('hygiene', 'warning'), f('misfiled', 'warning', 'level2'), f('misfiled', 'warning', 'value'), f('quantification', 'info')].map(classOf)).toEqual([
      'blocking', 'material', 'minor', 'minor', 'material', null,
    ])
  })
})

describe('grades by written criteria', () => {
  it('优: nothing to change — the money goes ahead, no resubmission', () => {
    const opinion = opinionOf(document([goodProject()]))
    expect(opinion).toMatchObject({ conclusion: '优', passes: true, resubmitBy: null })
    expect(opinion.projects[0]).toMatchObject({ grade: '优', required: [], suggested: [] })
    expect(opinion.projects[0]!.criteria.every((c) => c.level === '符合')).toBe(true)
  })

  it('良: only what the bureau settles with the department — however many such rows', () => {
    const noBasis = goodProject({ indicators: withIndicator(0, { basis: '' }) })
    const manyMinor = goodProject({ indicators: goodProject().indicators.map((i) => ({ ...i, basis: '' })) })
    for (const project of [noBasis, manyMinor]) {
      const opinion = opinionOf(document([project]))
      expect(opinion).toMatchObject({ conclusion: '良', passes: true, resubmitBy: null })
      expect(opinion.projects[0]!.required).toEqual([])
      expect(opinion.projects[0]!.suggested[0]).toContain('未填写指标值确定依据')
    }
  })

  it('中: a target that cannot be assessed — one 是/否 or five — goes back with a date; 可行性 is not 符合', () => {
    for (const rows of [[1], [0, 1, 2, 4, 5]]) {
      const indicators = goodProject().indicators.map((i, n) => (rows.includes(n) ? { ...i, value: '是/否' } : i))
      const opinion = opinionOf(document([goodProject({ indicators })]))
      expect(opinion).toMatchObject({ conclusion: '中', passes: false, resubmitBy: '2023-03-08' })
      expect(opinion.projects[0]!.criteria.find((c) => c.criterion === '可行性')!.level).toBe('不符合')
    }
  })

  it('差 only where the table sets no target for its money: no indicators, no goal', () => {
    expect(opinionOf(document([goodProject({ indicators: [] })])).projects[0]).toMatchObject({ grade: '差', because: expect.stringContaining('未设置任何绩效指标') })
    expect(opinionOf(document([goodProject({ goal: '' })])).projects[0]!.grade).toBe('差')
  })

  it('returns a document with five faults a reviewer must return, though each is of another kind', () => {
    const project = goodProject({
      name: '困难群众生活补助',
      usage: '为困难群众发放生活补助。',
      spendingPlan: [{ label: '6月底', percent: '50%' }, { label: '12月底', percent: '90%' }],
      indicators: [
        ...withIndicator(2, { value: '2024年6月底前' }).slice(0, 3),
        { ...goodProject().indicators[3]!, value: '≤15万元' },
        { ...goodProject().indicators[4]!, value: '是/否' },
      ],
    })
    const opinion = opinionOf(document([project]))
    expect(opinion).toMatchObject({ conclusion: '中', passes: false })
    expect(opinion.projects[0]!.required.length).toBeGreaterThanOrEqual(5)
  })

  it('gives each project its own grade; the conclusion is the lowest, and only the returned projects are named for resubmission', () => {
    const opinion = opinionOf(document([goodProject(), goodProject({ name: '档案整理经费', code: '13030323P00404010002D', indicators: withIndicator(1, { value: '是/否' }) })]))
    expect(opinion.projects.map((p) => p.grade)).toEqual(['优', '中'])
    expect(opinion.conclusion).toBe('中')
    const text = opinionText(opinion)
    expect(text).toContain('按必须修改意见对第二部分（二）项目的绩效目标修改完善后重新报送审核')
    expect(text).toContain('（一）项目同意按所报绩效目标安排预算')
  })
})

describe('rows named in a finding', () => {
  it('puts no row in front of a finding that names its own rows', () => {
    const noBasis = goodIndicators().map((i, n) => (n < 3 ? { ...i, basis: '' } : i))
    const written = opinionText(opinionOf(document([goodProject({ indicators: noBasis })])))
    expect(written).toContain('第 1、2、3 行未填写指标值确定依据')
    expect(written).not.toMatch(/第 1 行：第 1、2、3 行/)
  })
})

describe('a project’s form from another region', () => {
  it('is reviewed as a 项目支出 target, and a 良 is not called fully compliant', () => {
    const details = { department: '某局', implementer: '', manager: '', period: '', periodGoal: '' }
    const form = goodProject({ details, code: '', usage: '', spendingPlan: [], indicators: withIndicator(0, { basis: '' }) })
    const opinion = opinionOf(document([form], { goals: [], subGoals: [], safeguards: [] }))
    expect(opinion.conclusion).toBe('良')
    expect(opinion.title).toBe('关于某某部门2023年度项目支出绩效目标的审核意见')
    expect(opinion.overall).toBe('需修改完善之处见第二部分。')
  })
})

describe('on the sample', () => {
  const text = parsePublishedText(sampleText())
  const opinion = opinionOf(text, { date: '2022-03-01' })
  const written = opinionText(opinion)

  it('returns the document for changes (中), not 差: every project can be mended', () => {
    expect(opinion.conclusion).toBe('中')
    expect(opinion.projects.every((p) => p.grade === '中')).toBe(true)
    expect(opinion.resubmitBy).toBe('2022-03-08')
  })

  it('reads as a 财政局 writes it: addressee, basis, 总体意见, per project, resubmission, 审核单位 with the seal, date', () => {
    const order = ['关于政法委部门2022年度部门预算绩效目标的审核意见', '政法委部门：', '财预〔2015〕88号', '一、总体意见', '二、各项目审核意见', '（三）车辆保险费（预算 0.40 万元）', '三、审核结论及有关要求', '请于2022年3月8日前', '山海关区财政局（盖章）', '2022年3月1日']
    const at = order.map((part) => written.indexOf(part))
    expect(at.every((i) => i >= 0), order.filter((_, n) => at[n]! < 0).join()).toBe(true)
    expect(at).toEqual([...at].sort((a, b) => a - b))
  })

  it('says each piece of advice once and never grades by counting', () => {
    for (const advice of ['应填写具体目标值（如“≥95%”“12次”）', '数量指标应写明数量', '成本指标应写明成本控制的金额']) {
      expect(written.split(advice).length - 1, advice).toBe(1)
    }
    expect(written).not.toMatch(/个警告|个错误|及以上为/)
    expect(written).toContain('第 1 行“开展政法队伍教育整顿宣传”、第 3 行')
    expect(written).toContain('（一）指标值未细化量化，年终无法考核（各项目均存在）')
    expect(written).toContain('（四）绩效目标照抄资金用途，未写明产出和效果（涉及项目（三）（十一））')
  })

  it('a total that leaves a project out says so in the letter, and the project is named as not read', () => {
    const unread = { ...text, projects: text.projects.map((p, i) => (i === 2 ? { ...p, budgetTotal: '待定' } : p)) }
    const letter = opinionText(opinionOf(unread, { date: '2022-03-01' }))
    expect(letter).toContain('（11 个项目，预算合计 116.00 万元，另有 1 个项目的预算数未填、无法读出或待核对，未计入）进行了审核')
    expect(letter).toContain('（三）车辆保险费（预算数未填、无法读出或待核对）')
    expect(opinionText(opinionOf(text, { date: '2022-03-01' }))).toContain('（11 个项目，预算合计 116.40 万元）进行了审核')
  })

  it('cites the region’s own rules when given', () => {
    const regional = opinionOf(text, { date: '2022-03-01', basis: '《某市预算绩效目标管理办法》' })
    expect(opinionText(regional)).toContain('根据《某市预算绩效目标管理办法》和《中央部门预算绩效目标管理办法》（财预〔2015〕88号）')
  })
})
