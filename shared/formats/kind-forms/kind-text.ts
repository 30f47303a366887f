/**
 * A 自评 or 监控 document as published text, and back: the title block (a
 * line each: title, subtitle, 编制, 审核), then each project's form under
 * its title, a cell a tab-prefixed line and a blank line after each row,
 * merged cells empty — the layout the targets' text uses, with the kind's
 * form (`kind-form-layout.ts`).
 */
import type { DocumentText } from '../../model/document-text'
import { derivedCells } from './derived-cells'
import { formOfKind, kindFormLayout, kindTableTitle } from './kind-form-layout'
import { readKindForms } from './read-kind-form'
import { textItems } from './text-items'
import type { FormVocabulary } from './form-vocabulary'

export function exportKindText(form: FormVocabulary, doc: DocumentText): string {
  const derived = derivedCells(doc)
  return [
    doc.title, doc.subtitle, doc.preparedBy, doc.reviewedBy, '',
    ...doc.projects.flatMap((project, i) => [
      kindTableTitle(form, project, i + 1),
      ...kindFormLayout(form, doc, project, derived[i]!).flatMap((row) => [...row.cells.map((cell) => `\t${cell.text.replace(/\s*\n\s*/g, ' ')}`), '']),
      '',
    ]),
  ].join('\n')
}

/** Reads text of the kind with its rows known; null where the text keeps no rows (`text-items.ts`). Throws ImportError. */
export function readKindText(form: FormVocabulary, text: string): DocumentText | null {
  const items = textItems(text)
  return items ? readKindForms(form, { items, tablesEnd: false }) : null
}

export { formOfKind }
