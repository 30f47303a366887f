/**
 * The 绩效目标表 as the paper form lays it out, for every format that draws
 * it as a table (Word, HTML, Excel): rows of cells on a grid of 12 narrow
 * columns, each cell with its span, whether it is a label, its alignment,
 * and whether it starts or continues a cell merged down (the 预算规模 and
 * 资金支出计划 labels, repeated 一级/二级). Read row by row with merged
 * continuations as empty cells, it is exactly the published text's rows —
 * so a table drawn from it reads back through the one reader.
 */
import { extraColumnsOf, type ExtraColumn } from '../model/build-document'
import type { IndicatorText, ProjectDetailsText, ProjectText } from '../model/document-text'
import { DETAIL_LABEL, EXTRA_HEADER, INDICATOR_HEADER, LABEL, UNIT_PREFIX } from './published-text/layout'

export const GRID_COLUMNS = 12

export interface FormCell {
  text: string
  span: number
  label?: boolean
  align?: 'left' | 'center' | 'right'
  merge?: 'restart' | 'continue'
  /** A figure a spreadsheet adds up though the form centres it (a 自评's 分值 and 得分); right-aligned cells are figures too. */
  figure?: boolean
}

export interface FormRow {
  cells: FormCell[]
  /** The indicator header: repeated on each page where the format can. */
  header?: boolean
}

/** Splits `total` columns among `n` cells as evenly as whole columns allow. */
const spans = (n: number, total: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0))

/** One indicator row; 一级 and 二级 continue the cell above while they repeat, like merged cells on paper. */
function indicatorRow(indicator: IndicatorText, previous: IndicatorText | undefined, extras: readonly ExtraColumn[]): FormRow {
  const sameLevel1 = previous !== undefined && previous.level1 === indicator.level1 && indicator.level1 !== ''
  const sameLevel2 = sameLevel1 && previous.level2 === indicator.level2 && indicator.level2 !== ''
  const width = spans(6 + extras.length, GRID_COLUMNS)
  const cells: Omit<FormCell, 'span'>[] = [
    { text: sameLevel1 ? '' : indicator.level1, align: 'center', merge: sameLevel1 ? 'continue' : 'restart' },
    { text: sameLevel2 ? '' : indicator.level2, align: 'center', merge: sameLevel2 ? 'continue' : 'restart' },
    { text: indicator.level3 },
    { text: indicator.description },
    { text: indicator.value, align: 'center' },
    { text: indicator.basis },
    ...extras.map((key) => ({ text: indicator[key] ?? '', align: 'center' as const })),
  ]
  return { cells: cells.map((cell, i) => ({ ...cell, span: width[i]! })) }
}

/** 主管部门, 实施单位, 项目负责人, 实施期 and 实施期绩效目标, for a project from a form that has them. */
function detailRows(details: ProjectDetailsText): FormRow[] {
  const pair = (a: keyof ProjectDetailsText, b: keyof ProjectDetailsText): FormRow => ({
    cells: [
      { text: DETAIL_LABEL[a], span: 2, label: true },
      { text: details[a], span: 4 },
      { text: DETAIL_LABEL[b], span: 2, label: true },
      { text: details[b], span: 4 },
    ],
  })
  return [
    pair('department', 'implementer'),
    pair('manager', 'period'),
    { cells: [{ text: DETAIL_LABEL.periodGoal, span: 2, label: true }, { text: details.periodGoal, span: 10 }] },
  ]
}

export function formLayout(project: ProjectText): FormRow[] {
  const plan = project.spendingPlan.length > 0 ? project.spendingPlan : [{ label: '', percent: '' }]
  const planSpans = spans(plan.length, GRID_COLUMNS - 2)
  const extras = extraColumnsOf(project.indicators)
  const header = [...INDICATOR_HEADER, ...extras.map((key) => EXTRA_HEADER[key])]
  const headerSpans = spans(header.length, GRID_COLUMNS)
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
    ...(project.details ? detailRows(project.details) : []),
    {
      cells: [
        { text: LABEL.budgetRow, span: 2, label: true, merge: 'restart' },
        { text: LABEL.total, span: 1, label: true },
        { text: project.budgetTotal, span: 2, align: 'right' },
        { text: LABEL.fiscalCell, span: 2, label: true },
        { text: project.budgetFiscal, span: 1, align: 'right' },
        { text: LABEL.other, span: 2, label: true },
        { text: project.budgetOther, span: 2, align: 'right' },
      ],
    },
    { cells: [{ text: '', span: 2, label: true, merge: 'continue' }, { text: project.usage, span: 10 }] },
    { cells: [{ text: LABEL.spendingRow, span: 2, label: true, merge: 'restart' }, ...plan.map((e, i) => ({ text: e.label, span: planSpans[i]!, label: true }))] },
    { cells: [{ text: '', span: 2, label: true, merge: 'continue' }, ...plan.map((e, i) => ({ text: e.percent, span: planSpans[i]!, align: 'center' as const }))] },
    { cells: [{ text: LABEL.goalRow, span: 2, label: true }, { text: project.goal, span: 10 }] },
    { cells: header.map((text, i) => ({ text, span: headerSpans[i]!, label: true })), header: true },
    ...project.indicators.map((indicator, i) => indicatorRow(indicator, project.indicators[i - 1], extras)),
  ]
}
