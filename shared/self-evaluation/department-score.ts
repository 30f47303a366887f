/**
 * A 自评's score for the department as a whole, for the bureau's overview:
 * the projects' 总分 weighted by their 全年预算数 (a project of 200 万元
 * weighs four times one of 50), with its grade by the same bands as a
 * project's. Where a project has no positive budget the money cannot weigh,
 * so every project weighs the same. Null while a project is not scored:
 * the department's score is not the mean of the ones that happen to be done.
 */
import { gradeOf, type Grade } from './scoring'

export interface DepartmentScore {
  /** 0.01; null while `unscored` > 0 or there are no projects. */
  earned: number | null
  grade: Grade | null
  /** Projects whose 总分 is still unknown (an indicator without 得分, or no 执行数). */
  unscored: number
}

export function departmentScore(projects: readonly { budget: number | null; earned: number | null }[]): DepartmentScore {
  const unscored = projects.filter((p) => p.earned === null).length
  if (projects.length === 0 || unscored > 0) return { earned: null, grade: null, unscored }
  const byMoney = projects.every((p) => p.budget !== null && p.budget > 0)
  const weight = (p: { budget: number | null }) => (byMoney ? p.budget! : 1)
  const total = projects.reduce((sum, p) => sum + weight(p), 0)
  const earned = Math.round((projects.reduce((sum, p) => sum + p.earned! * weight(p), 0) / total) * 100) / 100
  return { earned, grade: gradeOf(earned), unscored: 0 }
}
