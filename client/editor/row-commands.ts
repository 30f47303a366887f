/**
 * Table operations as ProseMirror commands: add, delete and move indicator
 * rows; add and delete whole projects. Each is one ordinary transaction,
 * so it syncs, undoes and merges like typing does.
 */
import type { Node as PMNode, ResolvedPos } from '@tiptap/pm/model'
import { TextSelection, type Command, type EditorState, type Transaction } from '@tiptap/pm/state'
import { BLANK_PROJECT, buildIndicator, buildProject, type ExtraColumn } from '@shared/model/build-document'
import { INDICATOR_EXTRA_CELLS, NODE } from '@shared/schema/node-names'

interface Found {
  node: PMNode
  /** Position before the node. */
  pos: number
  /** The node's index in its parent. */
  index: number
  parent: PMNode
}

/** The closest ancestor of the selection with the given type. */
export function ancestor($pos: ResolvedPos, type: string): Found | null {
  for (let depth = $pos.depth; depth > 0; depth--) {
    const node = $pos.node(depth)
    if (node.type.name === type) return { node, pos: $pos.before(depth), index: $pos.index(depth - 1), parent: $pos.node(depth - 1) }
  }
  return null
}

/** Puts the cursor in the first text field inside the node at `pos`. */
function focusInside(tr: Transaction, pos: number): Transaction {
  let target = -1
  tr.doc.nodeAt(pos)?.descendants((child, offset) => {
    if (target >= 0) return false
    if (child.isTextblock) target = pos + 1 + offset + 1
    return true
  })
  return target >= 0 ? tr.setSelection(TextSelection.create(tr.doc, target)).scrollIntoView() : tr
}

/** The indicator list of the project around the selection. */
function indicatorListAt(state: EditorState): { list: PMNode; pos: number } | null {
  const project = ancestor(state.selection.$from, NODE.project)
  if (!project) return null
  let found: { list: PMNode; pos: number } | null = null
  project.node.forEach((child, offset) => {
    if (child.type.name === NODE.indicatorList) found = { list: child, pos: project.pos + 1 + offset }
  })
  return found
}

/** The 分值/备注 columns an indicator row has (a table has them in every row or in none). */
export const extraColumnsOfRow = (row: PMNode | null | undefined): ExtraColumn[] =>
  (Object.entries(INDICATOR_EXTRA_CELLS) as [ExtraColumn, string][])
    .filter(([, type]) => row?.content.content.some((cell) => cell.type.name === type))
    .map(([key]) => key)

export const addIndicator: Command = (state, dispatch) => {
  const list = indicatorListAt(state)
  if (!list) return false
  const current = ancestor(state.selection.$from, NODE.indicator)
  const level1 = (current?.node.attrs.level1 as string | undefined) ?? '产出指标'
  // A new row has the 分值/备注 cells its table's rows have.
  const extras = extraColumnsOfRow(current?.node ?? list.list.firstChild)
  const row = state.schema.nodeFromJSON(buildIndicator({ level1, level2: '', level3: '', description: '', value: '', basis: '' }, extras))
  const at = current ? current.pos + current.node.nodeSize : list.pos + list.list.nodeSize - 1
  if (dispatch) dispatch(focusInside(state.tr.insert(at, row), at))
  return true
}

/** Deletes the row of `type` around the selection; the cursor goes to the nearest field in direction `bias`. */
const deleteRow =
  (type: string, bias: -1 | 1): Command =>
  (state, dispatch) => {
    const current = ancestor(state.selection.$from, type)
    if (!current) return false
    if (dispatch) {
      const tr = state.tr.delete(current.pos, current.pos + current.node.nodeSize)
      dispatch(tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(current.pos, tr.doc.content.size - 1)), bias)))
    }
    return true
  }

// After a row, the next row; after a project (the last one has nothing after it), the one before.
export const deleteIndicator = deleteRow(NODE.indicator, 1)

/** Swaps the row of `type` around the selection with its neighbour (`-1` up, `1` down); the cursor moves with it. */
const moveRow =
  (type: string, direction: -1 | 1): Command =>
  (state, dispatch) => {
    const current = ancestor(state.selection.$from, type)
    if (!current) return false
    const neighbourIndex = current.index + direction
    if (neighbourIndex < 0 || neighbourIndex >= current.parent.childCount) return false
    if (dispatch) {
      const offsetInRow = state.selection.from - current.pos
      const tr = state.tr.delete(current.pos, current.pos + current.node.nodeSize)
      const neighbour = current.parent.child(neighbourIndex)
      const insertAt = direction === 1 ? current.pos + neighbour.nodeSize : current.pos - neighbour.nodeSize
      tr.insert(insertAt, current.node)
      dispatch(tr.setSelection(TextSelection.create(tr.doc, insertAt + offsetInRow)).scrollIntoView())
    }
    return true
  }

export const moveIndicator = (direction: -1 | 1): Command => moveRow(NODE.indicator, direction)
export const moveProject = (direction: -1 | 1): Command => moveRow(NODE.project, direction)

export const addProject: Command = (state, dispatch) => {
  const project = state.schema.nodeFromJSON(buildProject(BLANK_PROJECT))
  const current = ancestor(state.selection.$from, NODE.project)
  let at: number
  if (current) {
    at = current.pos + current.node.nodeSize
  } else {
    // After the last project: the end of projectsPart, the doc's last child.
    at = state.doc.content.size - 1
  }
  if (dispatch) dispatch(focusInside(state.tr.insert(at, project), at))
  return true
}

export const deleteProject = deleteRow(NODE.project, -1)

/** Moves the cursor to the next (`1`) or previous (`-1`) text field, as Tab does in a form. */
export const moveToField =
  (direction: -1 | 1): Command =>
  (state, dispatch) => {
    const { $from } = state.selection
    const here = $from.depth > 0 ? $from.before($from.depth) : 0
    let target: number | null = null
    state.doc.descendants((node, pos) => {
      if (!node.isTextblock) return true
      if (direction === 1 && pos > here && target === null) target = pos + 1
      if (direction === -1 && pos < here) target = pos + 1 + node.content.size
      return false
    })
    if (target === null) return false
    if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, target)).scrollIntoView())
    return true
  }

/** The project around the selection, with its name and its range (for 接受/拒绝本项目修订). */
export const projectAt = (state: EditorState): { name: string; from: number; to: number } | null => projectOf(state.selection.$from)

/** The project holding `$pos`, by its 项目名称, with its range; null outside the projects. */
export function projectOf($pos: ResolvedPos): { name: string; from: number; to: number } | null {
  const project = ancestor($pos, NODE.project)
  if (!project) return null
  let name = ''
  project.node.forEach((child) => {
    if (child.type.name === NODE.projectName) name = child.textContent
  })
  return { name, from: project.pos, to: project.pos + project.node.nodeSize }
}
