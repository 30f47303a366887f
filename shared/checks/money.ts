/**
 * An indicator value read as money: `≤15万元`, `1600元/亩`, `3000元`.
 * Converted to 万元 (the unit of a 绩效目标表's budget figures) when it
 * is a total; a per-unit amount (`元/亩`, `元/人`) is money but is not
 * comparable with a project's budget.
 */
import type { IndicatorValue } from '../model/indicator-value'

const TO_WAN: [RegExp, number][] = [
  [/^亿元/, 10_000],
  [/^万元/, 1],
  // "250万" as forms write an amount: 万 alone, not 万人 or 万亩.
  [/^万(?![\u4e00-\u9fff])/, 1],
  [/^千元/, 0.1],
  [/^元/, 0.0001],
]

export interface Money {
  /** The amount in 万元, or null for a per-unit amount. */
  wan: number | null
  perUnit: boolean
}

export function moneyOf(value: IndicatorValue): Money | null {
  if (value.number === null) return null
  const scale = TO_WAN.find(([unit]) => unit.test(value.unit))
  if (!scale) return null
  const perUnit = /\//.test(value.unit)
  return { wan: perUnit ? null : value.number * scale[1], perUnit }
}
