/**
 * Paste in a form of one-line text fields: what is on the clipboard
 * (`@shared/formats/clipboard/read-clipboard`) goes where a person expects
 * it, never through ProseMirror's default, which splits a field at every
 * line break and so breaks rows and tables.
 *
 * - Text stays in the field the cursor is in, its lines made one.
 * - A grid (a table from Word, WPS, Excel or a web page) pasted in an
 *   indicator row fills the rows and columns from the cursor's cell and
 *   adds rows as needed, as a spreadsheet would (`grid-onto-rows.ts`);
 *   anywhere else its text goes into the field.
 * - A grid pasted on a 资金支出计划 fills its dates and percentages across
 *   (`spending-paste.ts`).
 * - Indicator rows copied in the editor itself paste as rows the same way.
 * - Whole 绩效目标表 — from a Word file or a web page, or projects copied in
 *   this or another document — are offered as new projects (the page asks).
 *
 * Text or a table dropped from another program is pasted where it lands.
 * What was pasted, left out or kept as written is said to the person.
 *
 * The clipboard's reader holds the importers (published text, HTML, the
 * kinds' forms): a chunk of its own, loaded once the editor is on screen
 * (`loadClipboardReader`); a paste that comes before it is applied when it
 * is in.
 */
import { Extension } from '@tiptap/core'
import type { Slice } from '@tiptap/pm/model'
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { joinLines } from '@shared/formats/clipboard/join-lines'
import type { ClipboardContent } from '@shared/formats/clipboard/read-clipboard'
import type { ProjectText } from '@shared/model/document-text'
import { T } from '../i18n/zh-CN'
import { copiedProjects } from './add-projects'
import { planGridPaste, planRowPaste, type GridPastePlan, type GridTarget } from './grid-onto-rows'
import { copiedRows, gridPasteTransaction, indicatorCellAt, overwrittenCells, type IndicatorCell } from './grid-paste'
import { planSpendingPaste, spendingCellAt, spendingPasteTransaction, type SpendingCell, type SpendingPaste } from './spending-paste'

export interface PasteListener {
  /** Says what a paste did, left out or could not do. */
  say(message: string): void
  /** The paste held whole 绩效目标表: ask before adding them as projects (`add-projects.ts`). */
  offerProjects(projects: ProjectText[]): void
}

export const TablePaste = Extension.create<{ listener: PasteListener }>({
  name: 'tablePaste',
  // Before any other paste or drop handler: nothing else may split a field.
  priority: 1000,
  addOptions: () => ({ listener: { say: () => {}, offerProjects: () => {} } }),
  addProseMirrorPlugins() {
    const { editor } = this
    const listener = this.options.listener
    const tracking = () => editor.storage.suggestMode.enabled
    return [
      new Plugin({
        key: new PluginKey('tablePaste'),
        props: {
          handlePaste: (view, event, slice) => {
            if (!event.clipboardData) return false
            paste(view, event.clipboardData, slice, listener, tracking())
            return true
          },
          // Dropped from another program or tab, it is a paste where it lands (moving text within the editor stays ProseMirror's).
          handleDrop: (view, event, slice, moved) => {
            if (moved || !event.dataTransfer) return false
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
            if (!at) return true
            const $at = view.state.doc.resolve(at.pos)
            if (!$at.parent.isTextblock) return true
            view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, at.pos)))
            paste(view, event.dataTransfer, slice, listener, tracking())
            return true
          },
        },
      }),
    ]
  },
})

function paste(view: EditorView, data: DataTransfer, slice: Slice, listener: PasteListener, tracking: boolean): void {
  // What the last paste said is not about this one.
  listener.say('')
  const at = indicatorCellAt(view.state)
  // Projects and rows copied in an editor (this document or another) come back as projects and rows.
  const copied = copiedProjects(slice, view.state.schema)
  if (copied.length > 0) return listener.offerProjects(copied)
  const rows = copiedRows(slice)
  if (rows.length > 0 && at) return listener.say(pasteGrid(view, at, planRowPaste(rows, targetOf(at)), tracking))
  // The clipboard is readable only while its event lasts.
  const html = data.getData('text/html')
  const text = data.getData('text/plain')
  if (reader) return pasteRead(view, reader(html, text), listener, tracking)
  void loadClipboardReader().then((read) => {
    if (!view.isDestroyed) pasteRead(view, read(html, text), listener, tracking)
  })
}

