/**
 * A 自评 is graded out of 100 (`FULL_MARKS`). A project whose 分值 add up,
 * with the 预算执行率's, to more than that has a 总分 that can pass 100 and
 * a grade higher than the rules give (a real form: 产出 70, 效益 20 and the
 * 执行率's 10 on top, 110): such a project gets no grade, and everything
 * that shows its 总分 says why in the same words (`ungradedNote`). The check
 * that reports it (`self-evaluation.excess-points`) and the model that
 * withholds the grade both ask `pointsPastFullMarks`, so they never disagree.
 *
 * A file of its own with no imports, so the list pages' bundle takes no
 * scoring with it.
 */

/** The marks a 自评 is graded out of (产出 50, 效益 30, 满意度 10, 预算执行率 10). */
export const FULL_MARKS = 100

const round2 = (n: number) => Math.round(n * 100) / 100

/** A project's 分值 added up: its indicators', and with the 执行率's the whole. */
export interface PointsTotal {
  indicators: number
  total: number
}

/** The 分值 of a scored project (the model's keys) added up. */
export function pointsTotal(project: { indicators: readonly { points: number }[]; funds: { points: number } }): PointsTotal {
  const indicators = round2(project.indicators.reduce((sum, i) => sum + i.points, 0))
  return { indicators, total: round2(indicators + project.funds.points) }
}

/** The project's 分值 added up where they pass `FULL_MARKS` (it can be given no grade), else null. */
export function pointsPastFullMarks(project: { indicators: readonly { points: number }[]; funds: { points: number } }): PointsTotal | null {
  const points = pointsTotal(project)
  return points.total > FULL_MARKS ? points : null
}

/** What stands in for the grade of a project whose 分值 add up to `points`, past full marks: 「分值合计 110，应为 100，不评等级」. */
export const ungradedNote = (points: number): string => `分值合计 ${points}，应为 ${FULL_MARKS}，不评等级`

/** A project's grade as people read it: the grade, or why it has none though scored (`ungraded`: its 分值 total); '' for neither. */
export const gradeText = (grade: string | null | undefined, ungraded: number | null | undefined): string =>
  ungraded != null ? ungradedNote(ungraded) : (grade ?? '')

/** What a department score that leaves ungraded projects out says after its figure, as totals that leave projects out do (`totalLeavesOut`). */
export const scoreLeavesOut = (projects: number): string => `（${ungradedNotCounted(projects)}）`

/** The ungraded projects a department score leaves out, in words, bare (a spreadsheet's column of its own); nothing when none is. */
export const ungradedNotCounted = (projects: number): string => (projects > 0 ? `未计入 ${projects} 个项目：分值合计超过 ${FULL_MARKS}，不评等级` : '')
