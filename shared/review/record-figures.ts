/**
 * Records, in the same transaction as the typing, what a person leaves in
 * a figure cell (`schema/figure-cells.ts`): for each figure cell whose
 * agreed text one of the person's own transactions changed — typing, a
 * paste, a suggestion accepted or rejected — its `entered` attribute is set
 * to that text. The editor runs it as `appendTransaction`, so the Yjs
 * binding writes the text and the record as one Yjs transaction (one
 * update, one undo step: Ctrl+Z takes both back).
 *
 * Not recorded: changes that come from Yjs (a colleague's, an undo, a
 * restore — the record travels with them), a suggestion typed (the agreed
 * text is unchanged; reviewers thus never write one), a new cell left
 * empty. Pure: ProseMirror state in, a transaction or null out.
 */
import type { Node as PMNode } from '@tiptap/pm/model'
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { Mapping } from '@tiptap/pm/transform'
import { agreedText, ENTERED, enteredOf, isFigureCell } from '../schema/figure-cells'

/** Marks the transaction this module appends, so it is not read again as typing. */
export const RECORD_META = 'record-figures'

/** A person's own change to the document: not one from Yjs (a colleague's edit, an undo), not a record. */
function isOwnChange(tr: Transaction): boolean {
  const ySync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean }
  return tr.docChanged && !ySync.isChangeOrigin && !tr.getMeta(RECORD_META)
}

/** Where the steps of `transactions` that are the person's own touched the final document, as ranges. */
function touchedRanges(transactions: readonly Transaction[]): [number, number][] {
  const all = new Mapping()
  const starts: number[] = []
  for (const tr of transactions) {
    starts.push(all.maps.length)
    all.appendMapping(tr.mapping)
  }
  const ranges: [number, number][] = []
  transactions.forEach((tr, i) => {
    if (!isOwnChange(tr)) return
    tr.steps.forEach((step, j) => {
      // Mark steps change no positions: their own range says where (an accepted insertion is a removed mark).
      const { from, to } = step as unknown as { from?: number; to?: number }
      if (typeof from !== 'number' || typeof to !== 'number') return
      const after = all.slice(starts[i]! + j)
      ranges.push([after.map(from, -1), after.map(to, 1)])
    })
  })
  return ranges
}

/** The figure cells at or around a range of `doc`, by position. */
function figureCellsAround(doc: PMNode, [from, to]: [number, number], found: Map<number, PMNode>): void {
  const size = doc.content.size
  doc.nodesBetween(Math.max(0, from - 1), Math.min(size, to + 1), (node, pos) => {
    if (isFigureCell(node.type.name)) {
      found.set(pos, node)
      return false
    }
    return !node.isTextblock
  })
}

/**
 * The transaction that records the figure cells the person's transactions
 * changed, or null when none did. Arguments as ProseMirror's
 * `appendTransaction` passes them.
 */
export function recordFigures(transactions: readonly Transaction[], oldState: EditorState, newState: EditorState): Transaction | null {
  if (!transactions.some(isOwnChange)) return null
  const cells = new Map<number, PMNode>()
  for (const range of touchedRanges(transactions)) figureCellsAround(newState.doc, range, cells)
  if (cells.size === 0) return null
  const back = new Mapping()
  for (const tr of transactions) back.appendMapping(tr.mapping)
  const toOld = back.invert()
  let record: Transaction | null = null
  for (const [pos, cell] of cells) {
    const text = agreedText(cell)
    if (enteredOf(cell.attrs) === text) continue
    const before = oldState.doc.nodeAt(toOld.map(pos, 1))
    const was = before && before.type === cell.type ? agreedText(before) : ''
    if (was === text) continue
    record ??= newState.tr.setMeta(RECORD_META, true).setMeta('addToHistory', true)
    record.setNodeAttribute(pos, ENTERED, text)
  }
  return record
}
