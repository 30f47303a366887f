/**
 * A 自评's score for the department as a whole, for the bureau's overview:
 * the projects' 总分 weighted by their 全年预算数 (a project of 200 万元
 * weighs four times one of 50), with its grade by the same bands as a
 * project's. Where a project has no positive budget the money cannot weigh,
 * so every project weighs the same. Null while a project is not scored:
 * the department's score is not the mean of the ones that happen to be done.
 * A project given no grade (its 分值 past full marks, `full-marks.ts`) is
 * left out and counted in `ungraded`, for the score to say so
 * (`scoreLeavesOut`): its 总分 out of 110 would lift the department's.
 */
import { gradeOf, type Grade } from './scoring'

export interface DepartmentScore {
  /** 0.01; null while `unscored` > 0, or with no project to weigh (none, or all ungraded). */
  earned: number | null
  grade: Grade | null
  /** Projects whose 总分 is still unknown (an indicator without 得分, or no 执行数). */
  unscored: number
  /** Scored projects left out of `earned`: given no grade, their 分值 adding up past full marks. */
  ungraded: number
}

export function departmentScore(projects: readonly { budget: number | null; earned: number | null; ungraded?: number | null }[]): DepartmentScore {
  const unscored = projects.filter((p) => p.earned === null).length
  const graded = projects.filter((p) => p.earned !== null && p.ungraded == null)
  const ungraded = projects.length - unscored - graded.length
  if (graded.length === 0 || unscored > 0) return { earned: null, grade: null, unscored, ungraded }
  const byMoney = graded.every((p) => p.budget !== null && p.budget > 0)
  const weight = (p: { budget: number | null }) => (byMoney ? p.budget! : 1)
  const total = graded.reduce((sum, p) => sum + weight(p), 0)
  const earned = Math.round((graded.reduce((sum, p) => sum + p.earned! * weight(p), 0) / total) * 100) / 100
  return { earned, grade: gradeOf(earned), unscored: 0, ungraded }
}
