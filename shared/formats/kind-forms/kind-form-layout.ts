/**
 * The 项目支出绩效自评表 and the 项目支出绩效目标执行监控表 as their official
 * forms lay them out, on the same grid of 12 narrow columns as the
 * 绩效目标表 (`form-layout.ts`), for every format that draws a table (Word,
 * HTML, Excel) and for the published text: 项目名称 / 主管部门 / 实施单位,
 * 项目资金 (a header of figures over the 年度资金总额 row, and the 其中 rows
 * of its 财政资金 and 其他资金 where the project has them), 年度总体目标
 * (预期 beside 实际完成情况), the indicator table (一级 and 二级 merged down
 * their rows) and — 自评 — 总分 with its grade, or — 监控 — the note on
 * what 完成目标可能性 and 偏差原因 may say. 执行率, 分值, 得分 and 总分 are
 * written as the model computes them (`derived-cells.ts`).
 *
 * Read row by row with merged continuations as empty cells, these rows are
 * what `read-kind-form.ts` reads: one layout, written and read.
 */
import type { DocumentText, FundsText, IndicatorText, ProjectText } from '../../model/document-text'
import { cellLabelOf, PROJECT_CELL_FIELDS, type Field } from '../../schema/fields'
import type { FormCell, FormRow } from '../form-layout'
import { budgetColumn } from '../funds-breakdown'
import type { DerivedCells } from './derived-cells'
import { CAUSES, LIKELIHOODS } from '../../monitoring/monitoring-choices'
import { FRONT_LABEL, GRADE_PREFIX, MONITORING_FORM, SELF_EVALUATION_FORM, SIDE_LABEL, TOTAL_LABEL, type ColumnKey, type FormVocabulary } from './form-vocabulary'

/** Grid columns of each indicator column, after the 绩效指标 side label (1); together 12. */
const INDICATOR_SPANS: Record<FormVocabulary['kind'], number[]> = {
  'self-evaluation': [1, 1, 2, 1, 2, 1, 1, 2],
  monitoring: [1, 1, 2, 1, 1, 1, 1, 1, 2],
}
/** Grid columns of each funds figure, after the side label (1) and the row label (2). */
const FUNDS_SPANS: Record<FormVocabulary['kind'], number[]> = {
  'self-evaluation': [2, 2, 2, 1, 1, 1],
  monitoring: [2, 2, 3, 2],
}

export const MONITORING_NOTE = `注：完成目标可能性填“${LIKELIHOODS.join('”“')}”之一；偏差原因填“${CAUSES.join('”“')}”之一。`

export const formOfKind = (kind: FormVocabulary['kind']): FormVocabulary => (kind === 'monitoring' ? MONITORING_FORM : SELF_EVALUATION_FORM)

const fieldOf = (fields: readonly Field[], key: string): Field => fields.find((f) => f.key === key)!

const label = (text: string, span: number, merge?: FormCell['merge']): FormCell => ({ text, span, label: true, ...(merge ? { merge } : {}) })

function indicatorCells(form: FormVocabulary, indicator: IndicatorText, previous: IndicatorText | undefined, derived: { points: string; earned: string }): FormCell[] {
  const sameLevel1 = previous !== undefined && previous.level1 === indicator.level1 && indicator.level1 !== ''
  const sameLevel2 = sameLevel1 && previous.level2 === indicator.level2 && indicator.level2 !== ''
  const spans = INDICATOR_SPANS[form.kind]
  const text = (key: ColumnKey): string => {
    if (key === 'score') return derived.points
    if (key === 'earned') return derived.earned
    return indicator[key] ?? ''
  }
  return [
    label('', 1, 'continue'),
    ...form.header.map((column, i): FormCell => {
      const span = spans[i]!
      if (column.key === 'level1') return { text: sameLevel1 ? '' : indicator.level1, span, align: 'center', merge: sameLevel1 ? 'continue' : 'restart' }
      if (column.key === 'level2') return { text: sameLevel2 ? '' : indicator.level2, span, align: 'center', merge: sameLevel2 ? 'continue' : 'restart' }
      const centred = ['value', 'actual', 'forecast', 'score', 'earned', 'likelihood', 'cause'].includes(column.key)
      const figure = column.key === 'score' || column.key === 'earned'
      return { text: text(column.key), span, ...(centred ? { align: 'center' as const } : {}), ...(figure ? { figure } : {}) }
    }),
  ]
}

