/**
 * What an import could not read, carried from the list (where the file was
 * imported) to the document it opens (where the person fills it in): the
 * list navigates away at once, and the document's notice is where a person
 * reads what to do next. Held in memory only, for the one opening after the
 * import. The server keeps the same in the document as open comments, for
 * everyone who opens it later (`shared/review/import-notes.ts`); this says
 * so.
 */
import { T } from './i18n/zh-CN'

const pending = new Map<string, string>()

/** Leaves what the import of `docId` did not read for the document to say when it opens. */
export function leaveImportNotice(docId: string, warnings: readonly string[]): void {
  if (warnings.length > 0) pending.set(docId, T.importUnread(warnings))
}

/** What the import of `docId` left to say, once; '' when nothing. */
export function takeImportNotice(docId: string): string {
  const notice = pending.get(docId) ?? ''
  pending.delete(docId)
  return notice
}
