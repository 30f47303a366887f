/** An uploaded file read as a document by the formats registry, or refused with the importer's own message. */
import { importFile } from '@shared/formats/registry'
import { notStorable } from '@shared/kinds/registry'
import type { DocumentText } from '@shared/model/document-text'
import { Refusal } from './refusal'

export async function importedText(bytes: Uint8Array): Promise<DocumentText> {
  const result = await importFile(bytes)
  if (!result.ok) throw new Refusal('unprocessable', `import-${result.error.code}`, result.error.message)
  const refused = notStorable(result.value)
  if (refused) throw new Refusal('unprocessable', 'import-kind-not-stored', refused)
  return result.value
}
