/**
 * Every file format Jixiao reads or writes, in one place: the CLI, the
 * HTTP API and the editor's menus all list and dispatch from here, so a
 * format exists everywhere or nowhere.
 */
import type { DocumentText } from '../model/document-text'
import { exportHtml } from './html/export'
import { importHtml } from './html/import'
import { tryImport, type ImportResult } from './import-error'
import { checkProjectCount } from './import-limits'
import type { OpinionBlock } from '../checks/opinion-text'
import { formOf, importText } from './document-forms'
import { importDocx } from './docx/import'
import { fileKind } from './sniff'

export interface FileFormat {
  id: string
  /** What a user calls it, in the menus. */
  label: string
  extensions: readonly string[]
  mime: string
  import?: (bytes: Uint8Array) => ImportResult<DocumentText> | Promise<ImportResult<DocumentText>>
  /**
   * The agreed text (a clean copy: pending suggestions left out) — or, for
   * a format that `tracksChanges`, given the tracked text and `tracked`,
   * the suggestions as the format's own tracked changes.
   */
  export?: (doc: DocumentText, options?: ExportOptions) => Promise<Uint8Array | string>
  tracksChanges?: boolean
  /** Can carry a 审核意见 after the document (`ExportOptions.opinion`). */
  carriesOpinion?: boolean
}

export interface ExportOptions {
  tracked?: boolean
  /** A login's display name, for the authors of tracked changes. */
  nameOf?: (login: string) => string
  /** A 审核意见 to follow the document, for a format that `carriesOpinion`. */
  opinion?: readonly OpinionBlock[]
}

export const FORMATS: readonly FileFormat[] = [
  {
    id: 'txt',
    label: '纯文本（发布格式）',
    extensions: ['txt'],
    mime: 'text/plain; charset=utf-8',
    import: importText,
    export: async (doc) => formOf(doc).exportText(doc),
  },
  {
    id: 'docx',
    label: 'Word 文档',
    extensions: ['docx'],
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    import: importDocx,
    // Loaded when used: the Word writer is large, and the editor only lists the format.
    export: async (doc, options) => (await import('./docx/export')).exportDocx(doc, options),
    tracksChanges: true,
    carriesOpinion: true,
  },
  {
    id: 'xlsx',
    label: 'Excel 表格',
    extensions: ['xlsx'],
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    // Loaded when used, like the Word writer.
    import: async (bytes) => (await import('./xlsx/workbook')).importXlsx(bytes),
    export: async (doc) => (await import('./xlsx/workbook')).exportXlsx(doc),
  },
  {
    id: 'html',
    label: '网页（可打印）',
    extensions: ['html', 'htm'],
    mime: 'text/html; charset=utf-8',
    import: importHtml,
    export: async (doc) => exportHtml(doc),
  },
]

export const formatById = (id: string): FileFormat | undefined => FORMATS.find((f) => f.id === id)

/**
 * Imports a file whatever its format, recognised from its content (a name
 * can lie; a Word file saved as .txt is still a Word file). What cannot be
 * imported is refused naming what it is; a file past a cap of
 * `import-limits.ts` (a document's project limit included) as 'too-large'.
 * Each format reads the kind of document its form is (`document-forms.ts`):
 * a 绩效自评表 or 监控表 in any format reads as that kind.
 */
export async function importFile(bytes: Uint8Array): Promise<ImportResult<DocumentText>> {
  const kind = fileKind(bytes)
  const format = formatById(kind === 'docx' || kind === 'xlsx' || kind === 'html' ? kind : 'txt')!
  const result = await format.import!(bytes)
  return result.ok ? tryImport(() => (checkProjectCount(result.value.projects.length), result.value)) : result
}

export const exportFormats = (): FileFormat[] => FORMATS.filter((f) => f.export)
export const importFormats = (): FileFormat[] => FORMATS.filter((f) => f.import)
