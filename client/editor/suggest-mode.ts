/**
 * Track changes for the form's plain-text fields: in suggestion mode, typing
 * does not change the text, it proposes. Inserted text carries an
 * `insertion` mark, deleted text stays and gets a `deletion` mark — both
 * with the author's user name, the time and a UUID (never a counter: two
 * offline reviewers must not collide). Deleting one's own pending insertion
 * really removes it. Changes to structure (splitting or joining fields,
 * rows) cannot be suggested and are dropped.
 *
 * This produces exactly what the server's reviewer rule accepts
 * (shared/review/reviewer-rule.ts). Remote and undo transactions pass
 * through untouched.
 *
 * (@handlewithcare/prosemirror-suggest-changes was tried first: it stores
 * only a numeric `id` on its marks, so author and time would need a second
 * pass, and its block-level suggestions rely on node marks, which the Yjs
 * binding drops. For text fields this small transform is enough.)
 */
import type { Mark, Node as PMNode } from '@tiptap/pm/model'
import { TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Mapping, ReplaceStep } from '@tiptap/pm/transform'
import { MARK, ROW_NODES } from '@shared/schema/node-names'
import { TABLE_FIELDS } from '@shared/schema/fields'
import { isRowSuggestion, type RowSuggestion, type SuggestionInfo } from '@shared/schema/suggestion'
import { replacementsIn, type MarkedRun, type Replacement } from '@shared/review/replacements'
import { pendingPlaces } from '@shared/review/pending-places'
import { rivalInsertions } from '@shared/review/rival-suggestions'
import { projectOf } from './row-commands'
import { FIGURE_CELLS } from '@shared/schema/figure-cells'

export interface Suggester {
  author: string
  now: () => number
  newId: () => string
}

export const suggestionOf = (marks: readonly Mark[], type: string): SuggestionInfo | null =>
  (marks.find((m) => m.type.name === type)?.attrs as SuggestionInfo | undefined) ?? null

/** Whether a transaction changes the document from here: not a remote change, not an undo or redo. */
export function isOwnChange(tr: Transaction): boolean {
  const ySync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean }
  return tr.docChanged && !ySync.isChangeOrigin && !ySync.isUndoRedoOperation
}

/** Whether a transaction is the user's own editing (`isOwnChange`, and no decision on a suggestion). */
export const isLocalEdit = (tr: Transaction): boolean => isOwnChange(tr) && !tr.getMeta('suggestion-decision')

/**
 * Typing inside someone else's pending suggestion would take on its mark
 * (ProseMirror gives new text the marks around it), and the server refuses
 * text added under another person's suggestion: the keystrokes would come
 * back as a local draft. Text a plain (not suggesting) edit types is the
 * typist's own, so it drops others' suggestion marks. A paste or a drop
 * keeps them: moving a suggestion is the server's to judge.
 */
export function ownTyping(tr: Transaction, author: string): Transaction {
  const event = tr.getMeta('uiEvent') as string | undefined
  if (event === 'paste' || event === 'drop') return tr
  const inserted: [number, number][] = []
  tr.steps.forEach((step, i) => {
    if (!(step instanceof ReplaceStep) || step.slice.size === 0) return
    const later = new Mapping(tr.mapping.maps.slice(i + 1))
    inserted.push([later.map(step.from, 1), later.map(step.from + step.slice.size, -1)])
  })
  const others: [number, number, Mark][] = []
  for (const [from, to] of inserted) {
    if (from >= to) continue
    tr.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true
      for (const mark of node.marks) {
        const info = mark.type.name === MARK.insertion || mark.type.name === MARK.deletion ? (mark.attrs as SuggestionInfo) : null
        if (info && info.author !== author) others.push([Math.max(pos, from), Math.min(pos + node.nodeSize, to), mark])
      }
      return false
    })
  }
  for (const [from, to, mark] of others) tr.removeMark(from, to, mark)
  return tr
}

/**
 * Step `i` of `tr` in the coordinates of the tracked transaction built so far:
 * back through the steps before it to the original document, then forward
 * through what the tracked transaction did instead.
 */
