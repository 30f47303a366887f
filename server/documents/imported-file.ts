/**
 * A file given to the server — uploaded through the API, or named to the
 * operator's command line — read as a document by the formats registry,
 * in a file worker (off the main thread, within its heap and time), or
 * refused with the importer's own message; as too large past the same
 * cap either way. Every kind is stored (`shared/kinds/registry.ts`).
 */
import type { DocumentText } from '@shared/model/document-text'
import { withWrittenTotalSaid } from '@shared/checks/written-total'
import { reach } from './document-access'
import type { Actor } from './actor'
import type { Ports } from './ports'
import { Refusal } from './refusal'

/** The largest file read as a document, whoever gives it. */
export const MAX_IMPORT_BYTES = 16 * 1024 * 1024

export const fileTooLarge = (limit = MAX_IMPORT_BYTES) => new Refusal('too-large', 'import-too-large', `文件太大（上限 ${limit / 1024 / 1024} MiB）`)

export async function importedText(p: Pick<Ports, 'files'>, bytes: Uint8Array): Promise<DocumentText> {
  if (bytes.length > MAX_IMPORT_BYTES) throw fileTooLarge()
  const result = await p.files.read(bytes)
  if (!result.ok) throw new Refusal(result.error.code === 'too-large' ? 'too-large' : 'unprocessable', `import-${result.error.code}`, result.error.message)
  // What the document will not keep of the file is said with it: a 自评表's written 总分 other than its rows'.
  return withWrittenTotalSaid(result.value)
}

/**
 * Where a document or its project forms come from: a file's bytes, read
 * only when the use case has checked the caller may (an upload costs the
 * server nothing before), or a document stored here (the CLI's `FILE` may
 * be a document id), which the actor must be able to open.
 */
export type DocumentSource = { file: () => Promise<Uint8Array> } | { stored: string }

/** A refusal about the source itself (unreadable, malformed, too large): the CLI names the file before it. */
export const isSourceRefusal = (error: Refusal): boolean => error.code.startsWith('import-')

export async function sourceText(p: Pick<Ports, 'files' | 'documents' | 'permissions' | 'service'>, actor: Actor, source: DocumentSource): Promise<DocumentText> {
  if ('file' in source) return importedText(p, await source.file())
  const { doc } = await reach(p, source.stored, actor)
  return p.service.text(doc.id)
}
