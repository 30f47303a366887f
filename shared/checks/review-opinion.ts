/**
 * The drafted 审核意见: what a 财政局 writes after 绩效目标审核 — one grade
 * and opinion per project (the grade decides that project's money), the
 * problems common to several projects named once, the changes required and
 * suggested with their rows, and what the department does next. Grades
 * follow written criteria (OPINION.md), never a count of findings:
 *
 * - every finding is a fault of a class — `blocking` (the target cannot
 *   stand: a field missing, 是/否 where a target belongs, a sum or a date
 *   that is impossible), `material` (the target is there but cannot be
 *   assessed or does not measure this money: the department must change
 *   it) or `minor` (the bureau can settle it with the department: a row
 *   filed under the wrong 二级, a missing 依据) — bearing on one of the
 *   four criteria of 财预〔2015〕88号: 完整性, 相关性, 适当性, 可行性;
 * - a criterion is 符合 with no fault, 基本符合 with minor ones, 部分符合
 *   with a material one, 不符合 with a blocking one;
 * - a project is 差 when its table sets no target for its money (no
 *   indicators, no 绩效目标, no 预算数: nothing to amend), 中 when a
 *   criterion is 部分符合 or 不符合 (修改后重新报送), 良 when only 基本符合
 *   (协商完善后进入预算安排), 优 otherwise (notes do not count).
 *
 * Pure: the date and the region's rules come in as options.
 */
import type { BudgetDocument, Project } from '../model/budget-document'
import type { Finding } from './finding'
import { namesOwnRow } from './names-own-row'
import { departmentTotal, projectsLeftOut } from './rules/arithmetic'
import { BUDGET_NOT_READ } from './total-leaves-out'
import { wanText } from '../model/amounts'

export const CRITERIA = ['完整性', '相关性', '适当性', '可行性'] as const
export type Criterion = (typeof CRITERIA)[number]
export type Grade = '优' | '良' | '中' | '差'
export type FaultClass = 'blocking' | 'material' | 'minor'
export type Level = '符合' | '基本符合' | '部分符合' | '不符合'

const GRADES: Grade[] = ['优', '良', '中', '差']
const LEVEL_OF_CLASS: Record<FaultClass, Level> = { minor: '基本符合', material: '部分符合', blocking: '不符合' }
const LEVELS: Level[] = ['符合', '基本符合', '部分符合', '不符合']

interface RuleReading {
  criterion: Criterion
  /** The fault as a reviewer names it in the 总体意见. */
  problem: string
  /** The class of a warning from this rule; an error is always blocking. */
  warning: FaultClass
}

/** How each rule's findings are read (the longest matching prefix wins); OPINION.md explains each line. */
const READING: [prefix: string, reading: RuleReading][] = [
  ['completeness', { criterion: '完整性', problem: '绩效目标表要素填写不全', warning: 'material' }],
  ['indicator', { criterion: '完整性', problem: '指标体系不完整', warning: 'material' }],
  ['indicator.output-coverage', { criterion: '完整性', problem: '产出指标未覆盖数量、质量、时效、成本', warning: 'minor' }],
  ['indicator.level-mismatch', { criterion: '完整性', problem: '一级、二级指标对应有误', warning: 'minor' }],
  ['hygiene', { criterion: '完整性', problem: '指标值确定依据未填写或指标重复', warning: 'minor' }],
  ['relevance.goal-is-usage', { criterion: '完整性', problem: '绩效目标照抄资金用途，未写明产出和效果', warning: 'material' }],
  ['relevance.vague-goal', { criterion: '完整性', problem: '绩效目标笼统，未写明年内要达到的产出和效果', warning: 'material' }],
  ['relevance', { criterion: '相关性', problem: '指标与资金用途不相关', warning: 'material' }],
  ['relevance.copied-rows', { criterion: '相关性', problem: '多个项目照搬相同指标', warning: 'minor' }],
  ['relevance.goal-indicators', { criterion: '相关性', problem: '绩效目标与指标值不一致', warning: 'material' }],
  ['misfiled', { criterion: '相关性', problem: '指标归类与内容不符', warning: 'minor' }],
  ['misfiled.process-measure', { criterion: '相关性', problem: '以资金到位、支付等预算执行过程指标代替产出、成本和效益指标', warning: 'material' }],
  ['arithmetic', { criterion: '适当性', problem: '预算数计算有误', warning: 'minor' }],
  ['cost', { criterion: '适当性', problem: '成本指标未写明控制金额，无法判断资金规模与目标是否匹配', warning: 'material' }],
  ['direction', { criterion: '适当性', problem: '指标值方向或水平不当（成本、负向指标应为上限，满意度应为可达到的下限）', warning: 'material' }],
  ['levels', { criterion: '适当性', problem: '目标值偏低，与资金规模不匹配', warning: 'material' }],
  ['quantification', { criterion: '可行性', problem: '指标值未细化量化，年终无法考核', warning: 'material' }],
  ['dates', { criterion: '可行性', problem: '时间节点不在预算年度内', warning: 'material' }],
  ['spending-plan', { criterion: '可行性', problem: '资金支出计划不合理', warning: 'material' }],
  ['money-units', { criterion: '适当性', problem: '金额单位不一致或金额与单位不相称', warning: 'material' }],
  ['review.half-decided', { criterion: '完整性', problem: '修订未处理完，新旧数字连写', warning: 'material' }],
]

