/**
 * Where a pasted grid of cells goes on a table's indicator rows, as a
 * spreadsheet would put it: by position, from the cell the cursor is in,
 * row after row, adding rows after the table's last as needed. A grid whose
 * first row is an indicator header goes by its column names instead. A
 * grid whose first column reads as 一级 (or 二级) names starts on that
 * column wherever the cursor is — those values can go nowhere else, and the
 * cursor cannot be put on a 一级/二级 cell. 一级/二级 are resolved against the
 * taxonomy; an empty one under a pasted one is that cell merged down.
 * Pure: the editor applies the plan (`grid-paste.ts`).
 */
import { indicatorColumns, isIndicatorHeader, type IndicatorField } from '@shared/formats/indicator-columns'
import { joinLines } from '@shared/formats/clipboard/join-lines'
import { resolveLevel1, resolveLevel2, type Level1, type Level2, type ResolvedLabel } from '@shared/schema/taxonomy'

export type RowColumn = IndicatorField
export type LevelColumn = 'level1' | 'level2'
export type TextColumn = Exclude<RowColumn, LevelColumn>

/** What is pasted onto one row. */
export interface RowPaste {
  /** The row's index in its table; from the table's row count on, a row to add. */
  row: number
  text: Partial<Record<TextColumn, string>>
  level1?: ResolvedLabel<Level1>
  level2?: ResolvedLabel<Level2>
}

export interface GridPastePlan {
  rows: RowPaste[]
  /** How many rows are added after the table's last. */
  added: number
  /** Columns pasted onto, from the first to the last (for saying what happened). */
  width: number
  /** Cells with text beyond the table's last column: not pasted. */
  dropped: number
  /** 一级/二级 as written that the taxonomy does not know: kept as written on the row, to be chosen. */
  unknown: { row: number; column: LevelColumn; written: string }[]
}

export interface GridTarget {
  /** The columns of the table's rows, in order (一级, 二级, 三级, … and 分值/备注 where the table has them). */
  columns: readonly RowColumn[]
  /** The cursor's row (index in the table) and column. */
  start: { row: number; column: RowColumn }
  rowCount: number
}

const isLevel = (column: RowColumn): column is LevelColumn => column === 'level1' || column === 'level2'

/** Whether at least half the non-empty cells of a column (and one at least) name a taxonomy entry: a label the taxonomy does not know stays in its column. */
const readsAs = (cells: readonly (string | undefined)[], resolve: (written: string) => { name: string }) => {
  const written = cells.filter((cell): cell is string => !!cell?.trim())
  const known = written.filter((cell) => resolve(cell).name !== '').length
  return known > 0 && known * 2 >= written.length
}

export function planGridPaste(grid: readonly (readonly string[])[], target: GridTarget): GridPastePlan {
  const { body, startColumn } = aligned(grid, target)
  return planBody(body, startColumn, target, true)
}

/**
 * Rows copied in the editor itself, each cell known by its column (a row
 * partly selected has only some): onto the table's columns of the same
 * name, a cell not copied left as it is.
 */
export function planRowPaste(rows: readonly Partial<Record<RowColumn, string>>[], target: GridTarget): GridPastePlan {
  const others = (row: Partial<Record<RowColumn, string>>) => (Object.keys(row) as RowColumn[]).filter((column) => !target.columns.includes(column))
  return planBody(rows.map((row) => [...target.columns.map((column) => row[column]), ...others(row).map((column) => row[column])]), 0, target, false)
}

/** `fillDown`: an empty 一级/二级 under a pasted one is a merged cell (a grid from elsewhere), else empty (rows copied in the editor, each with its own). */
function planBody(body: readonly (readonly (string | undefined)[])[], startColumn: number, target: GridTarget, fillDown: boolean): GridPastePlan {
  const plan: GridPastePlan = { rows: [], added: 0, width: 0, dropped: 0, unknown: [] }
  const above: Partial<Record<LevelColumn, string>> = {}
  body.forEach((cells, i) => {
    const paste: RowPaste = { row: target.start.row + i, text: {} }
    cells.forEach((cell, j) => {
      if (cell === undefined) return
      const column = target.columns[startColumn + j]
      if (!column) {
        if (cell.trim()) plan.dropped++
        return
      }
      plan.width = Math.max(plan.width, j + 1)
      if (!isLevel(column)) {
        paste.text[column] = joinLines(cell)
        return
      }
      const written = cell.trim() || (fillDown ? above[column] : '')
      if (written === undefined || (!written && fillDown)) return
      above[column] = written
      const resolved = column === 'level1' ? resolveLevel1(written) : resolveLevel2(written)
      if (resolved.name === '' && written) plan.unknown.push({ row: paste.row, column, written })
      if (column === 'level1') paste.level1 = resolved as ResolvedLabel<Level1>
      else paste.level2 = resolved as ResolvedLabel<Level2>
    })
    plan.rows.push(paste)
  })
  plan.added = Math.max(0, target.start.row + body.length - target.rowCount)
  return plan
}

/** The grid's rows as cells in the table's column order from `startColumn` (undefined: a column the grid does not have). */
function aligned(grid: readonly (readonly string[])[], target: GridTarget): { body: (string | undefined)[][]; startColumn: number } {
  const [first = [], ...rest] = grid
  if (isIndicatorHeader(first)) {
    const header = indicatorColumns(first)
    if (header.ok) {
      const named = target.columns.map((column) => header.columns[column])
      const unplaced = Object.keys(header.columns).filter((field) => !target.columns.includes(field as RowColumn))
      return {
        // Columns the table does not have are kept at the end, to be counted as not pasted.
        body: rest.map((row) => [...named.map((c) => (c === undefined ? undefined : (row[c] ?? ''))), ...unplaced.map((f) => row[header.columns[f as RowColumn]!] ?? '')]),
        startColumn: 0,
      }
    }
    return { body: rest.map((row) => [...row]), startColumn: startOf(rest, target) }
  }
  return { body: grid.map((row) => [...row]), startColumn: startOf(grid, target) }
}

function startOf(rows: readonly (readonly string[])[], target: GridTarget): number {
  const column = (j: number) => rows.map((row) => row[j])
  // 成本指标 and 满意度指标 are read as 一级 and as 二级: a column of only such names is 一级 when a 二级 column follows or the rows are as wide as the table's.
  const alsoLevel2 = column(0).every((cell) => !cell?.trim() || resolveLevel2(cell).name !== '')
  const asWide = Math.max(...rows.map((row) => row.length)) === target.columns.length
  if (readsAs(column(0), resolveLevel1) && (!alsoLevel2 || asWide || readsAs(column(1), resolveLevel2))) return 0
  if (readsAs(column(0), resolveLevel2)) return 1
  return target.columns.indexOf(target.start.column)
}
