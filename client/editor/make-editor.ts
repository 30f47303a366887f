/**
 * The editor: one Tiptap editor over the whole document, bound to the
 * Y.Doc's `content` (Collaboration, whose Yjs undo manager undoes only
 * one's own changes — there is no ProseMirror history), other people's
 * carets, and form-like keys (Tab between cells, Enter never breaks a table).
 *
 * `makeEditor` returns an editor the caller must destroy.
 */
import { Editor, Extension } from '@tiptap/core'
import { Plugin } from '@tiptap/pm/state'
import Collaboration, { type CollaborationOptions, type CollaborationStorage } from '@tiptap/extension-collaboration'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { contentOf } from '@shared/model/y-document'
import { MESSAGE } from '@shared/protocol/message-type'
import { documentExtensions } from '@shared/schema/extensions'
import './incremental-binding'
import { withNodeViews } from './node-views'
import { CommentAnchors } from './comment-anchors'
import { AuthorshipView } from './authorship-view'
import { addIndicator, moveToField } from './row-commands'
import { isLocalEdit, ownTyping, suggestTransaction, type Suggester } from './suggest-mode'
import { undoManagerOf, undoOneStep, watchOthers, type Step } from './undo-step'
import { TypingSteps } from './typing-steps'
import { NativeUndo } from './native-undo'
import { TablePaste, type PasteListener } from './table-paste'
import { CarriedCells } from './carried-cells'
import { targetsSourceOf } from '@shared/review/carried-cells'
import { DerivedValues } from './derived-values'
import { MergedFigures } from './merged-figures'
import { CaretInView } from './caret-in-view'
import { SelectionBeforeKeys } from './selection-before-keys'
import { othersAwareness } from './others-awareness'
import { ProjectPlaceholders } from './project-placeholders'
import { FindHighlight } from './find-highlight'
import { startFromYjs, type YjsMapping } from './initial-document'

export interface EditorUser {
  name: string
  color: string
}

const FormKeys = Extension.create({
  name: 'formKeys',
  addKeyboardShortcuts() {
    return {
      Tab: () => this.editor.commands.command(({ state, dispatch }) => moveToField(1)(state, dispatch)) || true,
      'Shift-Tab': () => this.editor.commands.command(({ state, dispatch }) => moveToField(-1)(state, dispatch)) || true,
      // In an indicator row Enter starts a new row, like a spreadsheet; elsewhere in a table it does nothing.
      Enter: ({ editor }) => {
        const { $from } = editor.state.selection
        const inTable = [...Array($from.depth + 1).keys()].some((d) => $from.node(d).type.name === 'project')
        if (!inTable) return false
        if ($from.parent.type.name.startsWith('indicator')) return editor.commands.command(({ state, dispatch }) => addIndicator(state, dispatch))
        return true
      },
    }
  },
})

/**
 * Collaboration whose undo and redo take one step at a time (undo-step.ts).
 * A step with nothing left to change is used up quietly: the key is still
 * handled, so the browser does nothing else with it. What each did is
 * told (`onStep`): a step that others changed since is refused with a word.
 */
const OneStepCollaboration = Collaboration.extend<CollaborationOptions & { onStep: (step: Step, direction: 'undo' | 'redo') => void }, CollaborationStorage & { stopWatching?: () => void }>({
  addOptions() {
    return { ...this.parent!(), onStep: () => {} }
  },
  addStorage() {
    return { ...this.parent!() }
  },
  onCreate() {
    const undoManager = undoManagerOf(this.editor.state)
    if (undoManager) this.storage.stopWatching = watchOthers(undoManager)
  },
  onDestroy() {
    this.storage.stopWatching?.()
  },
  addCommands() {
    const step = (direction: 'undo' | 'redo') => () => ({ tr, state, dispatch }: { tr: import('@tiptap/pm/state').Transaction; state: import('@tiptap/pm/state').EditorState; dispatch?: unknown }) => {
      tr.setMeta('preventDispatch', true)
      const undoManager = undoManagerOf(state)
      if (!undoManager || (direction === 'undo' ? undoManager.undoStack : undoManager.redoStack).length === 0) return false
      if (dispatch) this.options.onStep(undoOneStep(undoManager, direction), direction)
      return true
    }
    return { undo: step('undo'), redo: step('redo') }
  },
})

/**
 * The kind on the editor's root: a 监控 or 自评 is a set of project forms, laid out as such (styles.css).
 * A plugin's attribute, not the editor's `editorProps`: Tiptap's first view drops a function given there
 * (it spreads it), which then came only with the next `setEditable`.
 */
const KindOnRoot = Extension.create<{ kind: () => string | undefined }>({
  name: 'kindOnRoot',
  addOptions: () => ({ kind: () => undefined }),
  addProseMirrorPlugins() {
    const { kind } = this.options
    return [new Plugin({ props: { attributes: () => ({ 'data-document-kind': kind() ?? 'targets' }) } })]
  },
})

export interface SuggestModeStorage {
  enabled: boolean
}

declare module '@tiptap/core' {
  interface Storage {
    suggestMode: SuggestModeStorage
  }
}

/**
 * Suggestion mode (track changes): while `storage.enabled`, the person's own
 * edits become suggestions; remote changes and undo pass through.
 */
