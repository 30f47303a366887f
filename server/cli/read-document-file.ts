/**
 * Reads a document file named on the command line into its text fields.
 * The format is recognised from the content (decodeText refuses .docx and
 * binary files with a reason), so a published text with any extension works.
 */
import { readFile } from 'node:fs/promises'
import type { DocumentText } from '@shared/model/document-text'
import { ImportError, type ImportResult } from '@shared/formats/import-error'
import { importPublishedText } from '@shared/formats/published-text/import'

export async function readDocumentFile(path: string): Promise<ImportResult<DocumentText>> {
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '无法读取文件'
    return { ok: false, error: new ImportError('unreadable', null, `${reason}：${path}`) }
  }
  return importPublishedText(bytes)
}