type ReadClipboard = typeof import('@shared/formats/clipboard/read-clipboard').readClipboard
let reader: ReadClipboard | null = null
let loading: Promise<ReadClipboard> | null = null

/** Loads the clipboard's reader (once); the document's session asks for it once the document is on screen. */
export function loadClipboardReader(): Promise<ReadClipboard> {
  loading ??= import('@shared/formats/clipboard/read-clipboard').then((m) => (reader = m.readClipboard))
  return loading
}

function pasteRead(view: EditorView, content: ClipboardContent, listener: PasteListener, tracking: boolean): void {
  const at = indicatorCellAt(view.state)
  if (content.kind === 'projects') return listener.offerProjects(content.projects)
  if (content.kind === 'grid' && at) return listener.say(pasteGrid(view, at, planGridPaste(content.rows, targetOf(at)), tracking))
  const spending = spendingCellAt(view.state)
  if (content.kind === 'grid' && spending) return listener.say(pasteSpending(view, spending, planSpendingPaste(content.rows, spending.row), tracking))
  pasteText(view, content.kind === 'grid' ? joinLines(content.rows.map((row) => row.join(' ')).join('\n')) : content.text, listener)
}

function pasteText(view: EditorView, text: string, listener: PasteListener): void {
  const { $from, from, to } = view.state.selection
  if (!$from.parent.isTextblock) return listener.say(T.paste.placeCursor)
  if (text === '') return
  // A selection reaching into other fields is replaced only in the field where it starts: a paste never joins fields.
  view.dispatch(view.state.tr.insertText(text, from, Math.min(to, $from.end())).scrollIntoView())
}

const targetOf = (at: IndicatorCell): GridTarget => ({ columns: at.columns, start: { row: at.row, column: at.column }, rowCount: at.rowCount })

/** Applies the plan and returns what to tell the person. */
function pasteGrid(view: EditorView, at: IndicatorCell, plan: GridPastePlan, tracking: boolean): string {
  const overwritten = overwrittenCells(view.state.doc, at.project, plan)
  if (tracking) {
    // A proposal is text changed in fields or rows added, never both in one change, and never a classification.
    const text = gridPasteTransaction(view.state, at.project, plan, { levels: false, existing: true, added: false })
    if (text) view.dispatch(text)
    const added = gridPasteTransaction(view.state, at.project, plan, { levels: false, existing: false, added: true })
    if (added) view.dispatch(added.scrollIntoView())
  } else {
    const tr = gridPasteTransaction(view.state, at.project, plan, { levels: true, existing: true, added: true })
    if (tr) view.dispatch(tr.scrollIntoView())
  }
  const levelsLeft = tracking && plan.rows.some((row) => row.row < at.rowCount && (row.level1 || row.level2))
  return describe(plan, overwritten, levelsLeft, tracking)
}

function pasteSpending(view: EditorView, at: SpendingCell, paste: SpendingPaste, tracking: boolean): string {
  const parts = tracking ? [{ existing: true, added: false }, { existing: false, added: true }] : [{ existing: true, added: true }]
  const before = view.state.doc.nodeAt(at.plan)?.childCount ?? 0
  for (const part of parts) {
    const tr = spendingPasteTransaction(view.state, at, paste, part)
    if (tr) view.dispatch(tr.scrollIntoView())
  }
  const added = Math.max(0, at.entry + paste.entries.length - before)
  return [T.paste.spending(paste.entries.length, added), ...(paste.dropped ? [T.paste.spendingDropped(paste.dropped)] : [])].join('；')
}

function describe(plan: GridPastePlan, overwritten: number, levelsLeft: boolean, tracking: boolean): string {
  return [
    T.paste.grid(plan.rows.length, plan.width, plan.added),
    ...(overwritten ? [tracking ? T.paste.overwriteSuggested(overwritten) : T.paste.overwritten(overwritten)] : []),
    ...(plan.dropped ? [T.paste.dropped(plan.dropped)] : []),
    ...plan.unknown.map((u) => T.paste.unknownLevel(u.row + 1, u.column === 'level1' ? T.level1 : T.level2, u.written)),
    ...(levelsLeft ? [T.paste.levelsNotSuggested] : []),
  ].join('；')
}
