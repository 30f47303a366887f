/**
 * Keeping the finance checks current as people type: only the tables whose
 * ProseMirror node changed are re-checked (unchanged nodes are the same
 * objects from one state to the next), and a finding can be followed to
 * its cell.
 */
import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { SEVERITY_ORDER, type Finding, type FindingField } from '@shared/checks/finding'
import { IncrementalChecks } from '@shared/checks/run-checks'
import type { BudgetDocument } from '@shared/model/budget-document'
import type { DocumentText } from '@shared/model/document-text'
import { INDICATOR_CELLS, NODE, PROJECT_CELLS } from '@shared/schema/node-names'

/** Which text field a finding's `field` names, inside its project or indicator row. */
const FIELD_NODE: Partial<Record<FindingField | keyof typeof PROJECT_CELLS | keyof typeof INDICATOR_CELLS | 'subtitle' | 'preparedBy' | 'reviewedBy', string>> = {
  ...PROJECT_CELLS,
  ...INDICATOR_CELLS,
  unit: NODE.unitName,
  spendingPlan: NODE.spendingPercent,
  goal: NODE.projectGoal,
  // 一级/二级 are dropdowns beside the row's first text field.
  level1: NODE.indicatorName,
  level2: NODE.indicatorName,
  title: NODE.docTitle,
  subtitle: NODE.docSubtitle,
  preparedBy: NODE.docPreparer,
  reviewedBy: NODE.docReviewer,
  goals: NODE.goalItem,
  subGoals: NODE.subGoalTitle,
  safeguards: NODE.safeguardItem,
}

const projectNodes = (doc: PMNode): PMNode[] => {
  const part = doc.lastChild
  const nodes: PMNode[] = []
  part?.forEach((child) => nodes.push(child))
  return nodes
}

/** Re-checks what changed since the last call: `text` and `model` are what `doc` reads as (derived once per change, by the caller). */
export function makeLiveChecks() {
  const checks = new IncrementalChecks()
  let previous: PMNode[] = []
  return (doc: PMNode, text: DocumentText, model: BudgetDocument): Finding[] => {
    const projects = projectNodes(doc)
    const changed = projects.length === previous.length ? new Set(projects.flatMap((node, i) => (node === previous[i] ? [] : [i]))) : 'all'
    previous = projects
    return checks.update(text, model, changed)
  }
}

export interface FindingGroup {
  title: string
  errors: number
  findings: Finding[]
}

/** Findings by place — the whole document and Part 1 first, then each project — errors, then warnings, then notes within each. */
export function findingGroups(findings: readonly Finding[], projectNames: readonly string[]): FindingGroup[] {
  const byPlace = new Map<number | null, Finding[]>()
  for (const f of findings) byPlace.set(f.project, [...(byPlace.get(f.project) ?? []), f])
  return [...byPlace]
    .sort(([a], [b]) => (a ?? 0) - (b ?? 0))
    .map(([project, list]) => ({
      title: project === null ? '文档总体与第一部分' : `${project}. ${projectNames[project - 1] || '未命名项目'}`,
      errors: list.filter((f) => f.severity === 'error').length,
      findings: [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.indicator ?? 0) - (b.indicator ?? 0)),
    }))
}

/** A place in the document: 1-based project and indicator row (null: not in one), and a field by its model key (`goals[2]` for a list item). */
export interface Place {
  project: number | null
  indicator: number | null
  field: string | null
}

/** The cell at a place, in the editor's DOM, or the nearest enclosing part of it. */
function cellAt(editor: Editor, place: Place): Element | null {
  const root = editor.view.dom
  let scope: Element | null = root
  if (place.project !== null) scope = root.querySelectorAll(`[data-node="${NODE.project}"]`)[place.project - 1] ?? null
  if (scope && place.indicator !== null) scope = scope.querySelectorAll(`[data-node="${NODE.indicator}"]`)[place.indicator - 1] ?? null
  if (!scope) return null
  const [, key = '', item] = /^(\w+)(?:\[(\d+)\])?$/.exec(place.field ?? '') ?? []
  const fieldName = FIELD_NODE[key as keyof typeof FIELD_NODE]
  if (!fieldName) return scope
  return scope.querySelectorAll(`[data-field="${fieldName}"]`)[Number(item ?? 0)] ?? scope.querySelector(`[data-field="${fieldName}"]`) ?? scope
}

const findingCell = (editor: Editor, finding: Finding) => cellAt(editor, finding)

/** The text range of the cell a finding is about (for a comment on it). */
export function locateFinding(editor: Editor, finding: Finding): { from: number; to: number } | null {
  const cell = findingCell(editor, finding)
  const value = cell?.querySelector('.value')
  if (!value) return null
  const from = editor.view.posAtDOM(value, 0)
  const to = editor.state.doc.resolve(from).end()
  return to > from ? { from, to } : null
}

/** Puts the cursor in the cell at a place (a finding's, a change's) and outlines the cell for a moment. */
export function revealPlace(editor: Editor, place: Place): void {
  const cell = cellAt(editor, place)
  if (!cell) return
  const value = cell.querySelector('.value') ?? cell
  // Focus first: ProseMirror writes a selection to the DOM only while it has focus, and on
  // focus it would otherwise read back the stale DOM selection.
  editor.view.focus()
  editor.chain().setTextSelection(editor.view.posAtDOM(value, 0)).run()
  // Centred, not merely "in view": the sticky toolbar would cover a cell scrolled to the top edge.
  cell.scrollIntoView({ block: 'center' })
  cell.classList.add('finding-target')
  setTimeout(() => cell.classList.remove('finding-target'), 2000)
}
