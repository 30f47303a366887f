/**
 * What the open document reads as: the model, the findings of the live
 * checks and the authors of pending suggestions — read once from the editor
 * per pause in typing, so the outline, the checks and the review opinion all
 * use the same reading. A pending reading is cancelled when the owning Solid
 * scope is disposed. The reading itself (the model, every check) is
 * `document-derivation.ts`, loaded for the first reading, once the document
 * is painted.
 */
import type { Editor } from '@tiptap/core'
import { createSignal, onCleanup, type Accessor } from 'solid-js'
import type { LastYearResult } from '@shared/api/http-api'
import type { Finding } from '@shared/checks/finding'
import type { BudgetDocument } from '@shared/model/budget-document'
import { afterPaint } from '../scheduling/after-paint'
import type { makeDocumentDerivation } from './document-derivation'

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
  // The model and the checks are a chunk of their own, fetched for the first reading, once the document is
  // painted: fetched sooner, it would be compiled while the editor is built, on the same thread.
  let derive: Promise<ReturnType<typeof makeDocumentDerivation>> | null = null
  const read = (from: Editor, derivation: ReturnType<typeof makeDocumentDerivation>) => {
    const reading = derivation(from, facts())
    setModel(reading.model)
    setAuthors(reading.authors)
    setFindings(reading.findings)
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
      let cancelled = false
      const run = () => {
        derive ??= import('./document-derivation').then((m) => m.makeDocumentDerivation())
        void derive.then((derivation) => {
          if (cancelled || editor.isDestroyed) return
          read(editor, derivation)
          const follow = thens
          thens = []
          follow.forEach((f) => f())
        })
      }
      if (after === 'painted') {
        const stop = afterPaint(run)
        cancel = () => ((cancelled = true), stop())
      } else {
        const timer = setTimeout(run, after)
        cancel = () => ((cancelled = true), clearTimeout(timer))
      }
    },
  }
}
