/**
 * Reads the document a command names: a file (its format recognised from
 * the content — decodeText refuses .docx and binary files with a reason),
 * or, when no such file exists, a document id in a data directory.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DocumentText } from '@shared/model/document-text'
import { ImportError, type ImportResult } from '@shared/formats/import-error'
import { importPublishedText } from '@shared/formats/published-text/import'
import { DEFAULT_DATA_DIR, openDataDir } from '../data-dir'
import { isDocumentId } from '../document-service'
import { DATABASE_FILE } from '../storage/database'

export async function readDocumentFile(path: string, dataDir = DEFAULT_DATA_DIR): Promise<ImportResult<DocumentText>> {
  if (!existsSync(path) && isDocumentId(path) && existsSync(join(dataDir, DATABASE_FILE))) {
    const data = openDataDir(dataDir)
    try {
      if (data.documents.get(path)) return { ok: true, value: data.service.text(path) }
    } finally {
      data.close()
    }
  }
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在（也不是数据目录中的文档编号）' : '无法读取文件'
    return { ok: false, error: new ImportError('unreadable', null, `${reason}：${path}`) }
  }
  return importPublishedText(bytes)
}
