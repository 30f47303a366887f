/**
 * What an import could not read (`DocumentText.unread`: a 上年结转资金 no
 * cell takes, a row whose figures could not be told apart…), kept in the
 * document it made as open comments, one each, on the first project's
 * 项目名称 (the document's title where there is none). Said only once to
 * the importer, it was lost on a reload, and a colleague or the reviewer
 * opening the document never heard it: a 预算数 that is not the sum of its
 * parts then looked like a typing error. As comments, everyone sees it
 * until someone who has put it right marks it resolved.
 */
import * as Y from 'yjs'
import { childElement, contentOf } from '../model/y-document'
import { NODE } from '../schema/node-names'
import { createThread } from './threads'

/** The comment's words for one thing the import could not read. */
export const importNoteText = (unread: string): string => `导入文件时：${unread}`

/** The comments' author where the document was made by nobody in particular (an operator's import). */
export const IMPORT_NOTE_AUTHOR = '导入'

/** A field's words, without their marks (what `toString` would write as tags). */
const plainText = (text: Y.XmlText): string => text.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('')

/**
 * Where a note is anchored: the whole of the project's 项目名称, else of the
 * title, when either is written; else the title's empty cell.
 */
function anchorOf(ydoc: Y.Doc, project: number): { type: Y.XmlText | Y.XmlElement; length: number; quote: string } | null {
  const content = contentOf(ydoc)
  const projects = childElement(content, NODE.projectsPart)?.toArray().filter((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === NODE.project) ?? []
  const title = childElement(childElement(content, NODE.titleBlock), NODE.docTitle)
  for (const field of [childElement(projects[project], NODE.projectName), title]) {
    const text = field?.get(0)
    if (text instanceof Y.XmlText && text.length > 0) return { type: text, length: text.length, quote: plainText(text) }
  }
  return title ? { type: title, length: 0, quote: '' } : null
}

export interface ImportNotes {
  /** The login that imported (`IMPORT_NOTE_AUTHOR` for nobody in particular), and when. */
  author: string
  now: number
  /** The (0-based) project the file's first went to: the first for a new document, the first added for 导入项目表. */
  project: number
}

/**
 * Adds one open comment per unread item, on the 项目名称 of the project the
 * file's first went to (the title where that is empty; the title's cell,
 * empty, where both are), in one transaction. Ids are the import's time and
 * the item's number: two imports into one document never share one.
 */
export function addImportNotes(ydoc: Y.Doc, unread: readonly string[], notes: ImportNotes, origin: unknown = null): void {
  if (unread.length === 0) return
  const anchor = anchorOf(ydoc, notes.project)
  if (!anchor) return
  ydoc.transact(() => {
    unread.forEach((item, i) => {
      const id = `import-${notes.now.toString(36)}-${i + 1}`
      createThread(ydoc, {
        id,
        start: Y.createRelativePositionFromTypeIndex(anchor.type, 0),
        end: Y.createRelativePositionFromTypeIndex(anchor.type, anchor.length),
        quote: anchor.quote,
        author: notes.author,
        text: importNoteText(item),
        now: notes.now,
        commentId: `${id}-1`,
      })
    })
  }, origin)
}
