/**
 * A place in the document — a finding's, a change's — as the node that
 * holds it: found by walking the ProseMirror document, so it does not
 * depend on what the page has rendered.
 */
import type { Editor } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import {
  DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, PROJECT_ACHIEVED_FIELD, PROJECT_FIELDS,
} from '@shared/schema/fields'
import { NODE } from '@shared/schema/node-names'

/** 1-based project and indicator row (null: not in one), and a field by its model key (`goals[2]` for a list item). */
export interface Place {
  project: number | null
  indicator: number | null
  field: string | null
}

/**
 * Which text field a place's `field` names, inside its project or indicator
 * row: each field of the field table by its key (a 资金 figure by its node,
 * as its keys are a row's too: `earned`), and the rest.
 */
const FIELD_NODE: Partial<Record<string, string>> = {
  ...Object.fromEntries([...PROJECT_FIELDS, ...DETAIL_FIELDS, ...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS, PROJECT_ACHIEVED_FIELD, ...INDICATOR_FOLLOW_UP_FIELDS].map((f) => [f.key, f.node])),
  ...Object.fromEntries(FUNDS_FIELDS.map((f) => [f.node, f.node])),
  unit: NODE.unitName,
  spendingPlan: NODE.spendingPercent,
  // 一级/二级 are chosen beside the row's first text field.
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

/** A node and where it starts. */
export interface PlacedNode {
  pos: number
  node: PMNode
}

/** The n-th descendant of a type (0-based), not looking inside a match. */
export function nth(within: PlacedNode, type: string, n: number): PlacedNode | null {
  let seen = 0
  let found: PlacedNode | null = null
  within.node.descendants((node, offset) => {
    if (found) return false
    if (node.type.name !== type) return true
    if (seen++ === n) found = { pos: within.pos + 1 + offset, node }
    return false
  })
  return found
}

/**
 * The node at a place: its field's text node, or the nearest enclosing
 * part that exists (the row, the project; the title for the document as a
 * whole). Null when the project or row is not there.
 */
export function nodeAtPlace(doc: PMNode, place: Place): PlacedNode | null {
  // The document itself has no position; its first child starts at 0.
  let scope: PlacedNode | null = { pos: -1, node: doc }
  if (place.project !== null) scope = nth(scope, NODE.project, place.project - 1)
  if (scope && place.indicator !== null) scope = nth(scope, NODE.indicator, place.indicator - 1)
  if (!scope) return null
  const [, key = '', item] = /^(\w+)(?:\[(\d+)\])?$/.exec(place.field ?? '') ?? []
  const fieldType = FIELD_NODE[key]
  const field = fieldType ? (nth(scope, fieldType, Number(item ?? 0)) ?? nth(scope, fieldType, 0)) : null
  return field ?? (scope.node === doc ? nth(scope, NODE.docTitle, 0) : scope)
}

/** The first text field at or inside a placed node. */
function firstTextField(placed: PlacedNode): PlacedNode | null {
  if (placed.node.isTextblock) return placed
  let found: PlacedNode | null = null
  placed.node.descendants((node, offset) => {
    if (!found && node.isTextblock) found = { pos: placed.pos + 1 + offset, node }
    return !found
  })
  return found
}

/** The text of the field at a place (for a comment on it); null when the field is empty or missing. */
export function textRangeAtPlace(doc: PMNode, place: Place): { from: number; to: number } | null {
  const placed = nodeAtPlace(doc, place)
  const field = placed && firstTextField(placed)
  if (!field) return null
  const from = field.pos + 1
  const to = from + field.node.content.size
  return to > from ? { from, to } : null
}

/**
 * Focuses the editor with the cursor at the start of the first field at or
 * inside a node (false when it has none). In a long document that draws
 * the node's project in the same transaction, so it has its cells at once.
 */
export function putCaretIn(editor: Editor, placed: PlacedNode): boolean {
  const field = firstTextField(placed)
  if (!field) return false
  // Focus first: ProseMirror writes a selection to the DOM only while it has focus, and on
  // focus it would otherwise read back the stale DOM selection.
  editor.view.focus()
  editor.chain().setTextSelection(field.pos + 1).run()
  return true
}

/** Puts the cursor in the field at a place, scrolls it to the middle of the page and outlines it for a moment. */
export function revealPlace(editor: Editor, place: Place): void {
  const placed = nodeAtPlace(editor.state.doc, place)
  if (!placed || !putCaretIn(editor, placed)) return
  const cell = editor.view.nodeDOM(placed.pos)
  if (!(cell instanceof HTMLElement)) return
  // Centred, not merely "in view": the sticky toolbar would cover a cell scrolled to the top edge.
  cell.scrollIntoView({ block: 'center' })
  cell.classList.add('finding-target')
  setTimeout(() => cell.classList.remove('finding-target'), 2000)
}
