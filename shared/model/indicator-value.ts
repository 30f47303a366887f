/**
 * What an 指标值 says: `≥90%` is at least 90 percent, `1600元/亩` exactly
 * 1600 of that unit, `2022年12月底前` a deadline, `显著提升` a qualitative
 * target, `≥**%` or `是/否` a template leftover where a target belongs.
 * Never throws; `raw` is always the text as written.
 */
import { toHalfWidth } from './numbers'

export type Sign = '≥' | '≤' | '=' | '>' | '<'

export interface IndicatorValue {
  raw: string
  sign: Sign | null
  number: number | null
  /** What follows the number: `%`, `个`, `元/亩`, `万元`, `工作日`… ('' when none). */
  unit: string
  /** A target in words, with no number (优良, 按计划实施). */
  qualitative: boolean
  /** A template leftover or a yes/no where a target belongs (`是/否`, `**`, `XX`, `★`). */
  placeholder: boolean
  /** A date, period or deadline (`2023.07-2024.01`, `12月底前`, `10个工作日内`). */
  time: boolean
  /**
   * A length of time, a number of one unit (`≤2小时`, `10个工作日内`, `30天`): compared as any amount is, in that
   * unit — not a date. `unit` is then the bare unit (小时, 工作日), and a limit said by 内 (within) is `≤`.
   */
  duration: boolean
}

const SIGNS: [RegExp, Sign][] = [
  [/^(≥|>=|=>|不低于|不少于)/, '≥'],
  [/^(≤|<=|=<|不高于|不超过|不多于)/, '≤'],
  [/^(=|==|等于)/, '='],
  [/^>/, '>'],
  [/^</, '<'],
]
const PLACEHOLDER = /^(是\/否|是或否|是否|有\/无|[*＊]+|[xX]+|★+|—+|-+)$|[*＊]{2}|XX|xx|★/
const TIME = /每(月|季度?|周|年)(底|末)|\d{4}\s*[.年/-]\s*\d{1,2}|\d{1,2}\s*月(底|末|\d{1,2}日)?|年底|年末|季度|前完成|之前|日前|(工作)?日内|天内|个?月内|小时|工作日|^\d+\s*(天|日)$/

/** A unit of a length of time after the number (个 and 内/以内 aside): `小时`, `个工作日内`, `天以内`. */
const DURATION = /^个?(小时|分钟|天|日|工作日)(以内|内)?$/

/** Lengths of time one converts into another, in minutes (a 工作日 is no number of 天: it is only itself). */
export const MINUTES: Readonly<Record<string, number>> = { 分钟: 1, 小时: 60, 天: 1440, 日: 1440 }

/** A length written in two units, the larger first: `2小时30分钟`, `1天12小时`, `1小时30分内`. */
const TWO_UNITS = /^个?(小时|天|日)(\d+(?:\.\d+)?)\s*个?(小时|分钟|分)(以内|内)?$/

/** `unit` (after the number) of a length written in two units, as one length in the first: `小时30分钟` after 2 → 2.5 小时. */
function inOneUnit(number: number, unit: string): { number: number; unit: string; within: boolean } | null {
  const two = TWO_UNITS.exec(unit.trim())
  if (!two) return null
  const [, first, more, second, within] = two as unknown as [string, string, string, string, string | undefined]
  const ratio = MINUTES[second === '分' ? '分钟' : second]! / MINUTES[first]!
  // A smaller part as large as the first unit (2小时90分钟) is no way to write a length: left as written.
  if (ratio >= 1 || Number(more) * ratio >= 1) return null
  return { number: number + Number(more) * ratio, unit: first, within: within !== undefined }
}

export function parseIndicatorValue(raw: string): IndicatorValue {
  const half = toHalfWidth(raw).replace(/[()（）]/g, '')
  let rest = half
  let sign: Sign | null = null
  for (const [pattern, s] of SIGNS) {
    const match = pattern.exec(rest)
    if (match) {
      sign = s
      rest = rest.slice(match[0].length)
      break
    }
  }
  const numberMatch = /^(\d+(?:\.\d+)?)/.exec(rest)
  const written = numberMatch ? Number(numberMatch[1]) : null
  const after = numberMatch ? rest.slice(numberMatch[0].length) : ''
  const placeholder = PLACEHOLDER.test(half)
  const time = TIME.test(half)
  const one = written === null ? null : DURATION.exec(after.trim())
  const length = one ? { number: written!, unit: one[1]!, within: one[2] !== undefined } : written === null ? null : inOneUnit(written, after)
  return {
    raw,
    sign: sign ?? (length?.within ? '≤' : null),
    number: length ? length.number : written,
    unit: length ? length.unit : after,
    qualitative: written === null && !placeholder && !time && half !== '' && !/\d/.test(half),
    placeholder,
    time,
    duration: length !== null,
  }
}

export const isPercent = (value: IndicatorValue): boolean => value.unit.startsWith('%')
