/**
 * A 绩效文本 as the text in its fields, exactly as written: what importers
 * produce, what exporters consume and what the document builder takes.
 * Unlike the model, nothing is parsed — amounts and percentages are the
 * text in their cells, 一级/二级 are the labels as written — so text →
 * document → text loses nothing.
 */

export interface DocumentText {
  title: string
  subtitle: string
  preparedBy: string
  reviewedBy: string
  goals: string[]
  subGoals: SubGoalText[]
  safeguards: string[]
  projects: ProjectText[]
}

export interface SubGoalText {
  title: string
  duty: string
  target: string
}

export interface ProjectText {
  unitCode: string
  unitName: string
  moneyUnit: string
  code: string
  name: string
  budgetTotal: string
  budgetFiscal: string
  budgetOther: string
  usage: string
  spendingPlan: SpendingEntryText[]
  goal: string
  indicators: IndicatorText[]
  /** What other regions' forms add (主管部门, 实施单位…); absent on forms that have none of it. */
  details?: ProjectDetailsText
}

/** A project's particulars that the 部门 form leaves out and single-project forms carry. */
export interface ProjectDetailsText {
  /** 主管部门 */
  department: string
  /** 实施单位 */
  implementer: string
  /** 项目负责人 */
  manager: string
  /** 实施期, as written: "2023.07-2024.01" */
  period: string
  /** 实施期绩效目标: the goal over the whole period, beside the year's */
  periodGoal: string
}

export interface SpendingEntryText {
  label: string
  percent: string
}

export interface IndicatorText {
  level1: string
  level2: string
  level3: string
  description: string
  value: string
  basis: string
  /** 分值, on forms that score their indicators */
  score?: string
  /** 备注 or 评分细则 */
  note?: string
}
