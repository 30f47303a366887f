/**
 * HTML import: a 绩效文本 published as a web page (government sites, Excel
 * or Word saved as a web page, our own HTML export). Tables become rows of
 * cells — a cell spanning columns is one cell, a cell spanning rows leaves
 * an empty cell in each row below, as merged cells print in the text
 * layout — and the rest becomes paragraphs; then the one reader. Empty
 * cells of columns no text starts in are dropped (see vacant-columns).
 * Spans and cells are capped before they are placed (`import-limits.ts`).
 * The head, scripts, styles, comments and declarations are skipped, and text a tracked change deletes (<del>,
 * said on import: `pending-revisions.ts`); a cell or row left
 * unclosed (common in hand-written pages) ends at the next one. Read tag by tag: no DOM, so
 * it runs in the browser and on the server alike.
 */
import { addUnread, type DocumentText } from '../../model/document-text'
import { layOut, type Block } from '../blocks'
import { dropVacantColumns } from '../vacant-columns'
import { decodeText } from '../decode-text'
import { readLaidOut, tryImport, type ImportResult } from '../import-error'
import { cellBudget, checkTextLength, IMPORT_LIMITS } from '../import-limits'
import { parsePublishedText } from '../published-text/import'
import { readBlocks } from '../document-forms'
import { pendingRevisionsNote } from '../pending-revisions'

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', mdash: '—', ndash: '–', hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·', times: '×' }

/** A numeric reference's character; one past Unicode (`&#x110000;`), a surrogate or NUL reads as U+FFFD, as browsers read it. */
const character = (code: number) => (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code))

const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, name: string) =>
    name.startsWith('#x') ? character(parseInt(name.slice(2), 16)) : name.startsWith('#') ? character(Number(name.slice(1))) : (NAMED[name] ?? whole),
  )

