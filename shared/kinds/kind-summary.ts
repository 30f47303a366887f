/**
 * What the bureau's overview shows of a 监控 or 自评 (the queue, the 汇总
 * dashboard and its CSV): per project its 执行率 and, for a 自评, its 总分
 * and grade; for the document the 执行率 of all its projects' money
 * together. Read off the kind's model (the registry dispatches), so the
 * figures are the ones the form shows as people type.
 */
import type { DocumentText } from '../model/document-text'
import { departmentScore } from '../self-evaluation/department-score'
import type { Grade } from '../self-evaluation/scoring'
import { kindOf } from './registry'

export interface ProjectScore {
  code: string
  name: string
  /** 执行率 in percent (0.01): executed ÷ budget; null where a figure is missing. */
  rate: number | null
  /** 自评: 总分, null while an indicator has no 得分 (and always in a 监控). */
  earned: number | null
  grade: string | null
}

export interface KindSummary {
  kind: string
  /** The projects' executed ÷ their budget, all together, in percent; null while a project with a budget has no 执行数. */
  rate: number | null
  /** Projects with a budget and no 执行数 yet: why `rate` is null, said as a count. */
  missing: number
  /** 自评: the department's 总分 (`departmentScore`: projects' 总分 weighted by budget) and grade; null for a 监控, or while `unscored` > 0. */
  earned: number | null
  grade: Grade | null
  /** 自评: projects not yet scored; 0 for a 监控. */
  unscored: number
  projects: ProjectScore[]
}

/** What the model of a 监控 or 自评 has per project (spec #30); a targets model has none of it. */
interface FollowUpProject {
  code: string
  name: string
  funds?: { budget: number | null; executed: number | null; rate: number | null }
  earned?: number | null
  grade?: Grade | null
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** The summary of a document's text (its `kind` set); a targets document has no projects' scores and no 执行率. */
export function kindSummary(text: DocumentText): KindSummary {
  const kind = kindOf(text)
  if (kind.id === 'targets') return { kind: kind.id, rate: null, missing: 0, earned: null, grade: null, unscored: 0, projects: [] }
  const modelled = kind.model(text).projects as unknown as FollowUpProject[]
  const projects = modelled.map((p): ProjectScore => ({
    code: p.code,
    name: p.name,
    rate: p.funds?.rate ?? null,
    earned: p.earned ?? null,
    grade: p.grade ?? null,
  }))
  // The document's 执行率 is all its money's: while one project with a budget has no 执行数 there is none,
  // rather than the rate of the projects that happen to be filled (one of eleven read as the department's).
  const funded = modelled.filter((p) => p.funds?.budget != null && p.funds.budget > 0)
  const missing = funded.filter((p) => p.funds!.executed == null).length
  const score = kind.id === 'self-evaluation' ? departmentScore(modelled.map((p) => ({ budget: p.funds?.budget ?? null, earned: p.earned ?? null }))) : { earned: null, grade: null, unscored: 0 }
  if (funded.length === 0 || missing > 0) return { kind: kind.id, rate: null, missing, ...score, projects }
  const budget = funded.reduce((sum, p) => sum + p.funds!.budget!, 0)
  const executed = funded.reduce((sum, p) => sum + p.funds!.executed!, 0)
  return { kind: kind.id, rate: round2((executed / budget) * 100), missing, ...score, projects }
}
