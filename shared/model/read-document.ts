/**
 * Reads the text fields back out of a document's ProseMirror JSON — the
 * inverse of `buildDocument`. Pure and total: a damaged or partial tree
 * (a node missing after a bad merge, an unknown node) reads as empty text,
 * never as an exception.
 *
 * Pending suggestions are read as undecided: text a reviewer proposed to
 * insert is left out, text proposed for deletion is still there. What is
 * read is the last text everybody agreed on.
 */
import type { DocumentText, FundsText, IndicatorText, ProjectDetailsText, ProjectText, SubGoalText } from './document-text'
import type { NodeJSON } from './node-json'
import { DETAIL_CELLS, FUNDS_CELLS, INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, INDICATOR_FOLLOW_UP_CELLS, NODE, PROJECT_CELLS } from '../schema/node-names'
import { child, rows, textOf } from './agreed-text'
import { mergedFigures, type MergedFigure } from './merged-figures'

export { child, textOf }

const textAt = (node: NodeJSON | undefined, type: string): string => textOf(child(node, type))

const stringAttr = (node: NodeJSON, name: string): string => {
  const value = node.attrs?.[name]
  return typeof value === 'string' ? value : ''
}

/** 一级/二级 as written: the kept label when there is one, else the standard name. */
const labelOf = (node: NodeJSON, level: 'level1' | 'level2'): string =>
  stringAttr(node, `${level}Label`) || stringAttr(node, level)

export function readIndicator(node: NodeJSON): IndicatorText {
  const cells = Object.fromEntries(
    Object.entries(INDICATOR_CELLS).map(([key, type]) => [key, textAt(node, type)]),
  ) as Record<keyof typeof INDICATOR_CELLS, string>
  const extras = [...Object.entries(INDICATOR_EXTRA_CELLS), ...Object.entries(INDICATOR_FOLLOW_UP_CELLS)]
    .flatMap(([key, type]) => (child(node, type) ? [[key, textAt(node, type)]] : []))
  return { level1: labelOf(node, 'level1'), level2: labelOf(node, 'level2'), ...cells, ...Object.fromEntries(extras) }
}

export function readProject(node: NodeJSON): ProjectText {
  const cells = Object.fromEntries(
    Object.entries(PROJECT_CELLS).map(([key, type]) => [key, textAt(node, type)]),
  ) as Record<keyof typeof PROJECT_CELLS, string>
  const details = child(node, NODE.projectDetails)
  const funds = child(node, NODE.projectFunds)
  const achieved = child(node, NODE.projectAchieved)
  return {
    ...cells,
    ...(details ? { details: Object.fromEntries(Object.entries(DETAIL_CELLS).map(([key, type]) => [key, textAt(details, type)])) as unknown as ProjectDetailsText } : {}),
    ...(funds ? { funds: Object.fromEntries(Object.entries(FUNDS_CELLS).map(([key, type]) => [key, textAt(funds, type)])) as unknown as FundsText } : {}),
    ...(achieved ? { achieved: textOf(achieved) } : {}),
    spendingPlan: rows(child(node, NODE.spendingPlan), NODE.spendingEntry).map((entry) => ({
      label: textAt(entry, NODE.spendingLabel),
      percent: textAt(entry, NODE.spendingPercent),
    })),
    goal: textAt(node, NODE.projectGoal),
    indicators: rows(child(node, NODE.indicatorList), NODE.indicator).map(readIndicator),
  }
}

const readSubGoal = (node: NodeJSON): SubGoalText => ({
  title: textAt(node, NODE.subGoalTitle),
  duty: textAt(node, NODE.subGoalDuty),
  target: textAt(node, NODE.subGoalTarget),
})

const projectsOf = (doc: NodeJSON): NodeJSON[] => rows(child(doc, NODE.projectsPart), NODE.project)

/** The figure cells of `doc` whose agreed text nobody typed (`merged-figures.ts`), in document order. */
export const mergedFiguresOf = (doc: NodeJSON): MergedFigure[] => mergedFigures(projectsOf(doc))

export function readDocument(doc: NodeJSON): DocumentText {
  const titleBlock = child(doc, NODE.titleBlock)
  const overall = child(doc, NODE.overallPart)
  const projects = projectsOf(doc)
  const merged = mergedFigures(projects)
  return {
    title: textAt(titleBlock, NODE.docTitle),
    subtitle: textAt(titleBlock, NODE.docSubtitle),
    preparedBy: textAt(titleBlock, NODE.docPreparer),
    reviewedBy: textAt(titleBlock, NODE.docReviewer),
    goals: rows(child(overall, NODE.goalsSection), NODE.goalItem).map(textOf),
    subGoals: rows(child(overall, NODE.subGoalsSection), NODE.subGoal).map(readSubGoal),
    safeguards: rows(child(overall, NODE.safeguardsSection), NODE.safeguardItem).map(textOf),
    projects: projects.map(readProject),
    ...(merged.length > 0 ? { mergedFigures: merged } : {}),
  }
}
