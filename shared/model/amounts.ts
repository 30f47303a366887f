/**
 * Money as 绩效目标表 write it, in 万元 — the unit of the model. A table
 * states its unit once ("单位：元", "金额单位：万元"); an amount may name its
 * own ("854万", "3000元"), and then its own wins. Amounts written in
 * Chinese or capital numerals (一百二十万元, 叁万元) are read; anything else
 * is null, for the checks to report — never a number in the wrong unit,
 * never quietly 0.
 */
import { parseDecimal, toHalfWidth } from './numbers'

/** 万元 per unit. */
const SCALE: Readonly<Record<string, number>> = { 元: 0.0001, 千元: 0.1, 万元: 1, 万: 1, 百万元: 100, 亿元: 10_000, 亿: 10_000 }

/** The units a table may state, longest first so 万元 is not read as 元. */
const UNIT = /百万元|亿元|万元|千元|元/

/**
 * The money unit a table's unit text names ("万元", "单位：元", "人民币千元"):
 * '万元' for an empty text (the layout's default), null when it names none.
 */
export function tableUnit(text: string): string | null {
  const compact = text.replace(/[\s\u3000]/g, '')
  if (compact === '' || /^(金额)?单位[:：]?$/.test(compact)) return '万元'
  return UNIT.exec(compact)?.[0] ?? null
}

const DIGIT: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
}
const SMALL: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 }
const CHINESE = /^[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿]+$/

/** A whole number in Chinese or capital numerals ("一百二十万" → 1200000), or null. */
export function chineseNumber(text: string): number | null {
  if (!CHINESE.test(text)) return null
  let total = 0
  let section = 0
  let digit: number | null = null
  for (const char of text) {
    if (char in DIGIT) {
      if (digit !== null && DIGIT[char] !== 0 && digit !== 0) return null // "一二": no place between the digits
      digit = DIGIT[char]!
    } else if (char in SMALL) {
      section += (digit ?? 1) * SMALL[char]!
      digit = null
    } else if (char === '万') {
      total += (section + (digit ?? 0)) * 10_000
      section = 0
      digit = null
    } else {
      total = (total + section + (digit ?? 0)) * 100_000_000
      section = 0
      digit = null
    }
  }
  return total + section + (digit ?? 0)
}

/** An amount and the unit it names itself, as written: "854万" → 854 万; "一百二十万元" → 1200000 元. */
export function writtenAmount(text: string): { number: number; unit: string | null } | null {
  // The breakdown forms add after the amount, "854万(高标准农田建设400万元,…)", and a closing 整.
  const t = toHalfWidth(text).replace(/(?<=\S)\(.*\)$/, '').replace(/整$/, '').replace(/^人民币/, '')
  const arabic = /^(.*?)(百万元|亿元|万元|千元|元|万|亿)?$/.exec(t)!
  const number = parseDecimal(arabic[1]!)
  if (number !== null) return { number, unit: arabic[2] ?? null }
  // Chinese numerals: a trailing 元 is the unit and 万/亿 are places ("叁万元" is 30000 元); without 元, a trailing 万 is the unit, as "854万" is.
  if (t.endsWith('元')) {
    const number = chineseNumber(t.slice(0, -1))
    return number === null ? null : { number, unit: '元' }
  }
  const unit = /[万亿]$/.exec(t)?.[0] ?? null
  const chinese = chineseNumber(unit ? t.slice(0, -1) : t)
  return chinese === null ? null : { number: chinese, unit }
}

/** An amount in 万元 rounded to what a ledger keeps (0.01 元), so 1164000 元 is 116.4 万元 and not 116.40000000000001. */
export const ledger = (wan: number) => Math.round(wan * 1e6) / 1e6

/**
 * An amount in 万元, from its text and the unit of its table: the unit it
 * names itself wins; a table unit that names no money unit counts as 万元
 * (the checks say so). Null for what is not an amount.
 */
export function amountInWan(text: string, unitOfTable: string): number | null {
  const written = writtenAmount(text)
  if (!written) return null
  const unit = written.unit ?? tableUnit(unitOfTable) ?? '万元'
  return ledger(written.number * SCALE[unit]!)
}

/** The money unit figures of a table with this unit text are in: a unit that names no money counts as 万元, as in `amountInWan`. */
const unitOf = (unitOfTable: string): string => tableUnit(unitOfTable) ?? '万元'

/**
 * An amount in the unit of its table, from its text: what a 监控's or 自评's
 * 资金 figures are kept in (`funds`, "the form's unit"), so that the
 * figures the form shows are the figures its checks quote. The unit an
 * amount names itself wins, as in `amountInWan` — "3000元" in a 万元 form
 * is 0.3, "0.3万元" in a 元 form 3000 — and the result is rounded to
 * 0.01 元, as the targets' amounts are. Null for what is not an amount.
 */
export function amountInUnit(text: string, unitOfTable: string): number | null {
  const written = writtenAmount(text)
  if (!written) return null
  const table = unitOf(unitOfTable)
  // 0.01 元 in the table's unit: 1e-6 万元 ÷ 万元 per unit, kept as an integer factor so 0.035 stays 0.035.
  const cents = Math.round(SCALE[table]! * 1e6)
  return Math.round(((written.number * SCALE[written.unit ?? table]!) / SCALE[table]!) * cents) / cents
}

/** 万元 per figure of a table with this unit text: to add figures of forms in different units (a 元 form's 3000 is 0.3). */
export const wanPerUnit = (unitOfTable: string): number => SCALE[unitOf(unitOfTable)]!

/**
 * An amount in 万元 as people read it: two decimals, as the forms write it, and every further digit the
 * amount has, to the 0.01 元 the model keeps — a total of 18.509 is "18.509", never a rounded "18.51" that
 * no cell holds.
 */
export const wanText = (wan: number): string => trimmed(wan, 6)

/** `n` to `digits` decimals, with the zeros past the second dropped. */
const trimmed = (n: number, digits: number) => n.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, '$1')

/**
 * An amount in 万元 written in the unit of a table with this unit text, as such a table writes it: in 万元 (千元…)
 * as `wanText` does; in 元 with thousands, and 分 only where there are any — 18.5093 万元 is "185,093" in a 元
 * table, as its cell reads.
 */
export function unitText(wan: number, unitOfTable: string): string {
  const per = wanPerUnit(unitOfTable)
  if (unitOf(unitOfTable) === '元') {
    const [whole, cents] = (wan / per).toFixed(2).split('.') as [string, string]
    return `${whole.replace(/\B(?=(\d{3})+$)/g, ',')}${cents === '00' ? '' : `.${cents}`}`
  }
  // Decimals enough for 0.01 元 in that unit: 5 in 千元, 6 in 万元.
  const digits = Math.max(2, Math.round(Math.log10(per * 1e6)))
  return trimmed(wan / per, digits)
}

/** Whether two amounts in 万元 are the same to the 0.01 元 the model keeps: a sum's float noise is no money, 40 元 is. */
export const sameAmount = (a: number, b: number): boolean => Math.abs(a - b) < 0.5e-6

/** An amount in 万元 said in 元, for one too small to read in 万元 (0.40 元 is 0.0000 万元). */
export const inYuan = (wan: number): string => `${(wan * 10_000).toFixed(2)} 元`