function rebasedRange(tr: Transaction, i: number, tracked: Transaction, step: ReplaceStep): { from: number; to: number } {
  const undoEarlier = new Mapping(tr.mapping.maps.slice(0, i)).invert()
  return {
    from: tracked.mapping.map(undoEarlier.map(step.from, -1), -1),
    to: tracked.mapping.map(undoEarlier.map(step.to, 1), 1),
  }
}

const isRow = (node: PMNode) => (ROW_NODES as readonly string[]).includes(node.type.name)
export const rowSuggestionOf = (node: PMNode): RowSuggestion | null => (isRowSuggestion(node.attrs.suggestion) ? node.attrs.suggestion : null)

/**
 * Whole rows added or removed (an indicator, a spending date, a project…):
 * new rows are proposed, removed rows are proposed for deletion (one's own
 * proposals really go). Null when `tr` is not only that.
 */
function suggestRows(state: EditorState, tr: Transaction, who: Suggester): Transaction | null {
  const tracked = state.tr
  const info = (kind: RowSuggestion['kind']): RowSuggestion => ({ kind, id: who.newId(), author: who.author, time: who.now() })
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]
    if (!(step instanceof ReplaceStep) || step.slice.openStart > 0 || step.slice.openEnd > 0) return null
    const { from, to } = rebasedRange(tr, i, tracked, step)
    const $from = tracked.doc.resolve(from)
    const $to = tracked.doc.resolve(to)
    if ($from.parent.isTextblock || !$from.sameParent($to)) return null
    const removed: { node: PMNode; pos: number }[] = []
    for (let index = $from.index(), pos = from; index < $to.index(); index++) {
      const node = $from.parent.child(index)
      if (!isRow(node)) return null
      removed.push({ node, pos })
      pos += node.nodeSize
    }
    const added: PMNode[] = []
    let onlyRows = true
    step.slice.content.forEach((node) => {
      if (isRow(node)) added.push(node.type.create({ ...node.attrs, suggestion: info('insert') }, node.content))
      else onlyRows = false
    })
    if (!onlyRows || (removed.length === 0 && added.length === 0)) return null
    let end = to
    for (const { node, pos } of removed.reverse()) {
      const mine = rowSuggestionOf(node)
      if (mine?.kind === 'insert' && mine.author === who.author) {
        tracked.delete(pos, pos + node.nodeSize)
        end -= node.nodeSize
      } else if (!mine) {
        tracked.setNodeMarkup(pos, undefined, { ...node.attrs, suggestion: info('delete') })
      }
    }
    if (added.length > 0) tracked.insert(end, added)
  }
  // Where the command put the cursor, if that place still exists.
  const target = Math.min(tr.selection.from, tracked.doc.content.size)
  const $target = tracked.doc.resolve(target)
  return tracked.setSelection($target.parent.isTextblock ? TextSelection.create(tracked.doc, target) : TextSelection.near($target)).scrollIntoView()
}

/** Cells that hold one figure (the field table's numeric fields). */
const NUMERIC_CELLS = new Set<string>(TABLE_FIELDS.flatMap((f) => (f.numeric && f.node !== null ? [f.node] : [])))

const hasSuggestion = (node: PMNode) => {
  let found = false
  node.forEach((child) => {
    if (suggestionOf(child.marks, MARK.insertion) || suggestionOf(child.marks, MARK.deletion)) found = true
  })
  return found
}

/**
 * Typing over a selection reaches the editor as the browser's change to the
 * DOM, which ProseMirror narrows to what differs: "1.50" typed over a
 * selected "1.00" arrives as ".00" deleted (the "1" kept), then ".50", and
 * the card would offer "建议修改：.00 → .50" — half a figure, and a cell
 * reading 1~~.00~~.50. In a figure's cell with nothing pending, a change
 * typed over a selection is made what the person did: the whole old figure
 * out, the whole new figure in. `after`: how many characters of the new
 * figure follow the caret. `tr` comes back as it is otherwise (a Backspace
 * over the selection, prose, a cell holding suggestions).
 */
