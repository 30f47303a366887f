/**
 * Numbers as people type them in a 绩效目标表: amounts in 万元 and cumulative
 * spending percentages. Parsing never throws: text that is not a number
 * gives null, and the finance checks report it.
 */

const FULL_WIDTH = /[\uFF01-\uFF5E]/g

/** Full-width ASCII (digits, ．，％＋－) to half-width, spaces removed. */
export function toHalfWidth(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
}

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/

/** A decimal as written: `12.5`, `1,234.50` (no units, no spaces); null otherwise. */
export function parseDecimal(text: string): number | null {
  if (PLAIN.test(text)) return Number(text)
  if (GROUPED.test(text)) return Number(text.replace(/,/g, ''))
  return null
}

/**
 * An amount in 万元: `10.00`, `0.4`, `1,234.50`, `１０．００`, `10万元`, and
 * an amount with its breakdown after it in brackets, as forms write it:
 * `854万(高标准农田建设400万元,…)`. Empty or unparseable text gives null.
 */
export function parseAmount(text: string): number | null {
  return parseDecimal(toHalfWidth(text).replace(/(?<=[\d万元])\(.*\)$/, '').replace(/万元$|万$/, ''))
}

const JOINED = [/^(\d+\.\d{2})(\d+\.\d+)$/, /^(\d+(?:\.\d+)?%)(\d+(?:\.\d+)?%)$/]

/**
 * Two figures run together, as a replacement decided by halves leaves them
 * (its insertion accepted, its deletion not: `3.00` → `3.003.50`): the two
 * figures, or null. Amounts are written with two decimals, so `3.00` ends
 * the first, and a figure must have its point (`12.504` is one number); a
 * percentage has its sign.
 */
export function joinedFigures(text: string): [string, string] | null {
  const plain = toHalfWidth(text)
  for (const pattern of JOINED) {
    const match = pattern.exec(plain)
    if (match) return [match[1]!, match[2]!]
  }
  return null
}

/** What people write in a money cell for "none": a dash, a slash, 无, or 0. */
const NONE = /^(—+|-+|－+|\/|无|0+(\.0*)?)$/

export const meansNone = (text: string): boolean => NONE.test(toHalfWidth(text))

/**
 * A spending plan's cumulative percentages. Written as fractions of one
 * (0.25 / 0.5 / 0.75 / 1, no % sign anywhere) they are read as percents.
 */
export function parsePlanPercents(texts: readonly string[]): (number | null)[] {
  const numbers = texts.map(parsePercent)
  const fractions = texts.length > 0 && texts.every((t) => !/[%％]/.test(t)) && numbers.every((n) => n !== null && n <= 1) && numbers.at(-1) === 1
  return fractions ? numbers.map((n) => Math.round(n! * 10_000) / 100) : numbers
}

/** A percentage: `25%`, `25`, `２５％`. Empty or unparseable text gives null. */
export function parsePercent(text: string): number | null {
  return parseDecimal(toHalfWidth(text).replace(/%$/, ''))
}

/** A year written with Arabic digits: `2022年部门预算绩效文本` → 2022. */
export function parseYear(text: string): number | null {
  const match = /(\d{4})\s*年/.exec(toHalfWidth(text))
  return match ? Number(match[1]) : null
}

/** Whether a written figure and a computed one differ: forms round to 0.01 (a rate to 0.01%), and a difference within it is none. */
export const figuresDiffer = (a: number, b: number): boolean => Math.abs(a - b) > 0.011
