/**
 * What an Excel cell says, as a person reads it on the sheet: a number by
 * its format's decimals, a formula by the result the file keeps, a date as
 * a date. Where that is not all the cell holds — a number with more digits
 * than it shows, a formula with no result kept or an error — the cell is
 * read as shown and a note says so, for the import to leave in the
 * document (`DocumentText.unread`): a figure never changes unsaid.
 */

/** A cell's value as exceljs gives it. */
type CellValue = unknown

/** What a cell reads, and why it was worth a note ('' for nothing). */
export interface ReadCell {
  text: string
  /** What the reader should check: "显示为 18.51，单元格中的值是 18.5093". */
  note: string
}

/** A fixed number format ("0.00", "#,##0", "0.00%") with the text it writes around the number. */
interface NumberFormat {
  prefix: string
  grouped: boolean
  decimals: number
  percent: boolean
  suffix: string
}

/**
 * A fixed number format with the text it writes around the number, as forms use it: `"≥"0%` shows ≥90%, `0"人"`
 * 30人. Null for General and for formats read no further (dates, fractions).
 */
function formatOf(numFmt: string | undefined): NumberFormat | null {
  // The positive section, without what only pads or colours it (accounting formats: `#,##0.00_ ;[Red]-#,##0.00`).
  const positive = (numFmt ?? '').split(';')[0]!.replace(/_.|\*.|\[[^\]]*\]/g, '').trim()
  const parts = /^((?:"[^"]*"|\\.)*)((?:#,##)?0(?:\.0+)?%?)((?:"[^"]*"|\\.)*)$/.exec(positive)
  if (!parts) return null
  const literal = (text: string) => text.replace(/"([^"]*)"|\\(.)/g, (_, quoted: string | undefined, escaped: string | undefined) => quoted ?? escaped ?? '')
  const core = parts[2]!
  return { prefix: literal(parts[1]!), grouped: core.startsWith('#,##'), decimals: /\.(0+)/.exec(core)?.[1]!.length ?? 0, percent: core.endsWith('%'), suffix: literal(parts[3]!) }
}

/** Text, rich text and hyperlinks as their text; '' for an empty cell. */
export function plainText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'richText' in (value as object)) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('')
  if (typeof value === 'object' && 'text' in (value as object)) return String((value as { text: unknown }).text)
  return String(value)
}

const isFormula = (value: CellValue): value is { formula?: string; sharedFormula?: string; result?: unknown } =>
  typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)

/** A date as the forms write one (exceljs reads date cells as UTC midnight). */
const dateText = (date: Date) => `${date.getUTCFullYear()}年${date.getUTCMonth() + 1}月${date.getUTCDate()}日`

/**
 * A number cell as Excel shows it: by the decimals of a fixed format, with its thousands and the text around it;
 * in the General format every digit it holds (17.5, not 18 — a workbook saved by LibreOffice or WPS has no other).
 * Shown with fewer digits than it holds is worth a note, but for a rate rounded to 0.01% (how rates are written);
 * a format read no further (a fraction's) is said with what was read.
 */
function numberRead(value: number, numFmt: string | undefined): ReadCell {
  const format = formatOf(numFmt)
  if (!format) {
    const text = String(Number(value.toPrecision(15)))
    return { text, note: numFmt && !/^general$/i.test(numFmt) ? `格式为“${numFmt}”，已按单元格中的值 ${text} 导入` : '' }
  }
  const { prefix, grouped, decimals, percent, suffix } = format
  const scaled = percent ? value * 100 : value
  const digits = scaled.toFixed(decimals)
  const text = `${prefix}${grouped ? digits.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ',')) : digits}${percent ? '%' : ''}${suffix}`
  const held = Number(scaled.toPrecision(15))
  const off = Math.abs(Number(digits) - held) > (percent ? 0.005 + 1e-9 : 1e-9 * Math.max(1, Math.abs(held)))
  return { text, note: off ? `显示为 ${text}，单元格中的值是 ${held}${percent ? '%' : ''}` : '' }
}

/** What `value` (of a cell formatted `numFmt`) reads on the sheet. */
export function readCell(value: CellValue, numFmt: string | undefined): ReadCell {
  if (typeof value === 'number') return numberRead(value, numFmt)
  if (value instanceof Date) return { text: dateText(value), note: '' }
  if (isFormula(value)) {
    const result = value.result
    const formula = `=${value.formula ?? value.sharedFormula}`
    if (result === undefined || result === null) return { text: '', note: `是公式（${formula}），文件中没有它的计算结果，按空白导入：请在 Excel 或 WPS 中打开、保存后再导入` }
    if (typeof result === 'object' && 'error' in (result as object)) {
      const error = String((result as { error: unknown }).error)
      return { text: error, note: `是公式（${formula}），结果为错误值 ${error}` }
    }
    return readCell(result, numFmt)
  }
  return { text: plainText(value), note: '' }
}
