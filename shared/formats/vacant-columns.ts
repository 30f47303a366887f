/**
 * Grid columns no text starts in. Word, WPS and LibreOffice leave them
 * where cell borders do not line up from row to row, Excel and web pages
 * where a column was left blank: invisible on the page, but each is one
 * more empty cell in every row it crosses, which would read as a column
 * with no name, a 资金支出计划 period or an indicator field.
 */

/**
 * The rows without their cells that are empty and lie wholly in vacant
 * columns — columns in which no cell with text starts, in any row. A cell
 * with text is never dropped, and neither is an empty cell under a column
 * someone wrote in (an empty 指标值 under its header, a merged 一级).
 * `spans[r][c]` is how many grid columns the cell covers (1 where absent).
 */
export function dropVacantColumns<T = string>(
  rows: readonly (readonly T[])[],
  spans: readonly (readonly number[])[] = [],
  textOf: (cell: T) => string = String,
): T[][] {
  const starts = rows.map((row, r) => {
    let column = 0
    return row.map((_, c) => {
      const start = column
      column += Math.max(1, spans[r]?.[c] ?? 1)
      return start
    })
  })
  const written = new Set<number>()
  rows.forEach((row, r) => row.forEach((cell, c) => textOf(cell).trim() !== '' && written.add(starts[r]![c]!)))
  const vacant = (r: number, c: number) => {
    const start = starts[r]![c]!
    const span = Math.max(1, spans[r]?.[c] ?? 1)
    for (let g = start; g < start + span; g++) if (written.has(g)) return false
    return true
  }
  return rows.map((row, r) => row.filter((cell, c) => textOf(cell).trim() !== '' || !vacant(r, c)))
}
