/**
 * What the open document reads as: the model, the findings of the live
 * checks and the authors of pending suggestions — read once from the editor
 * per pause in typing, so the outline, the checks and the review opinion all
 * use the same reading. A pending reading is cancelled when the owning Solid
 * scope is disposed.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { LastYearResult } from '@shared/api/http-api'
import type { Finding } from '@shared/checks/finding'
import { documentFindings } from '@shared/kinds/document-findings'
import type { BudgetDocument } from '@shared/model/budget-document'
import { modelFromText } from '@shared/model/derive-model'
import type { NodeJSON } from '@shared/model/node-json'
import { readDocument } from '@shared/model/read-document'
import { KINDS } from '@shared/kinds/registry'
import type { DocumentKind } from '@shared/model/document-kind'
import type { DocumentText } from '@shared/model/document-text'
import { makeLiveChecks } from '../editor/checks-panel'
import { showDerived, type DerivedModel } from '../editor/derived-values'
import { suggestionAuthors } from '../editor/suggest-mode'
import { afterPaint } from './after-paint'

export interface DocumentReading {
  /** null until the document was first read. */
  readonly model: Accessor<BudgetDocument | null>
  readonly findings: Accessor<Finding[]>
  /** Logins with suggestions pending in the document. */
  readonly suggestionAuthors: Accessor<string[]>
}

/** What meta says the document is: its kind (absent: targets) and, for a 监控, its 截至月份; for next year's draft, last year's approved 自评. */
export interface KindFacts {
  kind?: string | undefined
  asOf?: string | undefined
  /** 结果应用: what last year's approved 自评 found (absent or empty: none, or not known yet). */
  lastYear?: readonly LastYearResult[] | undefined
  /** 监控: whether this person may change the 截至月份 now, and how (absent: shown, not changeable). */
  changeAsOf?: { mayChange: boolean; change(value: string): void } | undefined
}

/** Typing pauses this long before the model and the checks are derived again. */
const DERIVE_AFTER_MS = 150

export function createDocumentReading(facts: () => KindFacts = () => ({})): DocumentReading & {
  /** Reads `editor` again once typing pauses (or once the document on the page is painted); `then` runs after. */
  readSoon(editor: Editor, after?: number | 'painted', then?: () => void): void
} {
  const [model, setModel] = createSignal<BudgetDocument | null>(null)
  const [findings, setFindings] = createSignal<Finding[]>([])
  const [authors, setAuthors] = createSignal<string[]>([])
  const liveChecks = makeLiveChecks()
  const read = (from: Editor) => {
    const { kind, asOf, changeAsOf } = facts()
    const spec = kind ? KINDS[kind as DocumentKind] : undefined
    if (spec && spec.id !== 'targets') {
      // A 监控 or 自评: its kind's model and checks (the registry dispatches), and what the model derives shown in the form.
      const text: DocumentText = { ...readDocument(from.getJSON() as NodeJSON), kind: spec.id, ...(asOf !== undefined ? { asOf } : {}) }
      const derived = spec.model(text)
      setModel(derived as unknown as BudgetDocument)
      setAuthors(suggestionAuthors(from.state.doc))
      setFindings(documentFindings(text, { lastYear: facts().lastYear }))
      showDerived(from, derived as unknown as DerivedModel, { value: asOf ?? '', mayChange: changeAsOf?.mayChange ?? false, change: changeAsOf?.change ?? (() => {}) })
      return
    }
    const text = readDocument(from.getJSON() as NodeJSON)
    const derived = modelFromText(text)
    setModel(derived)
    setAuthors(suggestionAuthors(from.state.doc))
    // The kind's checks table by table as typed; next year's draft is also read against last year's 自评 (a cheap pass over the projects, so on every reading).
    setFindings(documentFindings(text, { lastYear: facts().lastYear }, { own: liveChecks(from.state.doc, text, derived), model: derived }))
  }
  let cancel = () => {}
  // A reading asked for again before it ran replaces it, but what was to follow it still follows the next one.
  let thens: (() => void)[] = []
  onCleanup(() => cancel())
  return {
    model,
    findings,
    suggestionAuthors: authors,
    readSoon: (editor, after = DERIVE_AFTER_MS, then) => {
      cancel()
      if (then) thens.push(then)
      const run = () => {
        read(editor)
        const follow = thens
        thens = []
        follow.forEach((f) => f())
      }
      if (after === 'painted') cancel = afterPaint(run)
      else {
        const timer = setTimeout(run, after)
        cancel = () => clearTimeout(timer)
      }
    },
  }
}
