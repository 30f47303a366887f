/**
 * A figure two people's typing merged (`model/merged-figures.ts`) goes into
 * an exported file with a word beside it. In the editor such a cell is
 * outlined and the checks flag it; a Word file, a workbook or a print
 * carries neither, and 「6.007.00」 on paper reads as a figure someone
 * wrote. Every export format writes what this returns, clean or tracked.
 */
import type { DocumentText, ProjectText } from '../model/document-text'
import type { MergedFigure } from '../model/merged-figures'
import { FIGURE_CELLS, type FigureScope } from '../schema/figure-cells'
import { agreedOf } from './tracked-text'

/** What follows a merged figure in an exported cell. */
export const MERGED_FIGURE_MARK = '〔两人同时修改合并而成，待核对〕'

/** The record (a copy of part of `project`) holding the merged cell's text under the field's key, or null when the place is not in the text. */
function holderOf(project: ProjectText, figure: MergedFigure, scope: FigureScope): Record<string, string | undefined> | null {
  if (scope === 'funds') return project.funds ? (project.funds = { ...project.funds }) : null
  if (scope === 'spending') return figure.entry === null ? null : copied(project.spendingPlan, figure.entry - 1)
  if (scope === 'indicator') return figure.indicator === null ? null : copied(project.indicators, figure.indicator - 1)
  return project as unknown as Record<string, string | undefined>
}

function copied<T extends object>(list: T[], i: number): Record<string, string | undefined> | null {
  const item = list[i]
  return item ? ((list[i] = { ...item }) as Record<string, string | undefined>) : null
}

/** `text` with each merged figure's cell followed by `MERGED_FIGURE_MARK`; `text` itself is left as it was. */
export function markMergedFigures(text: DocumentText): DocumentText {
  if (!text.mergedFigures?.length) return text
  const projects = text.projects.map((p) => ({ ...p, spendingPlan: [...p.spendingPlan], indicators: [...p.indicators] }))
  for (const figure of text.mergedFigures) {
    const cell = FIGURE_CELLS.get(figure.node)
    const project = projects[figure.project - 1]
    if (!cell || !project) continue
    const holder = holderOf(project, figure, cell.scope)
    // The place is the one the reader counted; a cell that no longer holds the merged text is not marked. The text
    // may carry pending suggestions (a tracked copy, `readTracked`): the mark follows them.
    const value = holder?.[cell.field.key]
    if (holder && value !== undefined && agreedOf(value) === figure.text) holder[cell.field.key] = `${value}${MERGED_FIGURE_MARK}`
  }
  return { ...text, projects }
}
