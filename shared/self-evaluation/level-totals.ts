/**
 * A 自评's score as the form adds it up: per 一级 (产出, 效益, 满意度, as
 * written, in the order they first appear) what its indicators earned of
 * their 分值, then the 预算执行率's, then the 总分 and its grade — read off
 * the model (`selfEvaluationModel`), never typed, so the editor's form,
 * its outline and the dashboard show the same figures the rules give.
 */
import type { Grade } from './scoring'

const round2 = (n: number) => Math.round(n * 100) / 100

/** What the totals read of a scored project: the model's keys, nothing more. */
export interface ScoredProject {
  indicators: readonly { level1: string; points: number; earned: number | null }[]
  funds: { points: number; earned: number | null }
  earned: number | null
  grade: Grade | null
}

export interface LevelTotal {
  /** The 一级 as written ('' for a row with none). */
  level1: string
  points: number
  /** null while one of its indicators has no 得分 yet. */
  earned: number | null
}

export function levelTotals(project: ScoredProject): LevelTotal[] {
  const totals = new Map<string, LevelTotal>()
  for (const indicator of project.indicators) {
    const total = totals.get(indicator.level1) ?? { level1: indicator.level1, points: 0, earned: 0 }
    total.points = round2(total.points + indicator.points)
    total.earned = total.earned === null || indicator.earned === null ? null : round2(total.earned + indicator.earned)
    totals.set(indicator.level1, total)
  }
  return [...totals.values()]
}