export function wholeFigure(state: EditorState, tr: Transaction): { tr: Transaction; after: number } {
  const unchanged = { tr, after: 0 }
  const { from: selFrom, to: selTo, $from: $sel, empty } = state.selection
  const step = tr.steps[0]
  if (empty || tr.steps.length !== 1 || !(step instanceof ReplaceStep) || step.slice.openStart > 0 || step.slice.openEnd > 0) return unchanged
  const cell = $sel.parent
  if (!NUMERIC_CELLS.has(cell.type.name) || !cell.isTextblock || selTo > $sel.end() || hasSuggestion(cell)) return unchanged
  if (step.from < selFrom || step.to > selTo || (step.from === selFrom && step.to === selTo && step.slice.size === 0)) return unchanged
  let typed = ''
  let plainText = true
  step.slice.content.forEach((node) => {
    if (node.isText) typed += node.text
    else plainText = false
  })
  if (!plainText) return unchanged
  const start = $sel.start()
  const before = cell.textBetween(0, step.from - start)
  const after = cell.textBetween(step.to - start, cell.content.size)
  const figure = before + typed + after
  if (figure === cell.textContent) return unchanged
  const whole = figure === '' ? state.tr.delete(start, $sel.end()) : state.tr.replaceWith(start, $sel.end(), state.schema.text(figure))
  return { tr: whole, after: after.length }
}

/**
 * The suggestion version of `tr`, or null when it cannot be suggested
 * (the caller drops it). `tr` must be based on `state`.
 */
export function suggestTransaction(state: EditorState, typed: Transaction, who: Suggester): Transaction | null {
  const rows = suggestRows(state, typed, who)
  if (rows) return rows
  const { tr, after } = wholeFigure(state, typed)
  const tracked = state.tr
  const info = (): SuggestionInfo => ({ id: who.newId(), author: who.author, time: who.now() })
  const insertionMark = state.schema.marks[MARK.insertion]!
  const deletionMark = state.schema.marks[MARK.deletion]!
  let cursor: number | null = null
  let inserted: SuggestionInfo | null = null
  let deleted: SuggestionInfo | null = null
  let field: number | null = null

  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i]
    if (!(step instanceof ReplaceStep) || (step as unknown as { structure: boolean }).structure) return null
    const { from, to } = rebasedRange(tr, i, tracked, step)
    const slice = step.slice
    const $from = tracked.doc.resolve(from)
    if (!$from.parent.isTextblock || to > $from.end() || slice.openStart > 0 || slice.openEnd > 0) return null
    // One change in many fields (全部替换) is a suggestion per field: staff accept or reject each where it is.
    if (field !== null && field !== $from.start()) inserted = deleted = null
    field = $from.start()
    let text = ''
    let plainText = true
    slice.content.forEach((node) => {
      if (node.isText) text += node.text
      else plainText = false
    })
    if (!plainText) return null

    // Typing on at the edge of one's own suggestion extends it rather than starting a new one.
    const adjacent = (type: string, at: number): SuggestionInfo | null => {
      const $at = tracked.doc.resolve(at)
      for (const node of [$at.nodeBefore, $at.nodeAfter]) {
        const found = node?.isText ? suggestionOf(node.marks, type) : null
        if (found?.author === who.author) return found
      }
      return null
    }
    deleted ??= adjacent(MARK.deletion, from) ?? adjacent(MARK.deletion, to)

    // Deleted range: one's own pending insertions go, everything else is marked.
    let end = to
    const ownInsertions: [number, number][] = []
    tracked.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true
      const start = Math.max(pos, from)
      const stop = Math.min(pos + node.nodeSize, to)
      const insertion = suggestionOf(node.marks, MARK.insertion)
      if (insertion?.author === who.author) ownInsertions.push([start, stop])
      else if (!suggestionOf(node.marks, MARK.deletion)) {
        deleted ??= info()
        tracked.addMark(start, stop, deletionMark.create(deleted))
      }
      return false
    })
    for (const [start, stop] of ownInsertions.reverse()) {
      tracked.delete(start, stop)
      end -= stop - start
    }
    // New text follows the struck text (also text struck by an earlier keystroke).
    if (text !== '') {
      const limit = tracked.doc.resolve(end).end()
      tracked.doc.nodesBetween(end, limit, (node, pos) => {
        if (!node.isText || pos > end || !suggestionOf(node.marks, MARK.deletion)) return !node.isText
        end = pos + node.nodeSize
        return false
      })
      inserted ??= adjacent(MARK.insertion, end) ?? info()
      tracked.insert(end, state.schema.text(text, [insertionMark.create(inserted)]))
      cursor = end + text.length - after
    } else {
      // Backspace ends before the struck text, Delete after it.
      const forward = state.selection.from === from && state.selection.empty
      cursor = forward ? end : from
    }
  }
  if (cursor !== null) tracked.setSelection(TextSelection.create(tracked.doc, cursor))
  return tracked.scrollIntoView()
}