const readingEntry = (rule: string) => READING.filter(([prefix]) => rule === prefix || rule.startsWith(`${prefix}.`)).sort((a, b) => b[0].length - a[0].length)[0]

/** Whether the opinion knows how to read a rule's findings (every rule should: a test holds the registry to it). */
export const isRead = (rule: string): boolean => readingEntry(rule) !== undefined

export function readingOf(rule: string): RuleReading {
  return readingEntry(rule)?.[1] ?? { criterion: '适当性', problem: '其他问题', warning: 'material' }
}

export const criterionOf = (rule: string): Criterion => readingOf(rule).criterion

/** A misfiled value (a 时效 that is no time) cannot be assessed; a row under the wrong 二级 only needs moving. */
export function classOf(finding: Finding): FaultClass | null {
  if (finding.severity === 'info') return null
  if (finding.severity === 'error') return 'blocking'
  if (finding.rule === 'misfiled' && finding.field === 'value') return 'material'
  return readingOf(finding.rule).warning
}

export interface CriterionJudgement {
  criterion: Criterion
  level: Level
  /** The problems that decided it, as named in the 总体意见; empty when 符合. */
  problems: string[]
}

export interface ProjectOpinion {
  number: number
  name: string
  budget: number | null
  grade: Grade
  /** Why the grade, in the criteria's words. */
  because: string
  criteria: CriterionJudgement[]
  /** Changes the department must make (blocking and material faults), each naming its rows. */
  required: string[]
  /** Changes the bureau suggests (minor faults). */
  suggested: string[]
}

export interface CommonProblem {
  problem: string
  /** What to do, each piece once. */
  advice: string[]
  projects: number[]
}

export interface ReviewOpinion {
  title: string
  addressee: string
  basis: string
  /** The opening: the basis, what was reviewed and how. */
  opening: string
  /** 总体意见: one sentence, followed by the problems common to two or more projects, each named once. */
  overall: string
  common: CommonProblem[]
  projects: ProjectOpinion[]
  /** Changes to Part 1 and the document as a whole. */
  documentChanges: { required: string[]; suggested: string[] }
  /** The document's grade: the lowest of its projects and of Part 1. */
  conclusion: Grade
  passes: boolean
  resubmitBy: string | null
  reviewer: string
  date: string
}

export interface OpinionOptions {
  /** The day of the opinion, `YYYY-MM-DD`. */
  date: string
  /** The day the department must resubmit by; by default a week after `date`. */
  resubmitBy?: string
  /** The 绩效目标管理办法 the region applies; 财预〔2015〕88号 is always cited with it. */
  basis?: string
  /** 审核单位; by default read from the document's 审核 line ("山海关区财政局审核"). */
  reviewer?: string
}

export const NATIONAL_BASIS = '《中央部门预算绩效目标管理办法》（财预〔2015〕88号）'
const RESUBMIT_DAYS = 7

/** `2026-12-06` → `2026年12月6日`. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** A message reads "what is wrong：the advice"; the advice is what several rows or projects share. */
function splitMessage(message: string): { what: string; advice: string } {
  const at = message.indexOf('：')
  return at < 0 ? { what: message, advice: '' } : { what: message.slice(0, at), advice: message.slice(at + 1) }
}

