/**
 * A single project's form as it reaches us in text: the cells of its table
 * in reading order, each with the line it came from. The layouts differ by
 * how a cell ends — a tab, a `|`, a run of spaces, or the line itself — and
 * by whether a line is a row: tab-separated lines and the published layout's
 * tab-prefixed cells keep their rows (a cell may be empty there, standing
 * for a merged cell); in the other layouts every cell stands alone and
 * empty cells are gone.
 */

export interface FormCell {
  text: string
  /** 1-based line number in the file. */
  line: number
  /** Cells with the same row were one row of the table; null where the layout does not say. */
  row: number | null
}

type Layout = 'cell-lines' | 'tabs' | 'pipes' | 'spaces'

const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g
const trim = (s: string) => s.replace(EDGE_SPACE, '')

function layoutOf(lines: readonly string[]): Layout {
  const filled = lines.filter((l) => trim(l) !== '')
  const share = (test: (l: string) => boolean) => filled.filter(test).length / Math.max(1, filled.length)
  if (share((l) => l.startsWith('\t')) > 0.3) return 'cell-lines'
  if (share((l) => l.includes('|')) > 0.2) return 'pipes'
  if (share((l) => /\S\t+\S/.test(l)) > 0.2) return 'tabs'
  return 'spaces'
}

/** The file's cells, in reading order. */
export function formCells(text: string): FormCell[] {
  const lines = text.split(/\r\n|\r|\n/)
  const layout = layoutOf(lines)
  const cells: FormCell[] = []
  let row = 0
  let rowOpen = false
  lines.forEach((raw, i) => {
    const line = i + 1
    switch (layout) {
      case 'cell-lines':
        // The published layout: a cell a line, a blank line ends the row; other lines stand alone.
        if (raw.startsWith('\t')) {
          if (!rowOpen) row++
          rowOpen = true
          cells.push({ text: trim(raw), line, row })
        } else {
          rowOpen = false
          if (trim(raw)) cells.push({ text: trim(raw), line, row: null })
        }
        break
      case 'tabs':
        row++
        for (const part of raw.split('\t')) cells.push({ text: trim(part), line, row })
        break
      case 'pipes':
        for (const part of raw.split('|')) if (trim(part)) cells.push({ text: trim(part), line, row: null })
        break
      case 'spaces':
        for (const part of rejoin(raw.split(/[ \u3000\u00a0]+/).filter((p) => trim(p) !== ''))) cells.push({ text: trim(part), line, row: null })
        break
    }
  })
  return layout === 'tabs' ? dropEmptyRows(cells) : cells
}

/** Tab layout: a line with nothing in it is no row. */
const dropEmptyRows = (cells: FormCell[]): FormCell[] => {
  const filled = new Set(cells.filter((c) => c.text).map((c) => c.row))
  return cells.filter((c) => filled.has(c.row))
}

const OPEN = /[（(【[]/g
const CLOSE = /[）)】\]]/g
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0

/**
 * Parts of a line split at spaces, put back together where a space split
 * one cell: a bracket opened and closed further on ("( ≥**个 )"), a
 * comparison sign standing alone ("≥ 90%"), a lone % or unit sign after
 * its number ("90 %").
 */
export function rejoin(parts: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    let part = parts[i]!
    const opened = count(part, OPEN) - count(part, CLOSE)
    if (opened > 0) {
      // Joined only when the bracket closes on this line, within a few parts.
      let depth = opened
      let end = i
      while (depth > 0 && end + 1 < parts.length && end - i < 4) {
        end++
        depth += count(parts[end]!, OPEN) - count(parts[end]!, CLOSE)
      }
      if (depth <= 0) {
        part = parts.slice(i, end + 1).join('')
        i = end
      }
    }
    while (/^[≥≤><=＞＜≧≦]+$/.test(part) && i + 1 < parts.length) part += parts[++i]!
    if (/^[%％]$/.test(part) && out.length > 0 && /\d$/.test(out.at(-1)!)) out[out.length - 1] += part
    else out.push(part)
  }
  return out
}