/**
 * The 财政资金 and 其他资金 the project's 预算数 splits into, as the forms print a part of 年度资金总额: a row
 * each ("其中：财政资金", "其他资金") with its figure under the column the 预算数 is (年初预算数, else 全年预算数),
 * as `read-kind-form.ts` reads it back. Written only where the project has either, so a form without says
 * nothing it does not know.
 */
function breakdownRows(form: FormVocabulary, project: ProjectText, funds: FundsText): FormRow[] {
  if (project.budgetFiscal.trim() === '' && project.budgetOther.trim() === '') return []
  const column = budgetColumn(funds)
  const fundsSpans = FUNDS_SPANS[form.kind]
  const row = (name: string, figure: string): FormRow => ({
    cells: [label('', 1, 'continue'), label(name, 2), ...form.funds.map((f, i) => ({ text: f.key === column ? figure : '', span: fundsSpans[i]!, align: 'right' as const }))],
  })
  return [row(BREAKDOWN_LABEL.fiscal, project.budgetFiscal), row(BREAKDOWN_LABEL.other, project.budgetOther)]
}

/** The rows' labels, the targets' cells' own ("其中：财政资金", "其他资金"). */
const BREAKDOWN_LABEL = { fiscal: cellLabelOf(fieldOf(PROJECT_CELL_FIELDS, 'budgetFiscal')), other: cellLabelOf(fieldOf(PROJECT_CELL_FIELDS, 'budgetOther')) }

/** The rows of one project's form. */
export function kindFormLayout(form: FormVocabulary, doc: DocumentText, project: ProjectText, derived: DerivedCells): FormRow[] {
  const funds = project.funds ?? { initial: '', budget: '', executed: '', rate: '', points: '', earned: '' }
  const figures: Record<string, string> = { ...funds, rate: derived.rate, points: derived.fundsPoints, earned: derived.fundsEarned }
  const fundsSpans = FUNDS_SPANS[form.kind]
  const details = project.details
  const nameRow: FormRow =
    form.kind === 'monitoring'
      ? { cells: [label(FRONT_LABEL.name, 2), { text: project.name, span: 6 }, label(FRONT_LABEL.asOf, 2), { text: doc.asOf ?? '', span: 2, align: 'center' }] }
      : { cells: [label(FRONT_LABEL.name, 2), { text: project.name, span: 10 }] }
  const rows: FormRow[] = [
    nameRow,
    { cells: [label(FRONT_LABEL.department, 2), { text: details?.department ?? '', span: 4 }, label(FRONT_LABEL.implementer, 2), { text: details?.implementer ?? '', span: 4 }] },
    { cells: [label(`${SIDE_LABEL.funds}（${project.moneyUnit || '万元'}）`, 1, 'restart'), label('', 2), ...form.funds.map((f, i) => label(f.name, fundsSpans[i]!))] },
    { cells: [label('', 1, 'continue'), label(SIDE_LABEL.fundsRow, 2), ...form.funds.map((f, i) => ({ text: figures[f.key] ?? '', span: fundsSpans[i]!, align: 'right' as const }))] },
    ...breakdownRows(form, project, funds),
    { cells: [label(SIDE_LABEL.goals, 1, 'restart'), label(form.goalNames.goal, 5), label(form.goalNames.achieved, 6)] },
    { cells: [label('', 1, 'continue'), { text: project.goal, span: 5 }, { text: project.achieved ?? '', span: 6 }] },
    { cells: [label(SIDE_LABEL.indicators, 1, 'restart'), ...form.header.map((c, i) => label(c.name, INDICATOR_SPANS[form.kind][i]!))], header: true },
    ...project.indicators.map((indicator, i) => ({ cells: indicatorCells(form, indicator, project.indicators[i - 1], { points: derived.points[i] ?? '', earned: derived.earned[i] ?? '' }) })),
  ]
  if (form.kind === 'self-evaluation') {
    // 总分 under the 分值 and 得分 columns: the side label and the five columns before them are one cell.
    rows.push({ cells: [label(TOTAL_LABEL, 8), { text: derived.pointsTotal, span: 1, align: 'center', figure: true }, { text: derived.total, span: 1, align: 'center', figure: true }, { text: `${GRADE_PREFIX}${derived.grade}`, span: 2, align: 'center' }] })
  } else rows.push({ cells: [{ text: MONITORING_NOTE, span: 12 }] })
  return rows
}

/** The title over each project's form. */
export const kindTableTitle = (form: FormVocabulary, project: ProjectText, number: number): string => `${number}.${project.name}${form.title}`
