/**
 * How much an importer reads before it refuses a file as too large: what
 * a real 绩效文本 of the largest department (`MAX_PROJECTS` projects, a
 * few dozen cells each) fits in many times over, and far below what would
 * exhaust the server. Checked before anything is expanded: a zip entry on
 * its declared size (fflate inflates into exactly that many bytes), a
 * table cell before it is placed, so a small file cannot ask for gigabytes
 * (a rowspan repeated down 20,000 rows, a 1.8 MB Word file of 1.2 GB XML).
 */
import { MAX_PROJECTS } from '../model/document-limits'
import { ImportError } from './import-error'

export const IMPORT_LIMITS = {
  /** Bytes of XML (or any entry) a .docx/.xlsx may unpack to, all entries read together. */
  maxUnzippedBytes: 64 * 1024 * 1024,
  /** Table cells in a file, the empty ones a merged cell leaves below it included. */
  maxCells: 500_000,
  /** A cell's rowspan/colspan beyond this is read as this (HTML itself stops colspan at 1000). */
  maxSpan: 1000,
  /** Characters of text (a .txt, a web page): about 7 times the text of 1,000 projects (580,000). */
  maxTextChars: 4_000_000,
} as const

export const tooLarge = (detail: string): ImportError => new ImportError('too-large', null, detail)

/** Refuses unzipped entries past the cap, on the sizes the zip declares, before inflating any. */
export function checkUnzippedSize(what: string, declaredBytes: number): void {
  if (declaredBytes > IMPORT_LIMITS.maxUnzippedBytes) {
    throw tooLarge(`${what}解压后有 ${Math.round(declaredBytes / 1024 / 1024)} MiB，超过上限 ${IMPORT_LIMITS.maxUnzippedBytes / 1024 / 1024} MiB：请确认文件内容，或拆分后分别导入`)
  }
}

/** Refuses text past the cap before it is read. */
export function checkTextLength(what: string, text: string): void {
  if (text.length > IMPORT_LIMITS.maxTextChars) throw tooLarge(`${what}有 ${text.length} 个字符，超过上限 ${IMPORT_LIMITS.maxTextChars} 个：请拆分后分别导入`)
}

/** Refuses a document of more projects than a document may hold. */
export function checkProjectCount(count: number): void {
  if (count > MAX_PROJECTS) throw tooLarge(`文件中有 ${count} 个绩效目标表，一份文档最多 ${MAX_PROJECTS} 个：请拆分后分别导入`)
}

/** Counts the cells a reader places, refusing the one past the cap. */
export function cellBudget(what: string): (cells?: number) => void {
  let used = 0
  return (cells = 1) => {
    used += cells
    if (used > IMPORT_LIMITS.maxCells) throw tooLarge(`${what}的表格超过 ${IMPORT_LIMITS.maxCells} 个单元格（合并单元格占的也算）：请确认文件内容，或拆分后分别导入`)
  }
}
