/**
 * What the bureau's overview shows of a 监控 or 自评 (the queue, the 汇总
 * dashboard and its CSV): per project its 执行率 and, for a 自评, its 总分
 * and grade; for the document the 执行率 of all its projects' money
 * together. Read off the kind's model (the registry dispatches), so the
 * figures are the ones the form shows as people type.
 */
import { wanPerUnit } from '../model/amounts'
import type { DocumentText, FundsText } from '../model/document-text'
import { unreadFigures } from '../model/funds-figures'
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
  /** null while `earned` is, and where `ungraded`. */
  grade: string | null
  /** 自评: its 分值 added up where they pass full marks, so it has no grade (`full-marks.ts`: `gradeText` says why); else null. */
  ungraded: number | null
  /** Its 全年预算数 or 执行数 is written but no number ("0.800.80"): why `rate` is null, where a bare "—" would read as not yet filled. */
  unreadable: boolean
}

export interface KindSummary {
  kind: string
  /** The projects' executed ÷ their budget, all together (in 万元, whatever unit each form is in), in percent; null while a count below is not 0. */
  rate: number | null
  /**
   * Why `rate` is null, each said as a count of projects — a project is in every count that is true of it, and
   * none is left out of all of them: `missing`, no 执行数 written (but where the 全年预算数 reads 0: no money, nothing
   * to spend); `unbudgeted`, no 全年预算数 written; `unreadable`, a 全年预算数 or 执行数 written that is no number.
   */
  missing: number
  unbudgeted: number
  unreadable: number
  /** 自评: the department's 总分 (`departmentScore`: projects' 总分 weighted by budget) and grade; null for a 监控, or while `unscored` > 0. */
  earned: number | null
  grade: Grade | null
  /** 自评: projects not yet scored; 0 for a 监控. */
  unscored: number
  /** 自评: scored projects `earned` leaves out, given no grade (分值 past full marks; `scoreLeavesOut` says so); 0 for a 监控. */
  ungraded: number
  projects: ProjectScore[]
}

/** What the model of a 监控 or 自评 has per project (spec #30); a targets model has none of it. */
interface FollowUpProject {
  code: string
  name: string
  moneyUnit: string
  funds?: { initial: number | null; budget: number | null; executed: number | null; rate: number | null }
  earned?: number | null
  grade?: Grade | null
  ungraded?: number | null
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** What is written of a project's 资金 and how it reads: the counts of `KindSummary` and the money they add. */
function fundsOf(project: FollowUpProject, written: FundsText | undefined) {
  const read = project.funds ?? { initial: null, budget: null, executed: null }
  const wan = wanPerUnit(project.moneyUnit)
  const blank = (key: 'budget' | 'executed') => (written?.[key] ?? '').trim() === ''
  return {
    unreadable: unreadFigures(written, read, ['budget', 'executed']).length > 0,
    unbudgeted: blank('budget'),
    // A 全年预算数 of 0 has nothing to spend: its empty 执行数 holds nothing up.
    missing: blank('executed') && !(read.budget !== null && read.budget <= 0),
    // In 万元, so that forms in 元 and in 万元 add up.
    budget: read.budget === null ? null : read.budget * wan,
    executed: read.executed === null ? null : read.executed * wan,
  }
}

/** The summary of a document's text (its `kind` set); a targets document has no projects' scores and no 执行率. */
export function kindSummary(text: DocumentText): KindSummary {
  const kind = kindOf(text)
  if (kind.id === 'targets') return { kind: kind.id, rate: null, missing: 0, unbudgeted: 0, unreadable: 0, earned: null, grade: null, unscored: 0, ungraded: 0, projects: [] }
  const modelled = kind.model(text).projects as unknown as FollowUpProject[]
  const funds = modelled.map((p, i) => fundsOf(p, text.projects[i]?.funds))
  const projects = modelled.map((p, i): ProjectScore => ({
    code: p.code,
    name: p.name,
    rate: p.funds?.rate ?? null,
    earned: p.earned ?? null,
    grade: p.grade ?? null,
    ungraded: p.ungraded ?? null,
    unreadable: funds[i]!.unreadable,
  }))
  const counts = {
    missing: funds.filter((f) => f.missing).length,
    unbudgeted: funds.filter((f) => f.unbudgeted).length,
    unreadable: funds.filter((f) => f.unreadable).length,
  }
  // The weights are the budgets in 万元 too: a 元 form's 3000 weighs 0.3, not 3000.
  const score = kind.id === 'self-evaluation' ? departmentScore(modelled.map((p, i) => ({ budget: funds[i]!.budget, earned: p.earned ?? null, ungraded: p.ungraded ?? null }))) : { earned: null, grade: null, unscored: 0, ungraded: 0 }
  // The document's 执行率 is all its money's: while one project's figures are missing or unreadable there is none,
  // rather than the rate of the projects that happen to be filled (one of eleven read as the department's).
  const funded = funds.filter((f) => f.budget !== null && f.budget > 0)
  if (funded.length === 0 || counts.missing + counts.unbudgeted + counts.unreadable > 0) return { kind: kind.id, rate: null, ...counts, ...score, projects }
  const budget = funded.reduce((sum, f) => sum + f.budget!, 0)
  const executed = funded.reduce((sum, f) => sum + f.executed!, 0)
  return { kind: kind.id, rate: round2((executed / budget) * 100), ...counts, ...score, projects }
}
