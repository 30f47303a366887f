/**
 * A finance-review finding: what a reviewer would write in the margin.
 * Checks return findings and never throw.
 *
 * The CLI prints `{ rule, severity, project, indicator, message }` (a
 * DESIGN.md contract); `field` additionally names the cell, so the editor
 * can put the cursor there.
 */

export type Severity = 'error' | 'warning' | 'info'

/** Which cell a finding is about. Project fields by their `ProjectText` key; indicator columns by their model key. */
export type FindingField =
  | 'unit' | 'code' | 'name' | 'budgetTotal' | 'budgetFiscal' | 'budgetOther' | 'usage' | 'spendingPlan' | 'goal' | 'indicators'
  | 'level1' | 'level2' | 'level3' | 'description' | 'value' | 'basis'
  | 'title' | 'goals' | 'subGoals' | 'safeguards'

export interface Finding {
  rule: string
  severity: Severity
  /** 1-based, as the document numbers its tables; null for Part 1 and the whole document. */
  project: number | null
  /** 1-based row of the project's indicators; null when not about one row. */
  indicator: number | null
  field: FindingField | null
  message: string
}

/** The contract form printed by `cli check --json`. */
export const contractFinding = ({ rule, severity, project, indicator, message }: Finding) => ({ rule, severity, project, indicator, message })

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 }
