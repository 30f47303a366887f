/**
 * How large a document may grow, however the content arrives (typed in,
 * imported, added by 导入项目表, restored, carried into a successor): past
 * these, opening, checking and exporting it would no longer fit in a
 * client's or the server's time and memory. A department files tens of
 * 绩效目标表, the largest a couple of hundred; 500 leaves room and keeps the
 * whole document's checks and exports bounded (the Word writer needs ~20 s
 * and ~600 MB for 500 projects, and more than a gigabyte for 1,000).
 */
import * as Y from 'yjs'
import { NODE } from '../schema/node-names'
import { childElement, contentOf } from './y-document'

/** 绩效目标表 in one document. */
export const MAX_PROJECTS = 500

/**
 * The stored document (snapshot and update log, as Yjs encodes it): well
 * under a connection's send buffer cap, so every client can still load it.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

/** A change the server was asked to make (an import, a restore, a successor) would take the document past a limit. */
export class DocumentLimitError extends Error {
  override readonly name = 'DocumentLimitError'
  constructor(
    readonly code: 'document-too-large' | 'too-many-projects',
    message: string,
  ) {
    super(message)
  }
}

export const tooManyProjects = (count: number) => new DocumentLimitError('too-many-projects', `文档将有 ${count} 个绩效目标表，一份文档最多 ${MAX_PROJECTS} 个：请拆分为几份文档`)

export const documentTooLarge = (bytes: number, limit = MAX_DOCUMENT_BYTES) =>
  new DocumentLimitError('document-too-large', `文档将有 ${(bytes / 1024 / 1024).toFixed(1)} MiB，超过上限 ${Math.round(limit / 1024 / 1024)} MiB：请拆分为几份文档，或删去不需要的内容`)

/** The 绩效目标表 a Y.Doc holds, counted without reading the document. */
export function projectCount(ydoc: Y.Doc): number {
  return childElement(contentOf(ydoc), NODE.projectsPart)?.length ?? 0
}
