/**
 * Text whose rows are known, as the items of `read-kind-form.ts`: the
 * published layout (a cell a tab-prefixed line, a blank line ending the
 * row) or a row a line with its cells between tabs (a table copied out of
 * Excel or Word). Other lines are paragraphs. Null for text laid out
 * otherwise (cells between spaces, or run together), which only the
 * 自评表's loose reader reads.
 */
import type { FormItem } from './read-kind-form'

const trim = (s: string) => s.replace(/^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g, '')

export function textItems(text: string): FormItem[] | null {
  const lines = text.split(/\r\n|\r|\n/)
  const filled = lines.filter((l) => trim(l) !== '')
  const share = (test: (l: string) => boolean) => filled.filter(test).length / Math.max(1, filled.length)
  // A cell a line: the line starts with its tab and holds no other (a row of a copied table may start with an empty cell).
  const cellLines = share((l) => /^\t[^\t]*$/.test(l)) > 0.3
  if (!cellLines && share((l) => /\S\t+\S|\t\S/.test(l)) <= 0.2) return null
  const items: FormItem[] = []
  let table = 0
  let row: (FormItem & { kind: 'row' }) | null = null
  lines.forEach((raw, i) => {
    const line = i + 1
    const at = { line, place: null }
    if (cellLines) {
      if (raw.startsWith('\t')) {
        if (!row) items.push((row = { kind: 'row', cells: [], table, ...at }))
        row.cells.push(trim(raw.slice(1)))
        return
      }
      if (row) row = null
      if (trim(raw) === '') return
      table++
      items.push({ kind: 'paragraph', text: trim(raw), ...at })
      return
    }
    if (raw.includes('\t')) items.push({ kind: 'row', cells: raw.split('\t').map(trim), table, ...at })
    else if (trim(raw) !== '') {
      table++
      items.push({ kind: 'paragraph', text: trim(raw), ...at })
    }
  })
  return items
}
