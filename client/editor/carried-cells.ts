/**
 * The targets carried into a 绩效运行监控 or 绩效自评 are not edited there
 * (a change of targets is a 目标调整, not an edit): the server refuses any
 * update to them, and the editor mirrors that — their cells are shown not
 * editable, and a local transaction that would change one (typing, paste,
 * a deleted or added row, a 一级/二级 choice, a suggestion mark) is dropped
 * before it reaches the document, so nobody types into a cell only to be
 * told by the server afterwards. Changes from others (Yjs) pass.
 */
import { Extension } from '@tiptap/core'
import type { Node as PMNode } from '@tiptap/pm/model'
import { Plugin, Selection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { carriesTargets, isCarriedNode } from '@shared/review/carried-cells'

export { carriesTargets }

/**
 * Which cells are carried is the server's rule (`isCarriedNode`, spec #30),
 * read here with each node's place in the document so the editor and the
 * server can never disagree: in the projects, everything but the cells a
 * 监控 or 自评 fills in.
 */

/** The names of the nodes around `pos`, innermost first (as the server reads an item's parents). */
export function namesAround(doc: PMNode, pos: number): string[] {
  const $pos = doc.resolve(pos)
  const names: string[] = []
  for (let depth = $pos.depth; depth >= 0; depth--) names.push($pos.node(depth).type.name)
  return names
}

/** Whether a change inside the node named first of `names` (the rest its ancestors) is to a carried target. */
const carriedIn = (kind: string | undefined, [name, ...path]: readonly string[]): boolean => name !== undefined && isCarriedNode(kind, name, path)

/**
 * Whether `from..to` of `doc` (deleted, replaced or marked) changes a
 * carried target: text in it, or a node whose opening or closing falls in
 * the range (removed, or joined with its neighbour) — which changes its
 * parent. Marks change only text (`textOnly`).
 */
function rangeTouches(doc: PMNode, from: number, to: number, kind: string | undefined, textOnly = false): boolean {
  if (from >= to) return false
  let touched = false
  doc.nodesBetween(from, to, (node, pos) => {
    if (touched) return false
    const end = pos + node.nodeSize
    const opensOrCloses = !textOnly && ((pos >= from && pos < to) || (end > from && end <= to))
    if (node.isText || opensOrCloses) touched = carriedIn(kind, namesAround(doc, pos))
    return !touched
  })
  return touched
}

/**
 * Whether a transaction, in a document of `kind`, changes a carried target:
 * text typed into, deleted from or marked in a carried cell, a cell removed
 * (with its row or project), new rows or projects (whose cells would be
 * targets nobody approved), a row's 一级/二级 set. Steps are judged on the
 * document each applies to, at the place each lands, as the server judges
 * the Yjs update they make.
 */
export function touchesCarried(tr: Transaction, kind: string | undefined): boolean {
  if (!carriesTargets(kind)) return false
  return tr.steps.some((step, i) => {
    const doc = tr.docs[i]!
    const json = step.toJSON() as { stepType: string; from?: number; to?: number; pos?: number }
    // A node's attributes (a row's 一级/二级) set in place: a change inside that node.
    if (json.stepType === 'attr' && json.pos !== undefined) {
      const node = doc.nodeAt(json.pos)
      if (node !== null && carriedIn(kind, [node.type.name, ...namesAround(doc, json.pos)])) return true
    }
    // New content lands where the step puts it.
    const slice = (step as unknown as { slice?: { size: number } }).slice
    if (slice && slice.size > 0 && json.from !== undefined && carriedIn(kind, namesAround(doc, json.from))) return true
    let touched = false
    step.getMap().forEach((oldStart, oldEnd) => {
      if (!touched) touched = rangeTouches(doc, oldStart, oldEnd, kind)
    })
    // Mark steps have no map: their range is their own.
    if (!touched && (json.stepType === 'addMark' || json.stepType === 'removeMark') && json.from !== undefined && json.to !== undefined) {
      touched = rangeTouches(doc, json.from, json.to, kind, true)
    }
    return touched
  })
}

/** Whether a transaction is this person's own edit (not Yjs bringing in others' changes or an undo of them). */
const isOwnChange = (tr: Transaction): boolean => {
  const ySync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean }
  return tr.docChanged && !ySync.isChangeOrigin
}

/** Whether the selection has an end in a carried cell (where the caret can sit, but nothing can be typed). */
export function selectionInCarried(state: EditorState, kind: string | undefined): boolean {
  if (!carriesTargets(kind)) return false
  const { from, to } = state.selection
  return [from, to].some((pos) => carriedIn(kind, namesAround(state.doc, pos)))
}

