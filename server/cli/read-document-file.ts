/**
 * Reads the document a command names: a file (its format recognised from
 * the content; anything else refused naming what it is), or, when no such
 * file exists, a document id in the server's data. A file is read as the
 * server reads an upload: past the same size cap it is refused, and the
 * importer runs in a file worker (its own heap and time limit), so a
 * malformed or hostile file gets one clear message, never a crashed or
 * hung command.
 */
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DocumentText } from '@shared/model/document-text'
import { ImportError, type ImportResult } from '@shared/formats/import-error'
import type { FindingContext } from '@shared/kinds/document-findings'
import { isDocumentId } from '../document-service'
import { approvedResultsBefore } from '../documents/last-year-results'
import { fileTooLarge, MAX_IMPORT_BYTES, type DocumentSource } from '../documents/imported-file'
import { Refusal } from '../documents/refusal'
import { FileWorkers } from '../files/file-workers'
import { openServerData, type ServerData } from '../server-data'
import { DATABASE_FILE } from '../storage/sqlite/sqlite-database'
import type { StorageConfig } from '../storage/storage'

/** `data`: open data to look the id up in, or where to open it (a SQLite directory is opened only when it exists). */
export async function readDocumentFile(path: string, data: ServerData | StorageConfig): Promise<ImportResult<DocumentText>> {
  const result = await readDocumentAndContext(path, data)
  return result.ok ? { ok: true, value: result.value.text } : result
}

/**
 * The document and what its findings depend on beyond it (`FindingContext`):
 * for a stored draft whose predecessor has an approved 自评, last year's
 * results (结果应用); a file has none.
 */
export async function readDocumentAndContext(path: string, data: ServerData | StorageConfig): Promise<ImportResult<{ text: DocumentText; context: FindingContext }>> {
  if (!existsSync(path) && isDocumentId(path)) {
    const found = await fromStorage(path, data, async (opened) => ({ text: await opened.service.text(path), context: { lastYear: await approvedResultsBefore(opened, path) } }))
    if (found) return { ok: true, value: found }
  }
  let bytes: Uint8Array
  try {
    bytes = await givenFile(path)
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, error: new ImportError(error.kind === 'too-large' ? 'too-large' : 'unreadable', null, error.message) }
    throw error
  }
  const files = new FileWorkers()
  try {
    const imported = await files.read(bytes)
    return imported.ok ? { ok: true, value: { text: imported.value, context: {} } } : imported
  } finally {
    await files.close()
  }
}

/**
 * What `FILE` names for a use case: a document stored in `data` when no
 * such file exists and it is one's id, else the file, read when the use
 * case asks (`givenFile`).
 */
export async function documentSource(path: string, data: Pick<ServerData, 'documents'>): Promise<DocumentSource> {
  if (!existsSync(path) && isDocumentId(path) && (await data.documents.get(path))) return { stored: path }
  return { file: () => givenFile(path) }
}

/** A file's bytes, refused (a `Refusal` the CLI words) when it is missing, unreadable or past the import cap, before it is read. */
async function givenFile(path: string): Promise<Uint8Array> {
  try {
    if ((await stat(path)).size > MAX_IMPORT_BYTES) throw fileTooLarge()
    return await readFile(path)
  } catch (error) {
    if (error instanceof Refusal) throw error
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在（也不是数据目录中的文档编号）' : '无法读取文件'
    throw new Refusal('unprocessable', 'import-unreadable', `${reason}：${path}`)
  }
}

async function fromStorage<T>(id: string, data: ServerData | StorageConfig, read: (opened: ServerData) => Promise<T>): Promise<T | undefined> {
  if ('service' in data) return (await data.documents.get(id)) ? read(data) : undefined
  if (data.kind === 'sqlite' && !existsSync(join(data.dataDir, DATABASE_FILE))) return undefined
  const opened = await openServerData(data)
  try {
    return await fromStorage(id, opened, read)
  } finally {
    await opened.close()
  }
}
