/** What passes between the server and a file worker: structured-cloneable, no classes or functions. */
import type { OpinionBlock } from '@shared/checks/opinion-text'
import type { ImportErrorCode } from '@shared/formats/import-error'
import type { DocumentText } from '@shared/model/document-text'
import type { FindingContext } from '@shared/kinds/document-findings'
import type { LoggedUpdate } from '../storage/document-log'
import type { Folded } from '../storage/fold'
import type { ReadingName } from './stored-document-readings'

export type WorkerJob =
  | { kind: 'import'; bytes: Uint8Array }
  /** `names`: display names by login, for the authors of tracked changes; `opinion`: a 审核意见 to follow the document. */
  | { kind: 'export'; format: string; text: DocumentText; tracked: boolean; names: Record<string, string>; opinion?: readonly OpinionBlock[] }
  /** A reading (`stored-document-readings.ts`) of the document its stored updates make. */
  | { kind: 'read'; reading: ReadingName; updates: readonly Uint8Array[]; context?: FindingContext | undefined }
  /** A compaction's folding (`server/storage/fold.ts`). */
  | { kind: 'fold'; pieces: readonly Uint8Array[]; tail: readonly LoggedUpdate[]; steps: readonly number[] }

export type WorkerAnswer =
  | { kind: 'ready' }
  | { kind: 'text'; text: DocumentText }
  | { kind: 'refused'; code: ImportErrorCode; line: number | null; detail: string; place: string | null }
  | { kind: 'file'; body: Uint8Array | string }
  | { kind: 'reading'; value: unknown }
  | ({ kind: 'folded' } & Folded)
  | { kind: 'bug'; message: string }