/** Keys that would type, delete or start an input method's composition, without a shortcut modifier. */
const typesText = (event: KeyboardEvent): boolean =>
  !event.ctrlKey && !event.metaKey && !event.altKey && (event.key.length === 1 || ['Backspace', 'Delete', 'Enter', 'Process'].includes(event.key))

/**
 * Where a navigation key takes the caret from inside a carried cell. The
 * cell's text is not editable in the page (its contentDOM), and there the
 * browser treats End, Home and the arrows as page scrolling: End jumped to
 * the last project and the caret stayed in the locked cell. The editor
 * moves it instead: Home/End to the cell's start or end, the arrows a
 * character along or to the neighbouring cell.
 */
export function movedCaret(state: EditorState, key: string, extend: boolean): Selection | null {
  const { doc, selection } = state
  const $head = selection.$head
  let target: Selection | null = null
  if (key === 'Home' || key === 'End') target = TextSelection.create(doc, key === 'End' ? $head.end() : $head.start())
  else if (key === 'ArrowLeft' && $head.pos > $head.start()) target = TextSelection.create(doc, $head.pos - 1)
  else if (key === 'ArrowRight' && $head.pos < $head.end()) target = TextSelection.create(doc, $head.pos + 1)
  else if (key === 'ArrowLeft' || key === 'ArrowUp') target = $head.depth > 0 ? Selection.findFrom(doc.resolve($head.before()), -1, true) : null
  else if (key === 'ArrowRight' || key === 'ArrowDown') target = $head.depth > 0 ? Selection.findFrom(doc.resolve($head.after()), 1, true) : null
  else return null
  if (target === null) return selection
  return extend ? TextSelection.between(selection.$anchor, target.$head) : target
}

/**
 * Drops one's own transactions that would change a carried cell, in a
 * document whose kind carries targets (`kind` read when the editor opens;
 * a document's kind never changes). `onRefused` hears it, to say why —
 * also for a key typed in a carried cell, which the browser would swallow
 * without a word (the cell's text is not editable in the page, so no
 * transaction is ever made).
 *
 * A click in an open cell puts the caret where it landed, from the
 * editor's own reading of the point, rather than the browser's selection
 * (which, after the caret sat in a non-editable carried cell, could stay
 * there: text typed next went nowhere or into another cell).
 */
export const CarriedCells = Extension.create<{ kind: () => string | undefined; onRefused: () => void }>({
  name: 'carriedCells',
  // Before the keymaps: a key in a carried cell is answered here, not by a command the filter then drops silently.
  priority: 1000,
  addOptions: () => ({ kind: () => undefined, onRefused: () => {} }),
  addProseMirrorPlugins() {
    const { kind, onRefused } = this.options
    const refuse = (event: Event): true => {
      event.preventDefault()
      onRefused()
      return true
    }
    return [
      new Plugin({
        filterTransaction: (tr) => {
          if (!isOwnChange(tr) || !touchesCarried(tr, kind())) return true
          onRefused()
          return false
        },
        props: {
          handleKeyDown: (view: EditorView, event: KeyboardEvent) => {
            if (!view.editable || !selectionInCarried(view.state, kind())) return false
            if (typesText(event)) return refuse(event)
            if (event.ctrlKey || event.metaKey || event.altKey) return false
            const moved = movedCaret(view.state, event.key, event.shiftKey)
            if (moved === null) return false
            if (!moved.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(moved).scrollIntoView())
            event.preventDefault()
            return true
          },
          handleDOMEvents: {
            beforeinput: (view: EditorView, event: InputEvent) =>
              view.editable && /^(insert|delete)/.test(event.inputType) && selectionInCarried(view.state, kind()) ? refuse(event) : false,
          },
          handleClick: (view: EditorView, pos: number) => {
            if (!view.editable || !carriesTargets(kind())) return false
            const $pos = view.state.doc.resolve(pos)
            if (!$pos.parent.isTextblock || carriedIn(kind(), namesAround(view.state.doc, pos))) return false
            // A cell the form derives (not editable in the page either): the browser's own selection, as before.
            const { node } = view.domAtPos(pos)
            const element = node instanceof HTMLElement ? node : node.parentElement
            if (!element?.isContentEditable) return false
            const caret = TextSelection.create(view.state.doc, pos)
            if (!caret.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(caret))
            return true
          },
        },
      }),
    ]
  },
})