export const SuggestMode = Extension.create<{ who: Suggester }, SuggestModeStorage>({
  name: 'suggestMode',
  addOptions: () => ({ who: { author: '', now: Date.now, newId: () => crypto.randomUUID() } }),
  addStorage: () => ({ enabled: false }),
  dispatchTransaction({ transaction, next }) {
    if (!isLocalEdit(transaction)) return next(transaction)
    if (!this.storage.enabled) return next(ownTyping(transaction, this.options.who.author))
    // Structural changes (splitting or joining fields) cannot be suggested: dropped.
    const tracked = suggestTransaction(this.editor.state, transaction, this.options.who)
    if (tracked) next(tracked)
  },
})

export function makeEditor(options: {
  element: HTMLElement
  ydoc: Y.Doc
  provider: WebsocketProvider
  user: EditorUser
  /** The user name suggestions are signed with (what the server checks). */
  userName: string
  editable: boolean
  /** A comment highlight was clicked. */
  onActivateThread: (threadId: string) => void
  /** Hears what a paste did, and is asked about pasted 绩效目标表. */
  paste: PasteListener
  /** The document's kind (meta `kind`; absent: targets): a 监控 or 自评 shows its carried targets not editable. */
  kind?: () => string | undefined
  /** An edit of a carried target was dropped. */
  onCarriedRefused?: () => void
  /** What a Ctrl+Z (or Ctrl+Y) did: refused where others changed what the step changed since (undo-step.ts). */
  onUndoStep?: (step: Step, direction: 'undo' | 'redo') => void
}): Editor {
  const kind = options.kind ?? (() => undefined)
  const fragment = contentOf(options.ydoc)
  // The binding's map of Yjs types to nodes, filled with those of the first document (initial-document.ts).
  const mapping: YjsMapping = new Map()
  const editor = new Editor({
    element: options.element,
    editable: options.editable,
    // Tiptap's `delete` events, which nothing here listens to: it combined and compared every change's steps to emit them.
    enableCoreExtensions: { delete: false },
    onBeforeCreate: ({ editor }) => startFromYjs(editor, fragment, mapping),
    extensions: [
      ...withNodeViews(documentExtensions, { kind, targetsFrom: () => targetsSourceOf(options.ydoc) }),
      CarriedCells.configure({ kind, onRefused: options.onCarriedRefused ?? (() => {}) }),
      DerivedValues,
      MergedFigures,
      OneStepCollaboration.configure({ fragment, ySyncOptions: { mapping }, onStep: options.onUndoStep ?? (() => {}) }),
      TypingSteps,
      NativeUndo,
      // Carets are redrawn when someone else's moves, not at every key of one's own (others-awareness.ts).
      CollaborationCaret.configure({ provider: { awareness: othersAwareness(options.provider.awareness) }, user: options.user }),
      // Before FormKeys and the rest read the selection at a key.
      SelectionBeforeKeys,
      FormKeys,
      TablePaste.configure({ listener: options.paste }),
      CommentAnchors.configure({ ydoc: options.ydoc, onActivate: options.onActivateThread }),
      AuthorshipView,
      SuggestMode.configure({ who: { author: options.userName, now: Date.now, newId: () => crypto.randomUUID() } }),
      CaretInView,
      ProjectPlaceholders,
      FindHighlight,
      KindOnRoot.configure({ kind }),
    ],
  })
  flushBeforeRemoteChanges(options.provider, editor)
  clearDocumentOnlyFromSelections(editor)
  return editor
}

/**
 * Tiptap's `clearDocument` plugin acts only when a change replaced a
 * selection spanning the whole document, but asks where the document starts
 * and ends before it looks at the selection: on the form that walk is
 * ~0.1 ms, at every typed key. Here a change made with a bare caret skips
 * it — for those the plugin returns nothing either way.
 */
function clearDocumentOnlyFromSelections(editor: Editor): void {
  const plugin = editor.state.plugins.find((p) => (p as unknown as { key: string }).key.startsWith('clearDocument$'))
  const spec = plugin?.spec
  const append = spec?.appendTransaction
  if (!spec || !append) return
  spec.appendTransaction = function (this: unknown, transactions, oldState, newState) {
    return oldState.selection.empty ? undefined : append.call(this, transactions, oldState, newState)
  }
}

/**
 * Makes the editor take in what the person just did before a remote change
 * is applied. ProseMirror reads a click's new selection (and some typing)
 * from the DOM a moment later; any transaction dispatched in between — a
 * remote update, or another person's caret moving — writes the old
 * selection back, and the next keystrokes land there. So every message from
 * the server (sync and awareness) first flushes ProseMirror's DOM observer,
 * outside any Yjs transaction, so local edits stay local edits.
 */
export function flushBeforeRemoteChanges(provider: WebsocketProvider, editor: Editor): void {
  for (const type of [MESSAGE.sync, MESSAGE.awareness]) {
    const handle = provider.messageHandlers[type]!
    provider.messageHandlers[type] = (...args: Parameters<typeof handle>) => {
      if (!editor.isDestroyed) (editor.view as unknown as { domObserver: { flush(): void } }).domObserver.flush()
      return handle(...args)
    }
  }
}

/** A stable colour for a user, from their name. */
export function userColor(name: string): string {
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2']
  let hash = 0
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return palette[hash % palette.length]!
}
