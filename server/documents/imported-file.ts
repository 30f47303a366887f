/**
 * An uploaded file read as a document by the formats registry, in a file
 * worker (off the main thread, within its heap and time), or refused with
 * the importer's own message — as too large past a cap. Every kind is
 * stored (`shared/kinds/registry.ts`).
 */
import type { DocumentText } from '@shared/model/document-text'
import type { Ports } from './ports'
import { Refusal } from './refusal'

export async function importedText(p: Pick<Ports, 'files'>, bytes: Uint8Array): Promise<DocumentText> {
  const result = await p.files.read(bytes)
  if (!result.ok) throw new Refusal(result.error.code === 'too-large' ? 'too-large' : 'unprocessable', `import-${result.error.code}`, result.error.message)
  return result.value
}
