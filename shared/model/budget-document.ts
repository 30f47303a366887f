/**
 * The typed model of a 绩效文本 — the JSON contract the CLI prints and that
 * checks and exports read (see DESIGN.md). It is always derived from the
 * document, never stored.
 */
import type { DocumentKind } from './document-kind'

export interface BudgetDocument {
  /** What the document is: `targets` here; other kinds extend this model (`shared/kinds/registry.ts`). */
  kind: DocumentKind
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
  /** The unit as the table states it ("元", "万元"). */
  moneyUnit: string
  code: string
  name: string
  /** In 万元, converted from the table's unit or an amount's own ("3000元"); null where the cell holds no amount. */
  budget: { total: number | null; fiscal: number | null; other: number | null }
  /** The unit of `budget`: always 万元, whatever `moneyUnit` says. */
  budgetUnit: '万元'
  usage: string
  spendingPlan: { label: string; percent: number | null }[]
  goal: string
  indicators: Indicator[]
  /** 主管部门, 实施单位, 项目负责人, 实施期, 实施期绩效目标: "" where the form has none. */
  details: ProjectDetails
  /** Whether 成本指标 is a 一级 of its own (财预〔2021〕101号) rather than a 二级 under 产出指标; read from the rows. */
  costAsLevel1: boolean
  /**
   * The form the table was written in: `department` — the 部门预算绩效文本's
   * table (预算单位, 项目编码, 资金用途, 资金支出计划); `project-form` — one
   * project's 申报表/审批表 from another region (主管部门, 实施单位, 实施期…),
   * which has none of those four and no 第一部分. Read from the particulars
   * only such forms carry; checks judge a table against the fields its layout has.
   */
  layout: ProjectLayout
}

export type ProjectLayout = 'department' | 'project-form'

export interface ProjectDetails {
  department: string
  implementer: string
  manager: string
  period: string
  periodGoal: string
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
  /** 分值, null where the form does not score or the cell is not a number */
  score: number | null
  /** 备注 / 评分细则 */
  note: string
}