const worst = <T>(order: T[], items: T[], none: T): T => items.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), none)

/** No target is set for the money: nothing to amend, the table is to be written. */
function setsNoTarget(project: Project): string | null {
  if (project.indicators.length === 0) return '未设置任何绩效指标'
  if (project.goal.trim() === '') return '未填写绩效目标'
  if (project.budget.total === null) return '预算数未填写或不是数字'
  return null
}

const GRADE_BECAUSE: Record<Exclude<Grade, '差'>, string> = {
  优: '四项审核内容均符合要求',
  良: '存在个别需完善之处，不影响绩效目标的考核',
  中: '部分绩效目标或指标须修改后才能据以考核',
}

function judge(project: Project, findings: Finding[]): Pick<ProjectOpinion, 'grade' | 'because' | 'criteria'> {
  const criteria = CRITERIA.map((criterion): CriterionJudgement => {
    const faults = findings.filter((f) => classOf(f) !== null && criterionOf(f.rule) === criterion)
    const level = worst(LEVELS, faults.map((f) => LEVEL_OF_CLASS[classOf(f)!]), '符合')
    return { criterion, level, problems: [...new Set(faults.map((f) => readingOf(f.rule).problem))] }
  })
  const empty = setsNoTarget(project)
  if (empty) return { grade: '差', because: `${empty}，无法据以安排预算`, criteria }
  const lowest = worst(LEVELS, criteria.map((c) => c.level), '符合')
  const grade: Grade = lowest === '符合' ? '优' : lowest === '基本符合' ? '良' : '中'
  return { grade, because: GRADE_BECAUSE[grade], criteria }
}

type Keyed = Finding & { what: string; advice: string }

/** Rows named as the reader finds them: 第 1 行“name”. */
function rowsNamed(project: Project | undefined, rows: number[]): string {
  const named = rows.map((row) => {
    const name = project?.indicators[row - 1]?.level3.trim()
    return name ? `第 ${row} 行“${name.length > 16 ? `${name.slice(0, 16)}…` : name}”` : `第 ${row} 行`
  })
  return named.join('、')
}

/** 一、二、… for the items of the 总体意见. */
export const chineseNumber = (n: number): string => {
  const digits = '〇一二三四五六七八九'
  if (n <= 10) return n === 10 ? '十' : digits[n]!
  return n < 20 ? `十${digits[n - 10]}` : `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`
}

/**
 * A project's changes: findings with the same rule and advice become one
 * item naming their rows; where the 总体意见 gives the advice, the item
 * points there instead of saying it again.
 */
