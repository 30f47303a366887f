/**
 * Named navigation in a document's Y.Doc, for tests and benches: a place
 * is said as the document says it, and found by node name, so that a test
 * does not break (or silently edit another cell) when the schema gains an
 * optional node.
 *
 *   textAt(ydoc, { project: 0, field: 'budgetTotal' })            the 预算数 text of the first project
 *   textAt(ydoc, { project: 0, indicator: 2, field: 'value' })    the third row's 指标值
 *   at(ydoc, { goal: 8 })                                         the ninth goal's element (empty or not)
 *   at(ydoc, { project: 0, list: 'indicators' })                  the first project's row list
 *   textAt(ydoc, { project: 0, field: 'executed' })               a 监控's or 自评's 执行数 (its 资金 figures by their key)
 *
 * Numbers are 0-based indexes among nodes of that kind. `at` gives the
 * element; `textAt` the Y.XmlText inside a field. Both throw a RangeError
 * naming what is missing (a place not there, a field still empty).
 */
import * as Y from 'yjs'
import { contentOf } from '@shared/model/y-document'
import { DETAIL_CELLS, FUNDS_CELLS, INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, INDICATOR_FOLLOW_UP_CELLS, NODE, PROJECT_CELLS } from '@shared/schema/node-names'

const TITLE_FIELDS = { title: NODE.docTitle, subtitle: NODE.docSubtitle, preparedBy: NODE.docPreparer, reviewedBy: NODE.docReviewer } as const
const SUB_GOAL_FIELDS = { title: NODE.subGoalTitle, duty: NODE.subGoalDuty, target: NODE.subGoalTarget } as const
const SPENDING_FIELDS = { label: NODE.spendingLabel, percent: NODE.spendingPercent } as const
const INDICATOR_FIELDS = { ...INDICATOR_CELLS, ...INDICATOR_EXTRA_CELLS, ...INDICATOR_FOLLOW_UP_CELLS } as const
const PART1_LISTS = { goals: NODE.goalsSection, subGoals: NODE.subGoalsSection, safeguards: NODE.safeguardsSection } as const
const PROJECT_LISTS = { indicators: NODE.indicatorList, spendingPlan: NODE.spendingPlan } as const

export type TitleField = keyof typeof TITLE_FIELDS
/** A project's one-cell fields by their `ProjectText` key, its 绩效目标 (`goal`), its details' fields, and a 监控's or 自评's 资金 figures and 实际完成情况 (`achieved`). */
export type ProjectField = keyof typeof PROJECT_CELLS | keyof typeof DETAIL_CELLS | keyof typeof FUNDS_CELLS | 'goal' | 'achieved'
export type IndicatorField = keyof typeof INDICATOR_FIELDS

export type Place =
  | { field: TitleField }
  | { list: keyof typeof PART1_LISTS | 'projects' }
  | { goal: number }
  | { safeguard: number }
  | { subGoal: number; field?: keyof typeof SUB_GOAL_FIELDS }
  | { project: number; field?: ProjectField }
  | { project: number; list: keyof typeof PROJECT_LISTS }
  | { project: number; spending: number; field?: keyof typeof SPENDING_FIELDS }
  | { project: number; indicator: number; field?: IndicatorField }

type Parent = Y.XmlElement | Y.XmlFragment

/** The n-th child element named `name`. */
function named(parent: Parent, name: string, n = 0): Y.XmlElement {
  const found = parent.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === name)[n]
  if (!found) throw new RangeError(`no ${name} #${n} in ${parent instanceof Y.XmlElement ? parent.nodeName : 'the document'}`)
  return found
}

const path = (ydoc: Y.Doc, ...steps: [name: string, n?: number][]): Y.XmlElement =>
  steps.reduce<Parent>((parent, [name, n]) => named(parent, name, n), contentOf(ydoc)) as Y.XmlElement

const projectField = (project: Y.XmlElement, field: ProjectField): Y.XmlElement => {
  if (field === 'goal') return named(project, NODE.projectGoal)
  if (field === 'achieved') return named(project, NODE.projectAchieved)
  if (field in PROJECT_CELLS) return named(project, PROJECT_CELLS[field as keyof typeof PROJECT_CELLS])
  if (field in FUNDS_CELLS) return named(named(project, NODE.projectFunds), FUNDS_CELLS[field as keyof typeof FUNDS_CELLS])
  return named(named(project, NODE.projectDetails), DETAIL_CELLS[field as keyof typeof DETAIL_CELLS])
}

/** The element at a place: a field, a row, a project or a list. */
export function at(ydoc: Y.Doc, place: Place): Y.XmlElement {
  const p = place as Partial<Record<'project' | 'indicator' | 'spending' | 'goal' | 'safeguard' | 'subGoal', number>> & { field?: string; list?: string }
  if (p.project !== undefined) {
    const project = path(ydoc, [NODE.projectsPart], [NODE.project, p.project])
    if (p.indicator !== undefined) {
      const row = named(named(project, NODE.indicatorList), NODE.indicator, p.indicator)
      return p.field ? named(row, INDICATOR_FIELDS[p.field as IndicatorField]) : row
    }
    if (p.spending !== undefined) {
      const entry = named(named(project, NODE.spendingPlan), NODE.spendingEntry, p.spending)
      return p.field ? named(entry, SPENDING_FIELDS[p.field as keyof typeof SPENDING_FIELDS]) : entry
    }
    if (p.list) return named(project, PROJECT_LISTS[p.list as keyof typeof PROJECT_LISTS])
    return p.field ? projectField(project, p.field as ProjectField) : project
  }
  if (p.goal !== undefined) return path(ydoc, [NODE.overallPart], [NODE.goalsSection], [NODE.goalItem, p.goal])
  if (p.safeguard !== undefined) return path(ydoc, [NODE.overallPart], [NODE.safeguardsSection], [NODE.safeguardItem, p.safeguard])
  if (p.subGoal !== undefined) {
    const item = path(ydoc, [NODE.overallPart], [NODE.subGoalsSection], [NODE.subGoal, p.subGoal])
    return p.field ? named(item, SUB_GOAL_FIELDS[p.field as keyof typeof SUB_GOAL_FIELDS]) : item
  }
  if (p.list === 'projects') return path(ydoc, [NODE.projectsPart])
  if (p.list) return path(ydoc, [NODE.overallPart], [PART1_LISTS[p.list as keyof typeof PART1_LISTS]])
  return path(ydoc, [NODE.titleBlock], [TITLE_FIELDS[p.field as TitleField]])
}

/** The text inside a field element. Throws when the field is empty (has no text node yet). */
export function textOf(field: Y.XmlElement): Y.XmlText {
  const text = field.get(0)
  if (!(text instanceof Y.XmlText)) throw new RangeError(`${field.nodeName} is empty: it has no text to edit yet`)
  return text
}

/** The Y.XmlText of the field at a place. */
export const textAt = (ydoc: Y.Doc, place: Place): Y.XmlText => textOf(at(ydoc, place))

/** Makes `text` the whole of a field's text at a place, as selecting it and typing over it does (an empty field gets its text node). */
export function writeAt(ydoc: Y.Doc, place: Place, text: string): void {
  const field = at(ydoc, place)
  const existing = field.get(0)
  if (existing instanceof Y.XmlText) {
    existing.delete(0, existing.length)
    existing.insert(0, text)
  } else {
    const node = new Y.XmlText()
    node.insert(0, text)
    field.insert(0, [node])
  }
}