/** Block-level tags: text on either side of one is a different paragraph. */
const BREAKS = new Set(['p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'section', 'article', 'header', 'footer', 'center'])

const TAG = /<!--[\s\S]*?-->|<![^>]*>|<\?[\s\S]*?\?>|<(head|script|style)\b[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g

interface Carry {
  colspan: number
  remaining: number
}

/** A span as written, at most `IMPORT_LIMITS.maxSpan`. */
const span = (attrs: string, name: string): number => Math.min(Number(new RegExp(`${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(attrs)?.[1] ?? 1) || 1, IMPORT_LIMITS.maxSpan)

const clean = (text: string) => decodeEntities(text).replace(/[ \t\r\n\u00a0]+/g, ' ').trim()

/**
 * The page's paragraphs and tables. A cell's lines (paragraphs, line breaks)
 * are joined with a space. `pasted` reads a table as the clipboard's reader
 * needs it: a cell's lines kept apart by `\n` (it knows that Chinese lines
 * join without a space), and a column left blank in a table of single
 * cells (an Excel range, a plain web table) kept, since a paste goes by
 * position — vacant columns are dropped only where cells span columns
 * (borders not lining up in Word, WPS, LibreOffice). A file (not a paste,
 * which is the person's own clipboard in their own browser) is held to the
 * caps of `import-limits.ts`; throws ImportError past them.
 */
export function readHtml(html: string, { pasted = false }: { pasted?: boolean } = {}): Block[] {
  if (!pasted) checkTextLength('网页文件', html)
  const takeCell = pasted ? () => {} : cellBudget('网页文件')
  const blocks: Block[] = []
  let paragraph = ''
  const flushParagraph = () => {
    const text = clean(paragraph)
    if (text) blocks.push({ kind: 'paragraph', text })
    paragraph = ''
  }
  let table: { rows: string[][]; spans: number[][]; row: string[] | null; col: number; carries: Map<number, Carry[]>; cell: { text: string; colspan: number; rowspan: number } | null } | null = null
  let depth = 0 // nested tables are read as their text
  /** Empty cells for the cells above that span down into this row, where they stand. */
  const placeCarries = () => {
    if (!table?.row) return
    for (;;) {
      // Looked up by column: a row below thousands of tall cells places each in constant time.
      const carry = table.carries.get(table.col)?.find((c) => c.remaining > 0)
      if (!carry) return
      takeCell()
      table.row.push('')
      table.spans.at(-1)!.push(carry.colspan)
      table.col += carry.colspan
      carry.remaining--
    }
  }
  const endCell = () => {
    if (!table?.row || !table.cell) return
    const { text: cellText, colspan, rowspan } = table.cell
    takeCell()
    table.row.push(pasted ? cellText.split('\n').map(clean).filter(Boolean).join('\n') : clean(cellText.replace(/\n/g, ' ')))
    table.spans.at(-1)!.push(colspan)
    if (rowspan > 1) table.carries.set(table.col, [...(table.carries.get(table.col) ?? []), { colspan, remaining: rowspan - 1 }])
    table.col += colspan
    table.cell = null
  }
  const endRow = () => {
    if (!table?.row) return
    endCell()
    placeCarries()
    for (const [start, carries] of table.carries) {
      const left = carries.filter((c) => c.remaining > 0)
      if (left.length > 0) table.carries.set(start, left)
      else table.carries.delete(start)
    }
    table.row = null
  }
  let last = 0
  // Inside <del>: text a tracked change deletes, not the page's (`pending-revisions.ts`).
  let deleted = 0
  for (const match of html.matchAll(TAG)) {
    const text = deleted > 0 ? '' : html.slice(last, match.index)
    last = match.index! + match[0].length
    if (table?.cell) table.cell.text += text
    else if (!table) paragraph += text
    const [, , closing, rawName, attrs = ''] = match
    if (!rawName) continue // a comment, script or style
    const name = rawName.toLowerCase()
    if (table?.cell && depth > 1) {
      if (name === 'table') depth += closing ? -1 : 1
      if (BREAKS.has(name) || name === 'td' || name === 'th') table.cell.text += ' '
      continue
    }
    switch (name) {
      case 'del':
        deleted = Math.max(0, deleted + (closing ? -1 : 1))
        break
      case 'table':
        if (closing) {
          if (!table) break
          depth--
          endRow()
          const spanned = table.spans.some((row) => row.some((span) => span > 1))
          if (table.rows.length > 0) blocks.push({ kind: 'table', rows: pasted && !spanned ? table.rows : dropVacantColumns(table.rows, table.spans) })
          table = null
        } else if (table?.cell) depth++
        else {
          flushParagraph()
          table = { rows: [], spans: [], row: null, col: 0, carries: new Map(), cell: null }
          depth = 1
        }
        break
      case 'tr':
        if (!table) break
        endRow()
        if (!closing) {
          table.row = []
          table.col = 0
          table.rows.push(table.row)
          table.spans.push([])
        }
        break
      case 'td':
      case 'th':
        if (!table?.row) break
        endCell()
        if (!closing) {
          placeCarries()
          table.cell = { text: '', colspan: span(attrs, 'colspan'), rowspan: span(attrs, 'rowspan') }
        }
        break
      default:
        if (BREAKS.has(name)) {
          if (table?.cell) table.cell.text += '\n'
          else if (!table) flushParagraph()
        }
    }
  }
  if (!table) paragraph += html.slice(last)
  flushParagraph()
  return blocks
}

export const parseHtml = (html: string): DocumentText => readLaidOut('网页文件', layOut(readHtml(html)), parsePublishedText)

/** A page's bytes, read as the kind of document its form is (`document-forms.ts`); `parseHtml` reads targets only (a paste into a targets document). */
export const importHtml = (bytes: Uint8Array): ImportResult<DocumentText> =>
  tryImport(() => {
    const html = decodeText(bytes)
    const text = readBlocks('网页文件', readHtml(html))
    const pending = pendingRevisionsNote(html.match(/<ins\b/gi)?.length ?? 0, html.match(/<del\b/gi)?.length ?? 0)
    addUnread(text, pending ? [pending] : [])
    return text
  })
