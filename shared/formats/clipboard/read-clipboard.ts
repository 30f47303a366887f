/**
 * What a paste holds, read from the clipboard's `text/html` and
 * `text/plain` as Word, WPS, Excel, LibreOffice and browsers put them
 * there: whole 绩效目标表 (read by the importers, as a file would be), a
 * grid of cells (an HTML table, or tab-separated text as spreadsheets
 * write it), or one line of text for a field.
 */
import type { ProjectText } from '../../model/document-text'
import { readHtml, parseHtml } from '../html/import'
import { tryImport } from '../import-error'
import { parsePublishedText } from '../published-text/import'
import { joinLines } from './join-lines'
import { parseTsv } from './tsv'

export type ClipboardContent =
  /** Forms with at least a project's name or code: a grid of indicator rows is not a form. */
  | { kind: 'projects'; projects: ProjectText[] }
  /** Rows of cells, as many cells as the source row had (at least two cells in all); a cell's lines kept apart by `\n`. */
  | { kind: 'grid'; rows: string[][] }
  | { kind: 'text'; text: string }

export function readClipboard(html: string, text: string): ClipboardContent {
  const blocks = html ? readHtml(html, { pasted: true }) : []
  const tables = blocks.flatMap((block) => (block.kind === 'table' ? [block.rows] : []))
  const paragraphs = blocks.flatMap((block) => (block.kind === 'paragraph' ? [block.text] : []))

  const projects = formsIn(tables.length > 0 ? () => parseHtml(html) : () => parsePublishedText(text), tables.length > 0 || /\t|绩效目标表/.test(text))
  if (projects) return { kind: 'projects', projects }

  const grid = tables.length === 1 && paragraphs.length === 0 ? tables[0]! : tables.length === 0 && text.includes('\t') ? parseTsv(text) : null
  const rows = grid && withoutEmptyRowsAtEnd(grid)
  if (rows && rows.flat().length > 1) return { kind: 'grid', rows }
  if (rows) return { kind: 'text', text: joinLines(rows.flat().join('')) }
  const written = text || [...paragraphs, ...tables.flat(2)].join('\n')
  return { kind: 'text', text: joinLines(written) }
}

/** The projects of pasted forms, or null when the paste is not one (most pastes are not: the importers say why, and that is not an error here). */
function formsIn(read: () => { projects: ProjectText[] }, mayBeForm: boolean): ProjectText[] | null {
  if (!mayBeForm) return null
  const result = tryImport(read)
  if (!result.ok) return null
  const projects = result.value.projects
  return projects.some((project) => project.name || project.code) ? projects : null
}

function withoutEmptyRowsAtEnd(rows: string[][]): string[][] {
  let end = rows.length
  while (end > 0 && rows[end - 1]!.every((cell) => cell.trim() === '')) end--
  return rows.slice(0, end)
}
