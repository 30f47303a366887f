/**
 * Undo as in Word: one Ctrl+Z takes back one step of one's own, or does
 * nothing. Yjs' UndoManager pops its stack until something changes, so
 * when a colleague or the server (恢复此项目, 恢复此版本) already took back
 * one's last edit, Ctrl+Z silently undid an older edit instead — in another
 * project, off screen. Here one step is one stack item, even when undoing
 * it finds nothing left to change.
 *
 * Nor does a step come undone into a colleague's later change beside it:
 * Yjs would take out one's own characters and put back what one had
 * deleted among theirs — an accepted 3.50 that a colleague then made 3.80
 * came back from Ctrl+Z as a figure of both. Nor into a row or project they
 * have since deleted or moved, where it would change nothing without a
 * word. Such a step is refused with a word to the person, and the steps
 * before it go with it: undoing them past one that stays would be undoing
 * out of order, an off-screen edit taken back by the next Ctrl+Z
 * (`watchOthers`).
 */
import type { EditorState } from '@tiptap/pm/state'
import { yUndoPluginKey } from '@tiptap/y-tiptap'
import * as Y from 'yjs'

/** The Yjs undo manager of an editor's state (Collaboration's), to use or to clear after a restore. */
export const undoManagerOf = (state: EditorState): Y.UndoManager | null =>
  (yUndoPluginKey.getState(state) as { undoManager?: Y.UndoManager } | undefined)?.undoManager ?? null

/**
 * Whether there is a step to undo and one to redo, as `onChange` is told whenever that may have changed: read
 * after a step's juggling of the stacks is over (a microtask after the event). Returns how to stop.
 */
export function watchDepth(undoManager: Y.UndoManager, onChange: (depth: { undo: boolean; redo: boolean }) => void): () => void {
  const read = () => queueMicrotask(() => onChange({ undo: undoManager.undoStack.length > 0, redo: undoManager.redoStack.length > 0 }))
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const
  events.forEach((event) => undoManager.on(event, read))
  read()
  return () => events.forEach((event) => undoManager.off(event, read))
}

/** What one Ctrl+Z (or Ctrl+Y) did. */
export type StepOutcome = 'done' | 'nothing-left' | 'others-changed-it'

/** What an undo or redo did, and where others' change refused it: a text it was in, to name the place (null: none is left to say). */
export interface Step {
  outcome: StepOutcome
  where: Y.XmlText | null
}

/** A part of the document as a transaction names what it changed. */
// (`any`: Yjs' own type for the keys of `transaction.changed`.)
type SharedType = Y.AbstractType<Y.YEvent<any>>

/**
 * When others last changed each part of the document, counted in the document's transactions: the text
 * they changed (`changed`), and every part that holds a change of theirs (`within`).
 */
interface OthersChanges {
  count: number
  /** The count at their last change. */
  last: number
  readonly changed: WeakMap<SharedType, number>
  readonly within: WeakMap<SharedType, number>
}

const watched = new WeakMap<Y.UndoManager, OthersChanges>()
/** A stack item's meta keys: the transaction count when it was made, and what of whom the document had then. */
const MADE_AT = 'jixiao:madeAt'
const SEEN = 'jixiao:seen'

/**
 * Starts noting what others change (remote changes, the server's restores): from then on a step of
 * `undoManager` that a later change of theirs touched is refused. Returns how to stop.
 */
export function watchOthers(undoManager: Y.UndoManager): () => void {
  const changes: OthersChanges = { count: 0, last: 0, changed: new WeakMap(), within: new WeakMap() }
  watched.set(undoManager, changes)
  const onTransaction = (transaction: Y.Transaction) => {
    changes.count++
    if (transaction.origin === undoManager || undoManager.trackedOrigins.has(transaction.origin)) return
    changes.last = changes.count
    for (const type of transaction.changed.keys()) changes.changed.set(type, changes.count)
    for (const type of transaction.changedParentTypes.keys()) changes.within.set(type, changes.count)
  }
  const onStackItem = ({ stackItem }: { stackItem: { meta: Map<unknown, unknown> } }) => {
    // A step that typing goes on adding to keeps when it began: a change of others in between is after it.
    if (stackItem.meta.has(MADE_AT)) return
    stackItem.meta.set(MADE_AT, changes.count)
    stackItem.meta.set(SEEN, Y.decodeStateVector(Y.encodeStateVector(undoManager.doc)))
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

/** Every struct of `doc` in `set`'s ranges: items, and collected garbage where deleted content went with what held it. */
function* structsIn(doc: Y.Doc, set: StackItem['insertions']): Generator<Y.Item | Y.GC> {
  for (const [client, ranges] of set.clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(doc.store, client)) continue
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]
        if (struct instanceof Y.Item || struct instanceof Y.GC) yield struct
      }
    }
  }
}

