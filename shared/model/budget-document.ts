/**
 * The typed model of a 绩效文本 — the JSON contract the CLI prints and that
 * checks and exports read (see DESIGN.md). It is always derived from the
 * document, never stored.
 */

export interface BudgetDocument {
  title: string
  year: number | null
  preparedBy: string
  reviewedBy: string
  overall: {
    goals: string[]
    subGoals: SubGoal[]
    safeguards: string[]
  }
  projects: Project[]
}

export interface SubGoal {
  title: string
  duty: string
  target: string
}

export interface Project {
  unit: { code: string; name: string }
  moneyUnit: string
  code: string
  name: string
  budget: { total: number | null; fiscal: number | null; other: number | null }
  usage: string
  spendingPlan: { label: string; percent: number | null }[]
  goal: string
  indicators: Indicator[]
}

export interface Indicator {
  /** The standard 一级 name, or the label as written when it is not in the taxonomy. */
  level1: string
  /** The standard 二级 name, or the label as written when it is not in the taxonomy. */
  level2: string
  level3: string
  description: string
  value: string
  basis: string
}
