/**
 * A drafted 审核意见: what a finance reviewer writes after 绩效目标审核,
 * drafted from the findings. Each finding bears on one of the four
 * criteria of 预算绩效目标审核 — 完整性 (everything a target table must
 * hold is there), 相关性 (the targets and indicators measure what this
 * money buys), 适当性 (targets are quantified and match the money), 可行性
 * (the targets and the spending plan can be met within the year) — and each
 * criterion is graded by one written rule:
 *
 *   差  three or more errors
 *   中  an error, or five or more warnings
 *   良  any warning
 *   优  none (notes do not count)
 *
 * The conclusion is the lowest grade of the four; 优 and 良 pass (良 with
 * the suggested changes), 中 and 差 go back to the department. The draft
 * lists, per project, the changes required (errors) and suggested
 * (warnings). It is a draft: the reviewer edits it and decides.
 */
import type { BudgetDocument } from '../model/budget-document'
import type { Finding } from './finding'

export const CRITERIA = ['完整性', '相关性', '适当性', '可行性'] as const
export type Criterion = (typeof CRITERIA)[number]
export type Grade = '优' | '良' | '中' | '差'

const GRADE_ORDER: Grade[] = ['优', '良', '中', '差']

/** Which criterion a rule's findings bear on, by rule id (the longest matching prefix wins). */
const CRITERION_OF_RULE: [prefix: string, criterion: Criterion][] = [
  ['completeness', '完整性'],
  ['indicator', '完整性'],
  ['hygiene', '完整性'],
  ['relevance', '相关性'],
  ['misfiled', '相关性'],
  ['cost', '适当性'],
  ['quantification', '适当性'],
  ['arithmetic', '适当性'],
  ['spending-plan', '可行性'],
  ['dates', '可行性'],
]

export function criterionOf(rule: string): Criterion {
  const match = CRITERION_OF_RULE.filter(([prefix]) => rule === prefix || rule.startsWith(`${prefix}.`)).sort((a, b) => b[0].length - a[0].length)[0]
  return match?.[1] ?? '适当性'
}

export interface CriterionGrade {
  criterion: Criterion
  grade: Grade
  /** The grading rule that gave the grade, in words. */
  because: string
  errors: number
  warnings: number
}

export function gradeOf(errors: number, warnings: number): { grade: Grade; because: string } {
  if (errors >= 3) return { grade: '差', because: `${errors} 个错误，3 个及以上为差` }
  if (errors >= 1) return { grade: '中', because: `${errors} 个错误，有错误为中` }
  if (warnings >= 5) return { grade: '中', because: `${warnings} 个警告，5 个及以上为中` }
  if (warnings >= 1) return { grade: '良', because: `${warnings} 个警告，有警告为良` }
  return { grade: '优', because: '没有错误和警告' }
}

export interface ProjectChanges {
  /** 1-based; null for Part 1 and the document as a whole. */
  project: number | null
  name: string
  required: string[]
  suggested: string[]
}

export interface ReviewOpinion {
  criteria: CriterionGrade[]
  conclusion: Grade
  passes: boolean
  changes: ProjectChanges[]
}

const where = (f: Finding) => (f.indicator !== null ? `第 ${f.indicator} 行：` : '')

export function draftOpinion(doc: BudgetDocument, findings: readonly Finding[]): ReviewOpinion {
  const criteria = CRITERIA.map((criterion): CriterionGrade => {
    const bearing = findings.filter((f) => criterionOf(f.rule) === criterion)
    const errors = bearing.filter((f) => f.severity === 'error').length
    const warnings = bearing.filter((f) => f.severity === 'warning').length
    return { criterion, ...gradeOf(errors, warnings), errors, warnings }
  })
  const conclusion = GRADE_ORDER[Math.max(...criteria.map((c) => GRADE_ORDER.indexOf(c.grade)))]!
  const places = [null, ...doc.projects.map((_, i) => i + 1)]
  const changes = places.flatMap((project): ProjectChanges[] => {
    const here = findings.filter((f) => f.project === project)
    const required = here.filter((f) => f.severity === 'error').map((f) => `${where(f)}${f.message}`)
    const suggested = here.filter((f) => f.severity === 'warning').map((f) => `${where(f)}${f.message}`)
    if (required.length + suggested.length === 0) return []
    const name = project === null ? '文档总体' : `项目 ${project}：${doc.projects[project - 1]!.name || '（未命名）'}`
    return [{ project, name, required, suggested }]
  })
  return { criteria, conclusion, passes: conclusion === '优' || conclusion === '良', changes }
}

const CONCLUSION_TEXT: Record<Grade, string> = {
  优: '绩效目标完整、相关、适当、可行，同意按此批复。',
  良: '绩效目标总体合理，同意批复；请按以下建议进一步完善。',
  中: '绩效目标需修改完善：请按以下意见修改后重新报送。',
  差: '绩效目标不符合审核要求，予以退回：请按以下意见修改后重新报送。',
}

/** The opinion as the reviewer's draft text (what the CLI prints and the review panel starts from). */
export function opinionText(doc: BudgetDocument, opinion: ReviewOpinion): string {
  const lines = [`${doc.title || '本部门'}${doc.year ? `${doc.year}年` : ''}部门预算绩效目标审核意见`, '']
  lines.push(`审核结论：${opinion.conclusion}。${CONCLUSION_TEXT[opinion.conclusion]}`, '')
  lines.push('一、审核评分')
  for (const c of opinion.criteria) lines.push(`${c.criterion}：${c.grade}（${c.because}）`)
  if (opinion.changes.length > 0) {
    lines.push('', '二、修改意见')
    for (const change of opinion.changes) {
      lines.push(`${change.name}`)
      for (const item of change.required) lines.push(`  必须修改　${item}`)
      for (const item of change.suggested) lines.push(`  建议修改　${item}`)
    }
  }
  lines.push('', '（本意见由审核检查自动起草，审核人修改后定稿。）')
  return lines.join('\n')
}
