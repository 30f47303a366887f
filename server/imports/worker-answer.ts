/** What the import worker sends back for a file: structured-cloneable, no classes. */
import type { ImportErrorCode } from '@shared/formats/import-error'
import type { DocumentText } from '@shared/model/document-text'

export type WorkerAnswer =
  | { kind: 'ready' }
  | { kind: 'text'; text: DocumentText }
  | { kind: 'refused'; code: ImportErrorCode; line: number | null; detail: string; place: string | null }
  | { kind: 'bug'; message: string }
