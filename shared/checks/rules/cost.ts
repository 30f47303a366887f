/**
 * 成本指标: a cost target is an amount of money (`≤10万元`, `1600元/亩`),
 * and a total can not exceed what the project has to spend. Both layouts
 * of the framework: 成本指标 as an 二级 under 产出 (before 财预〔2021〕101号)
 * and as a 一级 of its own with 经济/社会/生态环境成本 beneath.
 *
 * A cost target above the 预算数 is impossible: error. A target that is not
 * an amount (`按要求支出`, `≤100%`) cannot be checked against the money: a
 * reviewer decides, warning. Template leftovers are the quantification rule's.
 */
import type { Finding } from '../finding'
import { parseIndicatorValue } from '../../model/indicator-value'
import { moneyOf } from '../money'
import { findingsFor, type ProjectRule } from '../rule'
import { isProcessMeasure } from './process-measures'

import { isCostIndicator } from '../../model/target-direction'
import { sameAmount, wanText } from '../../model/amounts'

export const cost: ProjectRule = {
  id: 'cost',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const budget = model.budget.total
    return model.indicators.flatMap((indicator, i): Finding[] => {
      // A process measure under 成本 (资金支付及时率) is reported as that: one advice a row.
      if (!isCostIndicator(indicator) || indicator.value.trim() === '' || isProcessMeasure(indicator)) return []
      const value = parseIndicatorValue(indicator.value)
      if (value.placeholder) return []
      const where = { indicator: i + 1, field: 'value' } as const
      const name = indicator.level3 || indicator.description || '成本指标'
      const money = moneyOf(value)
      if (!money) return [f.warning(`成本指标“${name}”的指标值“${indicator.value}”不是金额：成本指标应写明成本控制的金额（如“≤10万元”“≤1600元/亩”）`, where)]
      if (money.wan !== null && budget !== null && money.wan > budget && !sameAmount(money.wan, budget)) {
        return [f.error(`成本指标“${name}”的“${indicator.value}”超过了项目预算数 ${wanText(budget)} 万元`, where)]
      }
      return []
    })
  },
}