function changesOf(project: Project | undefined, findings: Keyed[], commonAt: (f: Keyed) => number): { required: string[]; suggested: string[] } {
  const groups = new Map<string, Keyed[]>()
  for (const f of findings) {
    if (classOf(f) === null) continue
    const key = `${classOf(f) === 'minor' ? 's' : 'r'}|${f.rule}|${f.advice}`
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  const required: string[] = []
  const suggested: string[] = []
  for (const [key, group] of groups) {
    const first = group[0]!
    const rows = [...new Set(group.flatMap((f) => (f.indicator === null ? [] : [f.indicator])))]
    // A finding that names its own rows (a process measure, a note over several rows) needs no row in front.
    const single = rows.length === 1 && !namesOwnRow({ indicator: rows[0]!, message: first.what }) ? `第 ${rows[0]} 行：` : ''
    const what = rows.length > 1 ? `${rowsNamed(project, rows)}：${readingOf(first.rule).problem}` : `${single}${first.what}`
    const at = commonAt(first)
    const advice = at >= 0 ? `（见总体意见（${chineseNumber(at + 1)}））` : first.advice === '' ? '' : `${rows.length > 1 ? '；' : '：'}${first.advice}`
    ;(key.startsWith('s') ? suggested : required).push(`${what}${advice}`)
  }
  return { required, suggested }
}

/** 审核单位 from the document's 审核 line: "山海关区财政局审核" → "山海关区财政局". */
const reviewerOf = (doc: BudgetDocument) => doc.reviewedBy.replace(/审核$/, '').trim() || '财政局'

export function draftOpinion(doc: BudgetDocument, findings: readonly Finding[], options: OpinionOptions): ReviewOpinion {
  const keyed: Keyed[] = findings.map((f) => ({ ...f, ...splitMessage(f.message) }))
  // A problem is common when the same advice is given in two or more projects: said once, in the 总体意见.
  const projectsOf = new Map<string, Set<number>>()
  for (const f of keyed) {
    if (f.project === null || classOf(f) === null || f.advice === '') continue
    const key = `${f.rule}|${f.advice}`
    projectsOf.set(key, (projectsOf.get(key) ?? new Set()).add(f.project))
  }
  const commonKeys = new Set([...projectsOf].filter(([, projects]) => projects.size >= 2).map(([key]) => key))
  // Named once each, in the order first met; one problem may carry several pieces of advice (数量 wants a count, 效益 a checkable effect).
  const common: CommonProblem[] = []
  for (const key of commonKeys) {
    const rule = key.slice(0, key.indexOf('|'))
    const advice = key.slice(key.indexOf('|') + 1)
    const problem = readingOf(rule).problem
    const entry = common.find((c) => c.problem === problem) ?? common[common.push({ problem, advice: [], projects: [] }) - 1]!
    entry.advice.push(advice)
    entry.projects = [...new Set([...entry.projects, ...projectsOf.get(key)!])].sort((a, b) => a - b)
  }
  const commonAt = (f: Keyed) => (f.project !== null && commonKeys.has(`${f.rule}|${f.advice}`) ? common.findIndex((c) => c.problem === readingOf(f.rule).problem) : -1)
  const projects = doc.projects.map((project, i): ProjectOpinion => {
    const here = keyed.filter((f) => f.project === i + 1)
    return { number: i + 1, name: project.name || '（未命名项目）', budget: project.budget.total, ...judge(project, here), ...changesOf(project, here, commonAt) }
  })
  const documentFindings = keyed.filter((f) => f.project === null)
  const documentChanges = changesOf(undefined, documentFindings, () => -1)
  const documentGrade: Grade = documentChanges.required.length > 0 ? '中' : documentChanges.suggested.length > 0 ? '良' : '优'
  const conclusion = worst(GRADES, [documentGrade, ...projects.map((p) => p.grade)], '优')
  const passes = conclusion === '优' || conclusion === '良'
  const year = doc.year ? `${doc.year}年度` : ''
  // One project's 申报表 from another region is a 项目支出 target, not the department's document.
  const what = doc.projects.length > 0 && doc.projects.every((p) => p.layout === 'project-form') ? '项目支出绩效目标' : '部门预算绩效目标'
  const total = departmentTotal(doc)
  // A total that leaves a project out says so here too: the letter goes to the department and into the Word file.
  const leftOut = projectsLeftOut(doc)
  const unread = leftOut > 0 ? `，另有 ${leftOut} 个项目的${BUDGET_NOT_READ}，未计入` : ''
  const basis = options.basis ? `${options.basis}和${NATIONAL_BASIS}` : `${NATIONAL_BASIS}和本地区预算绩效管理有关规定`
  const opening =
    `根据${basis}，我局对你单位报送的${year}${what}（${doc.projects.length} 个项目，预算合计 ${wanText(total)} 万元${unread}）进行了审核，` +
    '从完整性、相关性、适当性、可行性四个方面逐项审核，现将审核意见函告如下。'
  const overall =
    common.length > 0
      ? '绩效目标已按要求编报，但存在以下共性问题，请在各项目中一并修改：'
      : conclusion === '优'
        ? '绩效目标编报规范，完整、相关、适当、可行，符合审核要求。'
        : `${doc.projects.length > 1 ? '未发现多个项目共有的问题，各项目' : ''}需修改完善之处见第二部分。`
  return {
    title: `关于${doc.title || '你单位'}${year}${what}的审核意见`,
    addressee: doc.title || '你单位',
    basis,
    opening,
    overall,
    common,
    projects,
    documentChanges,
    conclusion,
    passes,
    resubmitBy: passes ? null : (options.resubmitBy ?? addDays(options.date, RESUBMIT_DAYS)),
    reviewer: options.reviewer ?? reviewerOf(doc),
    date: options.date,
  }
}
