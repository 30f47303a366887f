/**
 * A 绩效文本 as the text in its fields, exactly as written: what importers
 * produce, what exporters consume and what the document builder takes.
 * Unlike the model, nothing is parsed — amounts and percentages are the
 * text in their cells, 一级/二级 are the labels as written — so text →
 * document → text loses nothing.
 */
import type { DocumentKind } from './document-kind'
import type { MergedFigure } from './merged-figures'

export interface DocumentText {
  /** What the document is (`document-kind.ts`); absent means a targets document, as every document made before kinds. */
  kind?: DocumentKind
  /** 监控: 截至月份 as written ("6月", "2026年1-6月"); its month decides which 资金支出计划 node applies. */
  asOf?: string
  title: string
  subtitle: string
  preparedBy: string
  reviewedBy: string
  goals: string[]
  subGoals: SubGoalText[]
  safeguards: string[]
  projects: ProjectText[]
  /**
   * Read from a stored or open document only: figure cells two people wrote at once, whose text
   * nobody typed (`merged-figures.ts`). Absent when there are none; importers and exporters neither
   * make nor write it.
   */
  mergedFigures?: MergedFigure[]
  /**
   * Read from a file only: what the file holds that the import could not put in a cell, each said to the
   * person in a sentence (「其中：本年财政拨款“2020”无法分成…，未导入，请按原表填写」). An import is either whole
   * or says what it left out; the server passes these on with its answer (`warnings`), and nothing stores them.
   * Absent when the import read everything.
   */
  unread?: string[]
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
  /** 资金: the figures the two kinds that follow an approved document add (年初/全年预算数, 执行数, 执行率, 分值, 得分); absent in targets. */
  funds?: FundsText
  /** 自评: 年度总体目标 › 实际完成情况; 监控: 总体目标 截至当期完成情况. */
  achieved?: string
  /** 自评: 总分 as written on an imported form ("" if none). Never typed in the app: the model derives it. */
  total?: string
}

/** A project's 资金 in a 绩效运行监控 or 绩效自评, each figure as written. */
export interface FundsText {
  /** 年初预算数 */
  initial: string
  /** 全年预算数 */
  budget: string
  /** 全年执行数 (自评) or 截至当期执行数 (监控) */
  executed: string
  /** 执行率 as written */
  rate: string
  /** 自评: 资金's 分值 (the weight of 预算执行率); "" in 监控 */
  points: string
  /** 自评: 资金's 得分 as written; "" in 监控 */
  earned: string
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
  /** 自评: 实际完成值; 监控: 截至当期完成值 */
  actual?: string
  /** 自评: 得分 as written or chosen (a qualitative row: its band's score) */
  earned?: string
  /** 自评: 偏差原因分析及改进措施 */
  deviation?: string
  /** 监控: 全年预计完成值 */
  forecast?: string
  /** 监控: 完成目标可能性 — one of `LIKELIHOODS` (`shared/monitoring/monitoring-choices.ts`), or "" */
  likelihood?: string
  /** 监控: 偏差原因 — one of `CAUSES` (`shared/monitoring/monitoring-choices.ts`), or "" */
  cause?: string
  /** 监控: 纠偏措施 */
  measure?: string
}

/** Adds what an import could not read (`DocumentText.unread`) to `text`: nothing when there is nothing to say. */
export function addUnread(text: DocumentText, notes: readonly string[]): void {
  if (notes.length > 0) text.unread = [...(text.unread ?? []), ...notes]
}
