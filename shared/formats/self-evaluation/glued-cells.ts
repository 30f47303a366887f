/**
 * Cells run together: a 自评表 copied off a web page can lose every
 * boundary ("安装坡面水标尺10≥266米≥266米10"). Read back only where one
 * reading exists: a number column is digits, a 三级 has none, and a 年度指标值
 * beside its 实际完成值 with no boundary is taken only as the same text
 * twice (a met target, as such forms mostly are). Two readings, or none,
 * and the caller refuses the row rather than guess.
 */

export type GluedColumn = 'name' | 'number' | 'text' | 'pair'

const NUMBER_PREFIXES = (s: string): string[] => {
  const match = /^\d+(?:\.\d+)?%?/.exec(s)
  if (!match) return []
  const out: string[] = []
  for (let end = 1; end <= match[0].length; end++) {
    const candidate = match[0].slice(0, end)
    // A number has no leading zero ("020"), and does not end on its point.
    if (/^(0|[1-9]\d*)(\.\d+)?%?$/.test(candidate)) out.push(candidate)
  }
  return out
}

/** Where the text of the next row may start: not inside a number. */
const boundary = (s: string, at: number) => at === s.length || !/[\d.%]/.test(s[at]!)

/**
 * Every way (at most `limit`) to read `s` as rows of `columns`, each row a
 * list of cells (a `pair` gives two equal cells). Rows follow each other
 * with no separator.
 */
export function gluedRows(s: string, columns: readonly GluedColumn[], limit = 2): string[][][] {
  const found: string[][][] = []
  const rows = (at: number, done: string[][]): void => {
    if (found.length >= limit) return
    if (at === s.length) {
      if (done.length > 0) found.push(done)
      return
    }
    cells(at, 0, [], (end, row) => rows(end, [...done, row]))
  }
  const cells = (at: number, k: number, row: string[], next: (end: number, row: string[]) => void): void => {
    if (found.length >= limit) return
    if (k === columns.length) {
      if (boundary(s, at)) next(at, row)
      return
    }
    const rest = s.slice(at)
    switch (columns[k]) {
      case 'name': {
        const name = /^[^\d≥≤<>＞＜]+/.exec(rest)?.[0]
        if (name) cells(at + name.length, k + 1, [...row, name], next)
        return
      }
      case 'number':
        for (const n of NUMBER_PREFIXES(rest)) cells(at + n.length, k + 1, [...row, n], next)
        return
      case 'pair':
        for (let len = 1; len * 2 <= rest.length; len++) {
          const t = rest.slice(0, len)
          if (rest.startsWith(t + t, 0)) cells(at + 2 * len, k + 1, [...row, t, t], next)
        }
        return
      case 'text':
        for (let len = 1; len <= rest.length; len++) cells(at + len, k + 1, [...row, rest.slice(0, len)], next)
        return
    }
  }
  rows(0, [])
  return found
}
