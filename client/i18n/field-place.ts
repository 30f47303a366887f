/**
 * Where a text of the document is, as a person finds it on the form: the
 * project by its name, an indicator row by its 三级指标 (or its number, as
 * the checks panel counts rows), the field by the label its cell prints
 * in this kind of document, and in Part 1 the list item as the comparison
 * names it — "政法队伍教育整顿工作经费 · 截至当期执行数",
 * "总体绩效目标（第2条）". Read from the Yjs tree, for text that is not in
 * the editor (a local copy the server refused).
 */
import * as Y from 'yjs'
import { LIST_LABEL, listItemLabel } from '@shared/history/document-diff'
import { NODE } from '@shared/schema/node-names'
import { fieldLabelIn } from './field-label'
import { T } from './zh-CN'

/** The list items that name their place by their list and number, by their node. */
const LIST_ITEMS: Partial<Record<string, string>> = {
  [NODE.goalItem]: LIST_LABEL.goals,
  [NODE.subGoal]: LIST_LABEL.subGoals,
  [NODE.safeguardItem]: LIST_LABEL.safeguards,
  [NODE.spendingEntry]: LIST_LABEL.spendingPlan,
}

/** The parts of a text's place, outermost first; `kind` is the document's (`META_KEY.kind`). */
export function fieldPlace(text: Y.XmlText, kind: string | undefined): string[] {
  const parts: string[] = []
  for (let node: Y.AbstractType<unknown> | null = text.parent; node instanceof Y.XmlElement; node = node.parent) {
    const name = node.nodeName
    const list = LIST_ITEMS[name]
    if (list !== undefined) parts.unshift(listItemLabel(list, sameBefore(node)))
    else if (name === NODE.project) parts.unshift(textOf(childNamed(node, NODE.projectName)) || T.unnamedProject)
    else if (name === NODE.indicator) parts.unshift(textOf(childNamed(node, NODE.indicatorName)) || T.rowNumber(sameBefore(node) + 1))
    // The field's own label; a list item that is one field (a goal) is named by the list alone.
    else if (node === text.parent) parts.unshift(fieldLabelIn(name, kind))
  }
  return parts.filter((part) => part !== '')
}

/** How many elements of the same node come before this one in its parent. */
function sameBefore(node: Y.XmlElement): number {
  const parent = node.parent
  if (!(parent instanceof Y.XmlElement || parent instanceof Y.XmlFragment)) return 0
  return parent.toArray().filter((n) => n instanceof Y.XmlElement && n.nodeName === node.nodeName).indexOf(node)
}

function childNamed(node: Y.XmlElement, name: string): Y.XmlElement | null {
  return node.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === name) ?? null
}

/** A field's text as written (its marks, suggested insertions included, left out). */
const textOf = (field: Y.XmlElement | null): string =>
  (field?.toArray() ?? [])
    .map((n) => (n instanceof Y.XmlText ? n.toDelta().map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '')).join('') : ''))
    .join('')
    .trim()
