/**
 * Undo as in Word: one Ctrl+Z takes back one step of one's own, or does
 * nothing. Yjs' UndoManager pops its stack until something changes, so
 * when a colleague or the server (恢复此项目, 恢复此版本) already took back
 * one's last edit, Ctrl+Z silently undid an older edit instead — in another
 * project, off screen. Here one step is one stack item, even when undoing
 * it finds nothing left to change.
 *
 * Nor does a step come undone into a colleague's later change to the same
 * field: Yjs would take out one's own characters and put back what one had
 * deleted among theirs — an accepted 3.50 that a colleague then made 3.80
 * came back from Ctrl+Z as a figure of both. Such a step is refused, and
 * used up, with a word to the person (`watchOthers`).
 */
import type { EditorState } from '@tiptap/pm/state'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** The Yjs undo manager of an editor's state (Collaboration's), to use or to clear after a restore. */
export const undoManagerOf = (state: EditorState): Y.UndoManager | null =>
  (yUndoPluginKey.getState(state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager ?? null

/** What one Ctrl+Z (or Ctrl+Y) did. */
export type StepOutcome = 'done' | 'nothing-left' | 'others-changed-it'

/**
 * When others last changed each part of the document, counted in the document's transactions: the text
 * they changed (`changed`), and every part that holds a change of theirs (`within`).
 */
interface OthersChanges {
  count: number
  readonly changed: WeakMap<SharedType, number>
  readonly within: WeakMap<SharedType, number>
}

/** A part of the document as a transaction names what it changed. */
// (`any`: Yjs' own type for the keys of `transaction.changed`.)
type SharedType = Y.AbstractType<Y.YEvent<any>>

const watched = new WeakMap<Y.UndoManager, OthersChanges>()
/** A stack item's meta key: the transaction count when it was made. */
const MADE_AT = 'jixiao:madeAt'

/**
 * Starts noting what others change (remote changes, the server's restores): from then on a step of
 * `undoManager` that a later change of theirs touched is refused. Returns how to stop.
 */
export function watchOthers(undoManager: Y.UndoManager): () => void {
  const changes: OthersChanges = { count: 0, changed: new WeakMap(), within: new WeakMap() }
  watched.set(undoManager, changes)
  const onTransaction = (transaction: Y.Transaction) => {
    changes.count++
    if (transaction.origin === undoManager || undoManager.trackedOrigins.has(transaction.origin)) return
    for (const type of transaction.changed.keys()) changes.changed.set(type, changes.count)
    for (const type of transaction.changedParentTypes.keys()) changes.within.set(type, changes.count)
  }
  const onStackItem = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => {
    // A step that typing goes on adding to keeps when it began: a change of others in between is after it.
    if (!stackItem.meta.has(MADE_AT)) stackItem.meta.set(MADE_AT, changes.count)
  }
  undoManager.doc.on('afterTransaction', onTransaction)
  undoManager.on('stack-item-added', onStackItem)
  return () => {
    undoManager.doc.off('afterTransaction', onTransaction)
    undoManager.off('stack-item-added', onStackItem)
    watched.delete(undoManager)
  }
}

type StackItem = Y.UndoManager['undoStack'][number]

/** Every item of `doc` in `set`'s ranges (collected garbage has none). */
function* itemsIn(doc: Y.Doc, set: StackItem['insertions']): Generator<Y.Item> {
  for (const [client, ranges] of set.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(doc.store, client)) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]
        if (struct instanceof Y.Item) yield struct
      }
    }
  }
}

/**
 * Whether others changed, after `step` was made, a text it changed, or wrote within a part it made (a row it
 * added): undoing it would mix its undoing into their change, or delete their words with the row.
 */
function othersChangedSince(undoManager: Y.UndoManager, step: StackItem): boolean {
  const changes = watched.get(undoManager)
  const madeAt = step.meta.get(MADE_AT) as number | undefined
  if (!changes || madeAt === undefined) return false
  const after = (at: number | undefined) => at !== undefined && at > madeAt
  for (const set of [step.insertions, step.deletions]) {
    for (const item of itemsIn(undoManager.doc, set)) {
      if (after(changes.changed.get(item.parent as SharedType))) return true
      if (set === step.insertions && item.content instanceof Y.ContentType && after(changes.within.get(item.content.type))) return true
    }
  }
  return false
}

/** Undoes (or redoes) the last step alone, unless others changed what it changed since; either way the step is used up. */
export function undoOneStep(undoManager: Y.UndoManager, direction: 'undo' | 'redo'): StepOutcome {
  const key = direction === 'undo' ? 'undoStack' : 'redoStack'
  const earlier = undoManager[key]
  const last = earlier.pop()
  if (!last) return 'nothing-left'
  if (othersChangedSince(undoManager, last)) return 'others-changed-it'
  undoManager[key] = [last]
  try {
    return (direction === 'undo' ? undoManager.undo() : undoManager.redo()) !== null ? 'done' : 'nothing-left'
  } finally {
    undoManager[key] = earlier
  }
}
