/** A 绩效自评表 in text, from a file's bytes: read as a self-evaluation, or null when the text is no 自评表. */
import type { DocumentText } from '../../model/document-text'
import { decodeText } from '../decode-text'
import { ImportError, tryImport, type ImportResult } from '../import-error'
import { isSelfEvaluation, readSelfEvaluation } from './read-self-evaluation'

export function importSelfEvaluationText(bytes: Uint8Array): ImportResult<DocumentText> | null {
  let text: string
  try {
    text = decodeText(bytes)
  } catch (error) {
    // Not text in any encoding read: the text importer says so.
    if (error instanceof ImportError) return null
    throw error
  }
  return isSelfEvaluation(text) ? tryImport(() => readSelfEvaluation(text)) : null
}
