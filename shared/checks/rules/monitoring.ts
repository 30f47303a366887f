/**
 * A 绩效运行监控's own findings: a target judged at risk without a 纠偏措施;
 * spending behind the 资金支出计划 for the month with no 偏差原因 named; a
 * forecast short of the target still marked 确定能; a 截至当期完成值 not
 * comparable with its 年度指标值 (another unit); and, for the document, no
 * 截至月份 chosen (without it no 资金支出计划 node applies, so no plan
 * share is read). Each is the department's to answer: warnings.
 */
import { parseIndicatorValue } from '../../model/indicator-value'
import { actualInTargetUnit, isAmount, quantitativeEarned } from '../../self-evaluation/scoring'
import { whyIncomparable } from './unscorable-actual'
import { aimsAtMost } from '../../model/target-direction'
import type { Finding } from '../finding'
import type { MonitoringDocument } from '../../monitoring/monitoring-model'
import { findingsFor, type MonitoringRule } from '../rule'
import { CAUSES, LIKELIHOOD } from '../../monitoring/monitoring-choices'

/** The 偏差原因 as a sentence lists them: 甲、乙或丙. */
const causesInWords = `${CAUSES.slice(0, -1).join('、')}或${CAUSES[CAUSES.length - 1]}`

export const missingMeasure: MonitoringRule = {
  id: 'monitoring.measure',
  check({ model, number }) {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i) =>
      (indicator.likelihood === LIKELIHOOD.impossible || indicator.likelihood === LIKELIHOOD.possible) && indicator.measure.trim() === ''
        ? [f.warning(`“${indicator.level3}”完成目标可能性为“${indicator.likelihood}”，应填写纠偏措施`, { indicator: i + 1 })]
        : [],
    )
  },
}

export const behindPlan: MonitoringRule = {
  id: 'monitoring.behind-plan',
  check({ model, number }) {
    const { planRate, planned, rate } = model.funds
    if (planRate === null || planned === null || rate === null || planRate >= 100) return []
    if (model.indicators.some((indicator) => indicator.cause.trim() !== '')) return []
    return [findingsFor(this.id, number).warning(`截至当期执行率 ${rate}%，低于资金支出计划本期应达到的 ${planned}%，应在偏差原因中说明（${causesInWords}）`)]
  },
}

export const doubtfulCertainty: MonitoringRule = {
  id: 'monitoring.forecast',
  check({ model, number }) {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i) => {
      if (indicator.likelihood !== LIKELIHOOD.certain || indicator.forecast.trim() === '') return []
      const share = quantitativeEarned(indicator.value, indicator.forecast, 1, aimsAtMost(indicator))
      return share !== null && share < 1
        ? [f.warning(`“${indicator.level3}”全年预计完成值 ${indicator.forecast} 未达到年度指标值 ${indicator.value}，完成目标可能性却为“${LIKELIHOOD.certain}”`, { indicator: i + 1 })]
        : []
    })
  },
}

export const incomparableActual: MonitoringRule = {
  id: 'monitoring.comparable',
  check({ model, number }) {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i) => {
      const target = parseIndicatorValue(indicator.value)
      const actual = parseIndicatorValue(indicator.actual)
      if (!isAmount(target) || !isAmount(actual) || actualInTargetUnit(target, actual) !== null) return []
      return [f.warning(`“${indicator.level3}”截至当期完成值 ${indicator.actual} ${whyIncomparable(target, actual, indicator.value)}无法比较`, { indicator: i + 1 })]
    })
  },
}

/**
 * A 监控 whose 截至月份 names no month (a new one starts unset: the month
 * measured against is the department's choice, not the day it was made).
 */
export const asOfUnset = {
  id: 'monitoring.as-of',
  check(model: MonitoringDocument): Finding[] {
    if (model.month !== null) return []
    return [findingsFor(this.id, null).warning('未设定截至月份：请在表格上方选择截至月份，执行率才能对照资金支出计划中截至该月应达到的比例')]
  },
}