/**
 * The outermost row, project or section holding `type` that has been deleted (or moved: a move deletes and
 * writes anew), if any: the deletion is a change of what holds that, not of anything inside it.
 */
function deletedHolder(type: SharedType): Y.Item | null {
  let outermost: Y.Item | null = null
  for (let item = type._item; item; item = (item.parent as SharedType)._item) if (item.deleted) outermost = item
  return outermost
}

/**
 * Whether others, after `step` was made, wrote right beside what it wrote or deleted (within a text they
 * changed), wrote within a part it made (a row it added), or deleted or moved what holds it: undoing it
 * would mix its undoing into their change, delete their words with the row, or change nothing unsaid.
 * What they changed elsewhere in a long paragraph is no reason.
 */
function othersChangedSince(undoManager: Y.UndoManager, step: StackItem): { where: Y.XmlText | null } | null {
  const changes = watched.get(undoManager)
  const madeAt = step.meta.get(MADE_AT) as number | undefined
  const seen = step.meta.get(SEEN) as Map<number, number> | undefined
  if (!changes || madeAt === undefined || !seen) return null
  const after = (at: number | undefined) => at !== undefined && at > madeAt
  const own = undoManager.doc.clientID
  const writtenByOthersSince = (item: Y.Item) => item.id.client !== own && item.id.clock >= (seen.get(item.id.client) ?? 0)
  // Beside it as one reads the text: the next character shown either way, and whatever deleted lies between.
  const besideByOthers = (item: Y.Item) =>
    (['left', 'right'] as const).some((side) => {
      for (let next = item[side]; next; next = next[side]) {
        if (writtenByOthersSince(next)) return true
        if (!next.deleted) return false
      }
      return false
    })
  for (const set of [step.insertions, step.deletions]) {
    for (const struct of structsIn(undoManager.doc, set)) {
      // What it wrote, collected with a row or project deleted (or moved) since: the step has nothing left to undo.
      if (struct instanceof Y.GC) {
        if (set === step.insertions && after(changes.last)) return { where: textOf(undoManager.doc, step) }
        continue
      }
      const parent = struct.parent as SharedType
      if (after(changes.changed.get(parent)) && besideByOthers(struct)) return { where: parent instanceof Y.XmlText ? parent : textOf(undoManager.doc, step) }
      if (set === step.insertions && struct.content instanceof Y.ContentType && after(changes.within.get(struct.content.type))) return { where: textOf(undoManager.doc, step) }
      const holder = deletedHolder(parent)
      if (holder && after(changes.changed.get(holder.parent as SharedType))) return { where: textOf(undoManager.doc, step) }
    }
  }
  return null
}

/** The text a step wrote or deleted in, where one of its structs is still there to say (a field's, not a row's). */
function textOf(doc: Y.Doc, step: StackItem): Y.XmlText | null {
  for (const set of [step.insertions, step.deletions]) {
    for (const struct of structsIn(doc, set)) if (struct instanceof Y.Item && struct.parent instanceof Y.XmlText) return struct.parent
  }
  return null
}

/**
 * Undoes (or redoes) the last step alone; either way the step is used up. Refused when others changed what it
 * changed since: then the steps before it are dropped too.
 */
export function undoOneStep(undoManager: Y.UndoManager, direction: 'undo' | 'redo'): Step {
  const key = direction === 'undo' ? 'undoStack' : 'redoStack'
  const earlier = undoManager[key]
  const last = earlier.pop()
  if (!last) return { outcome: 'nothing-left', where: null }
  const changed = othersChangedSince(undoManager, last)
  if (changed) {
    undoManager[key] = []
    undoManager.emit('stack-cleared', [{ undoStackCleared: direction === 'undo', redoStackCleared: direction === 'redo' }])
    return { outcome: 'others-changed-it', where: changed.where }
  }
  undoManager[key] = [last]
  try {
    return { outcome: (direction === 'undo' ? undoManager.undo() : undoManager.redo()) !== null ? 'done' : 'nothing-left', where: null }
  } finally {
    undoManager[key] = earlier
  }
}
