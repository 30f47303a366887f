/**
 * Word (.docx) import: the document's paragraphs and tables, read from
 * `word/document.xml`, become the lines and cells of the published layout
 * and go through the same reader as text — one reader for every input, so
 * a Word file laid out like the sample gives the same model as its text.
 *
 * Read from any producer (Word, WPS, LibreOffice): a cell spanning columns
 * (gridSpan) is one cell; a cell merged down from the one above (vMerge
 * continue) is an empty cell, as merged cells print in the text layout;
 * the empty cells of grid columns no text starts in are dropped (see
 * vacant-columns);
 * deleted text of tracked changes (w:delText) is left out and inserted
 * text (w:ins) kept — the file's current text, said in `unread`
 * (`pending-revisions.ts`). The XML's declared size
 * and the cells are capped (`import-limits.ts`). Unzipped with fflate; the
 * XML is OOXML as Word writes it, read element by element.
 */
import { unzipSync } from 'fflate'
import { addUnread, type DocumentText } from '../../model/document-text'
import { ImportError, tryImport, type ImportResult } from '../import-error'
import { cellBudget, checkUnzippedSize } from '../import-limits'
import { type Block } from '../blocks'
import { readBlocks } from '../document-forms'
import { dropVacantColumns } from '../vacant-columns'
import { pendingRevisionsNote } from '../pending-revisions'

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
/** A character reference XML allows: a Unicode scalar value, not NUL (Word never writes another). */
const character = (code: number) => {
  if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff)) throw new ImportError('unreadable', null, `Word 文件中有无效的字符编码（${code.toString(16)}）：请在 Word/WPS 中打开后重新保存`)
  return String.fromCodePoint(code)
}
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) =>
    name.startsWith('#x') ? character(parseInt(name.slice(2), 16)) : name.startsWith('#') ? character(Number(name.slice(1))) : (ENTITIES[name] ?? whole),
  )

const TOKEN = /<(\/?)w:(tbl|tr|tc|p|r|t|tab|br|cr|gridSpan|vMerge|vanish|delText|instrText)\b([^>]*?)(\/?)>/g

/**
 * The body's blocks, in order. Nested tables are read as their cells' text. Text formatted hidden (w:vanish) is
 * not on the page and is not read: `notes` gets a line saying how much there was.
 */
export function readBody(xml: string, notes: string[] = []): Block[] {
  const takeCell = cellBudget('Word 文档')
  const blocks: Block[] = []
  const tables: { rows: string[][]; spans: number[][]; row: string[] | null; cell: { text: string; continued: boolean; span: number } | null }[] = []
  let paragraph: string | null = null
  let inText = false
  let textStart = 0
  // The run being read is hidden; how many characters hidden runs held.
  let hidden = false
  let hiddenCharacters = 0
  for (const match of xml.matchAll(TOKEN)) {
    const [whole, closing, name, attrs, selfClosing] = match as unknown as [string, string, string, string, string]
    const table = tables.at(-1)
    if (inText && !(name === 't' && closing)) continue
    switch (name) {
      case 'r':
        if (!closing) hidden = false
        break
      case 'vanish':
        // In a run's properties; a paragraph mark's own (in pPr, before any run) is reset by the run.
        hidden = !/w:val="(?:0|false|off)"/.test(attrs)
        break
      case 'tbl':
        if (!closing) tables.push({ rows: [], spans: [], row: null, cell: null })
        else {
          const done = tables.pop()!
          const outer = tables.at(-1)
          if (outer?.cell) outer.cell.text += done.rows.map((r) => r.join(' ')).join(' ')
          else blocks.push({ kind: 'table', rows: dropVacantColumns(done.rows, done.spans) })
        }
        break
      case 'tr':
        if (table && !closing) {
          table.rows.push((table.row = []))
          table.spans.push([])
        }
        break
      case 'tc':
        if (!table?.row) break
        if (!closing) table.cell = { text: '', continued: false, span: 1 }
        else if (table.cell) {
          // A cell merged down from the one above prints empty; a cell spanning columns is one cell.
          takeCell()
          table.row.push(table.cell.continued ? '' : table.cell.text.trim())
          table.spans.at(-1)!.push(table.cell.span)
          table.cell = null
        }
        break
      case 'gridSpan':
        if (table?.cell) table.cell.span = Number(/w:val="(\d+)"/.exec(attrs)?.[1] ?? 1)
        break
      case 'vMerge':
        if (table?.cell) table.cell.continued = !/w:val="restart"/.test(attrs)
        break
      case 'p':
        if (selfClosing) {
          if (!table) blocks.push({ kind: 'paragraph', text: '' })
        } else if (!closing) paragraph = ''
        else if (paragraph !== null) {
          if (table?.cell) table.cell.text += (table.cell.text ? '\n' : '') + paragraph
          else if (!table) blocks.push({ kind: 'paragraph', text: paragraph })
          paragraph = null
        }
        break
      case 't':
        if (!closing && !selfClosing) {
          inText = true
          textStart = match.index! + whole.length
        } else if (closing && inText) {
          inText = false
          const text = unescapeXml(xml.slice(textStart, match.index))
          if (hidden) hiddenCharacters += text.length
          else if (paragraph !== null) paragraph += text
        }
        break
      case 'tab':
        if (paragraph !== null && !closing && !hidden) paragraph += '\t'
        break
      case 'br':
      case 'cr':
        if (paragraph !== null && !closing && !hidden) paragraph += '\n'
        break
      default:
        // delText and instrText: deleted text and field codes are not the document's text.
        break
    }
  }
  if (hiddenCharacters > 0) notes.push(`文件中有 ${hiddenCharacters} 个字设为隐藏，未导入：如需导入，请在 Word 或 WPS 中取消隐藏后重新导入`)
  return blocks
}

export function parseDocx(bytes: Uint8Array): DocumentText {
  let entries: Record<string, Uint8Array>
  try {
    // fflate inflates an entry into the size the zip declares for it: checking that size bounds what is unpacked.
    entries = unzipSync(bytes, { filter: (file) => file.name === 'word/document.xml' && (checkUnzippedSize('Word 文档', file.originalSize), true) })
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError('unreadable', null, '无法打开这个 Word 文件（.docx 已损坏或不完整）：请在 Word/WPS 中打开后重新保存')
  }
  const xml = entries['word/document.xml']
  if (!xml) throw new ImportError('unsupported-format', null, '这个压缩文件不是 Word 文档（缺少 word/document.xml）')
  const body = new TextDecoder('utf-8').decode(xml)
  // Lines of the converted text mean nothing to the person with the Word file: errors say which table, row and column.
  // Read as the kind of document its form is (`document-forms.ts`).
  const notes: string[] = []
  const text = readBlocks('Word 文档', readBody(body, notes))
  const pending = pendingRevisionsNote(body.match(/<w:(?:ins|moveTo)\b/g)?.length ?? 0, body.match(/<w:(?:del|moveFrom)\b/g)?.length ?? 0)
  addUnread(text, pending ? [...notes, pending] : notes)
  return text
}

export function importDocx(bytes: Uint8Array): ImportResult<DocumentText> {
  return tryImport(() => parseDocx(bytes))
}
