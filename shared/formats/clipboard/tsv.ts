/**
 * Tab-separated text as spreadsheets put it on the clipboard (Excel, WPS,
 * LibreOffice Calc, Google Sheets): a row a line, cells between tabs; a
 * cell holding a tab, a line break or a quote is quoted, with quotes
 * doubled. The line break after the last row is not a row.
 */

export function parseTsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let i = 0
  // A quote opens a quoted cell only at the cell's start, as spreadsheets write them.
  let atCellStart = true
  while (i < text.length) {
    const ch = text[i]!
    if (atCellStart && ch === '"') {
      const end = closingQuote(text, i + 1)
      if (end >= 0) {
        cell += text.slice(i + 1, end).replace(/""/g, '"')
        i = end + 1
        atCellStart = false
        continue
      }
    }
    atCellStart = false
    if (ch === '\t') {
      row.push(cell)
      cell = ''
      atCellStart = true
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      atCellStart = true
      if (ch === '\r' && text[i + 1] === '\n') i++
    } else {
      cell += ch
    }
    i++
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

/** Where the quoted cell starting at `from` ends: a quote not doubled, followed by a tab, a line end or the end; -1 if none. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue
    if (text[i + 1] === '"') {
      i++
      continue
    }
    return i + 1 === text.length || /[\t\r\n]/.test(text[i + 1]!) ? i : -1
  }
  return -1
}
