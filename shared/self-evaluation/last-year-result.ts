/** 结果应用: one project of last year's approved 自评, as next year's draft shows it beside the project's targets. */
export interface LastYearResult {
  code: string
  name: string
  /** 总分 and grade (null while not all scored). */
  earned: number | null
  grade: string | null
  /** Its 分值 added up where they passed full marks, so it had no grade (`gradeText` says why); null otherwise. Absent from results read before it. */
  ungraded?: number | null
  /** Last year's 预算数 in 万元 (the 自评's 全年预算数, else the targets' 预算数); null when not a number. */
  budget: number | null
  indicators: { level3: string; value: string; actual: string; earned: number | null; points: number }[]
}
