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
}
