/**
 * A 绩效文本 as the text in its fields, exactly as written: what importers
 * produce, what exporters consume and what the document builder takes.
 * Unlike the model, nothing is parsed — amounts and percentages are the
 * text in their cells, 一级/二级 are the labels as written — so text →
 * document → text loses nothing.
 */
import type { DocumentKind } from './document-kind'

export interface DocumentText {
  /** What the document is (`document-kind.ts`); absent means a targets document, as every document made before kinds. */
  kind?: DocumentKind
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
  /** A 绩效自评表's own fields, as written; only in a self-evaluation. */
  evaluation?: EvaluationText
}

/** A 绩效自评表's project fields beyond the targets', each as written on the form. */
export interface EvaluationText {
  /** 全年预算数 */
  budget: string
  /** 全年执行数 */
  executed: string
  /** 资金's 分值 (the weight of 预算执行率) */
  points: string
  /** 执行率 as written */
  rate: string
  /** 资金's 得分 as written */
  earned: string
  /** 年度总体目标 › 实际完成情况 */
  achieved: string
  /** 总分 as written ("" where the form has none) */
  total: string
  /** One per indicator, in the same order: what the 自评 adds to each target row. */
  rows: EvaluationRowText[]
}

/** What a 绩效自评表 adds to an indicator row, as written. */
export interface EvaluationRowText {
  /** 实际完成值 */
  actual: string
  /** 得分 */
  earned: string
  /** 偏差原因分析及改进措施 */
  deviation: string
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