/** Which suggestions a decision covers. */
export interface SuggestionFilter {
  author?: string
  /** Only those overlapping this range. */
  range?: { from: number; to: number }
  id?: string
}

const matches = (info: SuggestionInfo, filter: SuggestionFilter) =>
  (filter.author === undefined || info.author === filter.author) && (filter.id === undefined || info.id === filter.id)

/** A field's content as the pairing of replacements reads it. */
const runsOf = (block: PMNode): MarkedRun[] => {
  const runs: MarkedRun[] = []
  block.forEach((child) =>
    runs.push(child.isText
      ? { text: child.text ?? '', insertion: suggestionOf(child.marks, MARK.insertion), deletion: suggestionOf(child.marks, MARK.deletion) }
      : { text: '', insertion: null, deletion: null }),
  )
  return runs
}

/** The replacements (a deletion and an insertion made together, one suggestion) in a field. */
export const replacementsOf = (block: PMNode): Replacement[] => replacementsIn(runsOf(block))

/**
 * The ids of the text suggestions the filter covers, with the other half of
 * every replacement among them (it may lie just outside a selection), and
 * the fields they are in.
 */
function chosenTextSuggestions(doc: PMNode, filter: SuggestionFilter): { ids: Set<string>; blocks: { node: PMNode; pos: number }[] } {
  const ids = new Set<string>()
  const blocks: { node: PMNode; pos: number }[] = []
  const { from, to } = filter.range ?? { from: 0, to: doc.content.size }
  doc.nodesBetween(from, to, (node, pos) => {
    if (node.isTextblock) blocks.push({ node, pos })
    if (!node.isText) return true
    for (const type of [MARK.insertion, MARK.deletion]) {
      const info = suggestionOf(node.marks, type)
      if (info && matches(info, filter)) ids.add(info.id)
    }
    return false
  })
  for (const { node } of blocks) {
    if (!node.content.size) continue
    for (const { deletion, insertion } of replacementsOf(node)) {
      if (!ids.has(deletion.id) && !ids.has(insertion.id)) continue
      ids.add(deletion.id).add(insertion.id)
    }
  }
  return { ids, blocks }
}

/** What a decision did: its change (null when there is nothing to do), and the figure cells it left undecided. */
export interface Decision {
  tr: Transaction | null
  /** A figure cell whose suggestions compete (`rivalInsertions`): its project's name, its field's label and each person's text. */
  rivals: { project: string; label: string; texts: string[] }[]
}

/**
 * Accepts (`true`) or rejects (`false`) the suggestions the filter covers:
 * accepting keeps inserted text and removes deleted text, rejecting does
 * the opposite. A replacement is decided whole, and so is a suggestion the
 * filter touches. An ordinary edit, so concurrent typing nearby survives.
 * A figure cell where two people suggest values is not accepted into: the
 * one not taken is rejected first.
 */
