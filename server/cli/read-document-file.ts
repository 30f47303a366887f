/**
 * Reads the document a command names: a file (its format recognised from
 * the content: text or Word; anything else refused naming what it is),
 * or, when no such file exists, a document id in the server's data.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DocumentText } from '@shared/model/document-text'
import { ImportError, type ImportResult } from '@shared/formats/import-error'
import { importFile } from '@shared/formats/registry'
import { isDocumentId } from '../document-service'
import { openServerData, type ServerData } from '../server-data'
import { DATABASE_FILE } from '../storage/sqlite/sqlite-database'
import type { StorageConfig } from '../storage/storage'

/** `data`: open data to look the id up in, or where to open it (a SQLite directory is opened only when it exists). */
export async function readDocumentFile(path: string, data: ServerData | StorageConfig): Promise<ImportResult<DocumentText>> {
  if (!existsSync(path) && isDocumentId(path)) {
    const found = await fromStorage(path, data)
    if (found) return { ok: true, value: found }
  }
  let bytes: Uint8Array
  try {
    bytes = await readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在（也不是数据目录中的文档编号）' : '无法读取文件'
    return { ok: false, error: new ImportError('unreadable', null, `${reason}：${path}`) }
  }
  return importFile(bytes)
}

async function fromStorage(id: string, data: ServerData | StorageConfig): Promise<DocumentText | undefined> {
  if ('service' in data) return (await data.documents.get(id)) ? data.service.text(id) : undefined
  if (data.kind === 'sqlite' && !existsSync(join(data.dataDir, DATABASE_FILE))) return undefined
  const opened = await openServerData(data)
  try {
    return await fromStorage(id, opened)
  } finally {
    await opened.close()
  }
}
