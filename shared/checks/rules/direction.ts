/**
 * Which way a target points. A cost is a ceiling (`≤10万元`), a
 * satisfaction a floor in percent (`≥90%`), an indicator of harm (肇事率,
 * 投诉率, 差错率, 事故) a ceiling too; a 满意度 of 100% cannot be
 * promised — surveys never come back unanimous — so the advice is a level
 * the department has reached before, not "=100%".
 *
 * A total cost written as a floor is wrong beyond doubt: error. The rest a
 * reviewer words and the department rewrites: warning. Template leftovers
 * are the quantification rule's.
 */
import type { Indicator } from '../../model/budget-document'
import type { Finding } from '../finding'
import { isPercent, parseIndicatorValue, type IndicatorValue } from '../../model/indicator-value'
import { moneyOf } from '../money'
import { findingsFor, type ProjectRule } from '../rule'
import { isCostIndicator, isHarm } from '../../model/target-direction'

/** Satisfaction by what the row measures, not only where it is filed. */
export const isSatisfaction = (indicator: Indicator): boolean => indicator.level1 === '满意度指标' || /满意/.test(indicator.level3)


const isFloor = (value: IndicatorValue) => value.sign === '≥' || value.sign === '>'
const written = (value: IndicatorValue) => `${value.number ?? ''}${value.unit}`

export const direction: ProjectRule = {
  id: 'direction',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i): Finding[] => {
      const value = parseIndicatorValue(indicator.value)
      if (indicator.value.trim() === '' || value.placeholder) return []
      const where = { indicator: i + 1, field: 'value' } as const
      const quote = `“${indicator.level3 || indicator.description}”的指标值“${indicator.value}”`
      if (isCostIndicator(indicator)) {
        const money = moneyOf(value)
        if (!money || !isFloor(value)) return []
        const advice = `成本指标是上限，应填写如“≤${written(value)}”`
        return [money.wan !== null ? f.error(`${quote}写成了下限：${advice}`, where) : f.warning(`${quote}写成了下限：${advice}`, where)]
      }
      if (isSatisfaction(indicator)) return satisfactionFindings(value, quote, f, where)
      if (isHarm(indicator) && isFloor(value) && value.number !== null) {
        return [f.warning(`${quote}写成了下限：“${indicator.level3}”越低越好，应填写上限，如“≤${written(value)}”`, where)]
      }
      return []
    })
  },
}

function satisfactionFindings(value: IndicatorValue, quote: string, f: ReturnType<typeof findingsFor>, where: { indicator: number; field: 'value' }): Finding[] {
  if (value.sign === '≤' || value.sign === '<') return [f.warning(`${quote}写成了上限：满意度应写下限，应填写如“≥90%”`, where)]
  if (value.number === null || !isPercent(value)) {
    const proposed = value.number !== null && value.number <= 100 ? `≥${value.number}%` : '≥90%'
    return [f.warning(`${quote}不是百分比：满意度应写明满意人数所占比例的下限，应填写如“${proposed}”`, where)]
  }
  if (value.number >= 100) return [f.warning(`${quote}不现实：调查难有全体满意，应按以往调查结果填写可达到的水平，如“≥90%”`, where)]
  return []
}
