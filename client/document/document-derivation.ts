/**
 * What the editor's document reads as — the model of its kind, the
 * findings of its checks, the authors of pending suggestions — and what the
 * model derives drawn into the form. The part of `document-reading.ts` that
 * holds the model and every check: a chunk of its own, loaded when the
 * document is first read, after it is painted.
 */
import type { Editor } from '@tiptap/core'
import type { Finding } from '@shared/checks/finding'
import { documentFindings } from '@shared/kinds/document-findings'
import { KINDS } from '@shared/kinds/registry'
import type { BudgetDocument } from '@shared/model/budget-document'
import { modelFromText } from '@shared/model/derive-model'
import type { DocumentKind } from '@shared/model/document-kind'
import type { DocumentText } from '@shared/model/document-text'
import type { NodeJSON } from '@shared/model/node-json'
import { readDocument } from '@shared/model/read-document'
import { showDerived, type DerivedModel } from '../editor/derived-values'
import { makeLiveChecks } from '../editor/live-checks'
import { suggestionAuthors } from '../editor/suggest-mode'
import type { KindFacts } from './document-reading'

export interface Reading {
  model: BudgetDocument
  findings: Finding[]
  authors: string[]
}

/** A reader of one editor's document: the targets' checks are kept per table from one reading to the next. */
export function makeDocumentDerivation(): (from: Editor, facts: KindFacts) => Reading {
  const liveChecks = makeLiveChecks()
  return (from, facts) => {
    const { kind, asOf, changeAsOf } = facts
    const spec = kind ? KINDS[kind as DocumentKind] : undefined
    if (spec && spec.id !== 'targets') {
      // A 监控 or 自评: its kind's model and checks (the registry dispatches), and what the model derives shown in the form.
      const text: DocumentText = { ...readDocument(from.getJSON() as NodeJSON), kind: spec.id, ...(asOf !== undefined ? { asOf } : {}) }
      const derived = spec.model(text)
      const reading = { model: derived as unknown as BudgetDocument, authors: suggestionAuthors(from.state.doc), findings: documentFindings(text, { lastYear: facts.lastYear }) }
      showDerived(from, derived as unknown as DerivedModel, { value: asOf ?? '', mayChange: changeAsOf?.mayChange ?? false, change: changeAsOf?.change ?? (() => {}) })
      return reading
    }
    const text = readDocument(from.getJSON() as NodeJSON)
    const derived = modelFromText(text)
    // The kind's checks table by table as typed; next year's draft is also read against last year's 自评 (a cheap pass over the projects, so on every reading).
    const findings = documentFindings(text, { lastYear: facts.lastYear }, { own: liveChecks(from.state.doc, text, derived), model: derived })
    return { model: derived, authors: suggestionAuthors(from.state.doc), findings }
  }
}
