/**
 * What the open document reads as: the model, the findings of the live
 * checks and the authors of pending suggestions — read once from the editor
 * per pause in typing, so the outline, the checks and the review opinion all
 * use the same reading. A pending reading is cancelled when the owning Solid
 * scope is disposed.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Finding } from '@shared/checks/finding'
import type { BudgetDocument } from '@shared/model/budget-document'
import { modelFromText } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { readDocument } from '@shared/model/read-document'
import { makeLiveChecks } from '../editor/checks-panel'
import { suggestionAuthors } from '../editor/suggest-mode'

export interface DocumentReading {
  /** null until the document was first read. */
  readonly model: Accessor<BudgetDocument | null>
  readonly findings: Accessor<Finding[]>
  /** Logins with suggestions pending in the document. */
  readonly suggestionAuthors: Accessor<string[]>
}

/** Typing pauses this long before the model and the checks are derived again. */
const DERIVE_AFTER_MS = 150

export function createDocumentReading(): DocumentReading & {
  /** Reads `editor` again once typing pauses (0 ms: a task later, after the document is painted); `then` runs after. */
  readSoon(editor: Editor, afterMs?: number, then?: () => void): void
} {
  const [model, setModel] = createSignal<BudgetDocument | null>(null)
  const [findings, setFindings] = createSignal<Finding[]>([])
  const [authors, setAuthors] = createSignal<string[]>([])
  const liveChecks = makeLiveChecks()
  const read = (from: Editor) => {
    const text = readDocument(from.getJSON() as NodeJSON)
    const derived = modelFromText(text)
    setModel(derived)
    setAuthors(suggestionAuthors(from.state.doc))
    setFindings(liveChecks(from.state.doc, text, derived))
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))
  return {
    model,
    findings,
    suggestionAuthors: authors,
    readSoon: (editor, afterMs = DERIVE_AFTER_MS, then) => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        read(editor)
        then?.()
      }, afterMs)
    },
  }
}
