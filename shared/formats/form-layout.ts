/**
 * The 绩效目标表 as the paper form lays it out, for every format that draws
 * it as a table (Word, HTML, Excel): rows of cells on a grid of 12 narrow
 * columns, each cell with its span, whether it is a label, its alignment,
 * and whether it starts or continues a cell merged down (the 预算规模 and
 * 资金支出计划 labels, repeated 一级/二级). Read row by row with merged
 * continuations as empty cells, it is exactly the published text's rows —
 * so a table drawn from it reads back through the one reader.
 */
import type { IndicatorText, ProjectText } from '../model/document-text'
import { INDICATOR_HEADER, LABEL, UNIT_PREFIX } from './published-text/layout'

export const GRID_COLUMNS = 12

export interface FormCell {
  text: string
  span: number
  label?: boolean
  align?: 'left' | 'center' | 'right'
  merge?: 'restart' | 'continue'
}

export interface FormRow {
  cells: FormCell[]
  /** The indicator header: repeated on each page where the format can. */
  header?: boolean
}

/** Splits `total` columns among `n` cells as evenly as whole columns allow. */
const spans = (n: number, total: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0))

/** One indicator row; 一级 and 二级 continue the cell above while they repeat, like merged cells on paper. */
function indicatorRow(indicator: IndicatorText, previous: IndicatorText | undefined): FormRow {
  const sameLevel1 = previous !== undefined && previous.level1 === indicator.level1 && indicator.level1 !== ''
  const sameLevel2 = sameLevel1 && previous.level2 === indicator.level2 && indicator.level2 !== ''
  return {
    cells: [
      { text: sameLevel1 ? '' : indicator.level1, span: 2, align: 'center', merge: sameLevel1 ? 'continue' : 'restart' },
      { text: sameLevel2 ? '' : indicator.level2, span: 2, align: 'center', merge: sameLevel2 ? 'continue' : 'restart' },
      { text: indicator.level3, span: 2 },
      { text: indicator.description, span: 2 },
      { text: indicator.value, span: 2, align: 'center' },
      { text: indicator.basis, span: 2 },
    ],
  }
}

export function formLayout(project: ProjectText): FormRow[] {
  const plan = project.spendingPlan.length > 0 ? project.spendingPlan : [{ label: '', percent: '' }]
  const planSpans = spans(plan.length, GRID_COLUMNS - 2)
  return [
    { cells: [{ text: `${project.unitCode}${project.unitName}`, span: 8 }, { text: `${UNIT_PREFIX}${project.moneyUnit}`, span: 4, align: 'right' }] },
    {
      cells: [
        { text: LABEL.code, span: 2, label: true },
        { text: project.code, span: 4 },
        { text: LABEL.name, span: 2, label: true },
        { text: project.name, span: 4 },
      ],
    },
    {
      cells: [
        { text: LABEL.budgetRow, span: 2, label: true, merge: 'restart' },
        { text: LABEL.total, span: 1, label: true },
        { text: project.budgetTotal, span: 2, align: 'right' },
        { text: '其中：财政资金', span: 2, label: true },
        { text: project.budgetFiscal, span: 1, align: 'right' },
        { text: LABEL.other, span: 2, label: true },
        { text: project.budgetOther, span: 2, align: 'right' },
      ],
    },
    { cells: [{ text: '', span: 2, label: true, merge: 'continue' }, { text: project.usage, span: 10 }] },
    { cells: [{ text: LABEL.spendingRow, span: 2, label: true, merge: 'restart' }, ...plan.map((e, i) => ({ text: e.label, span: planSpans[i]!, label: true }))] },
    { cells: [{ text: '', span: 2, label: true, merge: 'continue' }, ...plan.map((e, i) => ({ text: e.percent, span: planSpans[i]!, align: 'center' as const }))] },
    { cells: [{ text: LABEL.goalRow, span: 2, label: true }, { text: project.goal, span: 10 }] },
    { cells: INDICATOR_HEADER.map((text) => ({ text, span: 2, label: true })), header: true },
    ...project.indicators.map((indicator, i) => indicatorRow(indicator, project.indicators[i - 1])),
  ]
}