export function decideSuggestions(state: EditorState, accept: boolean, filter: SuggestionFilter = {}): Decision {
  const tr = state.tr.setMeta('suggestion-decision', true)
  const remove: [number, number][] = []
  const unmark: [number, number, string][] = []
  const rivals: Decision['rivals'] = []
  const { from, to } = filter.range ?? { from: 0, to: state.doc.content.size }
  const { ids, blocks } = chosenTextSuggestions(state.doc, filter)
  for (const block of blocks) {
    const cell = accept ? FIGURE_CELLS.get(block.node.type.name) : undefined
    const texts = cell ? rivalInsertions(runsOf(block.node)) : []
    if (texts.length > 0 && holdsChosen(block.node, ids)) {
      rivals.push({ project: projectOf(state.doc.resolve(block.pos + 1))?.name ?? '', label: cell!.field.label, texts })
      continue
    }
    block.node.forEach((node, offset) => {
      const pos = block.pos + 1 + offset
      for (const type of [MARK.insertion, MARK.deletion]) {
        const info = node.isText ? suggestionOf(node.marks, type) : null
        if (!info || !ids.has(info.id)) continue
        const keep = (type === MARK.insertion) === accept
        if (keep) unmark.push([pos, pos + node.nodeSize, type])
        else remove.push([pos, pos + node.nodeSize])
      }
    })
  }
  const settleRows: number[] = []
  state.doc.nodesBetween(from, to, (node, pos) => {
    const suggestion = rowSuggestionOf(node)
    if (!suggestion || !matches(suggestion, filter)) return true
    if ((suggestion.kind === 'insert') === accept) settleRows.push(pos)
    else remove.push([pos, pos + node.nodeSize])
    return false
  })
  if (remove.length === 0 && unmark.length === 0 && settleRows.length === 0) return { tr: null, rivals }
  for (const [start, end, type] of unmark) tr.removeMark(start, end, state.schema.marks[type])
  for (const pos of settleRows) tr.setNodeMarkup(pos, undefined, { ...state.doc.nodeAt(pos)!.attrs, suggestion: null })
  // Removals from the end, so earlier positions stay valid; a text range inside a removed row goes with it.
  const sorted = remove.sort((a, b) => b[0] - a[0]).filter(([start, end], i, all) => !all.some(([s, e], j) => j !== i && s <= start && end <= e && (s !== start || e !== end)))
  for (const [start, end] of sorted) tr.delete(tr.mapping.map(start), tr.mapping.map(end))
  return { tr, rivals }
}

/** Whether the field holds text of a chosen suggestion. */
const holdsChosen = (block: PMNode, ids: ReadonlySet<string>) =>
  runsOf(block).some((run) => (run.insertion && ids.has(run.insertion.id)) || (run.deletion && ids.has(run.deletion.id)))

/**
 * How many 处 a decision with this filter covers (for "接受全部 N 处修订？"):
 * places in the text as `pendingPlaces` reads them (a replacement at one
 * place is one; 全部替换's one id over 48 places is 48), and each proposed row.
 */
export function countSuggestions(doc: PMNode, filter: SuggestionFilter = {}): number {
  const { ids, blocks } = chosenTextSuggestions(doc, filter)
  let places = 0
  for (const { node } of blocks) places += pendingPlaces(runsOf(node), (info) => ids.has(info.id))
  const { from, to } = filter.range ?? { from: 0, to: doc.content.size }
  doc.nodesBetween(from, to, (node) => {
    const row = rowSuggestionOf(node)
    if (row && matches(row, filter)) places++
    return !node.isText
  })
  return places
}

/** The authors of the suggestions in a document, for "accept all by …". */
export function suggestionAuthors(doc: PMNode): string[] {
  const authors = new Set<string>()
  doc.descendants((node) => {
    const row = rowSuggestionOf(node)
    if (row) authors.add(row.author)
    for (const type of [MARK.insertion, MARK.deletion]) {
      const info = suggestionOf(node.marks, type)
      if (info) authors.add(info.author)
    }
    return true
  })
  return [...authors]
}
