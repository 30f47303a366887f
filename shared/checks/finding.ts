/**
 * A finance-review finding: what a reviewer would write in the margin.
 * Checks return findings and never throw.
 *
 * The CLI prints `{ rule, severity, project, indicator, message }` (a
 * DESIGN.md contract); `field` additionally names the cell, so the editor
 * can put the cursor there.
 */
import type { FUNDS_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, IndicatorFieldKey, ProjectFieldKey } from '../schema/fields'

/**
 * The severity policy every rule follows (re-grade a rule here, not case by case):
 *
 *   error   — the document would be returned under 绩效目标审核 as it stands:
 *             a field left unfilled or a template leftover (是/否, ≥**%), an
 *             arithmetic mismatch, an impossible spending plan or deadline,
 *             a cost above the project's budget. Nobody needs to judge it.
 *   warning — a finance reviewer has to look and decide: an unmeasurable
 *             target, a process measure filed as an output, an indicator
 *             that seems unrelated to what the money buys, a missing
 *             dimension of the framework.
 *   info    — style: it would read better, but nobody returns a document for it.
 */
export type Severity = 'error' | 'warning' | 'info'

/**
 * Which cell a finding is about: a target-table field by its key in the field table (`schema/fields.ts`),
 * `unit` for the table's unit line, a list as a whole, or a Part 1 field. A 资金 figure of a 监控 or 自评
 * goes by its node (`fundsExecuted`): its keys are an indicator row's too (`earned`).
 */
export type FindingField =
  | ProjectFieldKey | IndicatorFieldKey | (typeof FUNDS_FIELDS)[number]['node'] | (typeof INDICATOR_FOLLOW_UP_FIELDS)[number]['key']
  | 'unit' | 'spendingPlan' | 'indicators'
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
