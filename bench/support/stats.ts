/** Figures for benchmark output: medians, ratios, fixed-width tables. */

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
export const ratio = (ours: number, peer: number) => `${(ours / peer).toFixed(2)}×`

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)))
  return rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c]!)).join('  ')).join('\n')
}
