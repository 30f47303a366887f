/**
 * Figure cells whose agreed text is not what anyone typed: two people
 * wrote the cell at the same time and their characters merged
 * (`shared/schema/figure-cells.ts` says how a cell knows). Read off the
 * document's JSON with the same rows the text reader counts, so a place
 * here is a place in `DocumentText`.
 */
import type { NodeJSON } from './node-json'
import { child, rows, textOf } from './agreed-text'
import { enteredOf, isFigureCell } from '../schema/figure-cells'
import { NODE } from '../schema/node-names'

export interface MergedFigure {
  /** 1-based, as the document numbers its tables. */
  project: number
  /** 1-based indicator row, or null for a cell of the project. */
  indicator: number | null
  /** 1-based 资金支出计划 entry, or null. */
  entry: number | null
  /** The cell's node (`fundsExecuted`, `indicatorScore`…). */
  node: string
  /** What the cell holds now. */
  text: string
}

type Place = Pick<MergedFigure, 'project' | 'indicator' | 'entry'>

function mergedCells(parent: NodeJSON | undefined, place: Place): MergedFigure[] {
  return (parent?.content ?? []).flatMap((cell) => {
    if (!isFigureCell(cell.type)) return []
    const entered = enteredOf(cell.attrs)
    const text = textOf(cell)
    return entered !== null && text !== entered ? [{ ...place, node: cell.type, text }] : []
  })
}

/** The merged figures of the projects (pending row insertions already left out), in document order. */
export function mergedFigures(projects: readonly NodeJSON[]): MergedFigure[] {
  return projects.flatMap((project, i) => {
    const at = { project: i + 1, indicator: null, entry: null }
    return [
      ...mergedCells(project, at),
      ...mergedCells(child(project, NODE.projectFunds), at),
      ...rows(child(project, NODE.spendingPlan), NODE.spendingEntry).flatMap((entry, e) => mergedCells(entry, { ...at, entry: e + 1 })),
      ...rows(child(project, NODE.indicatorList), NODE.indicator).flatMap((row, r) => mergedCells(row, { ...at, indicator: r + 1 })),
    ]
  })
}

/** The merged figures of project `n` (1-based) among `figures` (`DocumentText.mergedFigures`). */
export const mergedInProject = (figures: readonly MergedFigure[] | undefined, n: number): MergedFigure[] =>
  (figures ?? []).filter((figure) => figure.project === n)

/**
 * The nodes merged at one place of a project — its own cells (no indicator, no entry), an indicator row, or a
 * 资金支出计划 entry. A reader of figures takes none of them as a number, even one that reads as one ("57"
 * from 5 and 7): it is nobody's figure, so what is worked out from it is left out and said to be.
 */
export const mergedNodes = (inProject: readonly MergedFigure[], indicator: number | null = null, entry: number | null = null): ReadonlySet<string> =>
  new Set(inProject.filter((figure) => figure.indicator === indicator && figure.entry === entry).map((figure) => figure.node))
