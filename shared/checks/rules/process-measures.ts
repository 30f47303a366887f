/**
 * Budget-process measures filed as results. 资金到位率, 资金支付及时率,
 * 预算执行率, 资金使用合规性 say how the money was handled, not what it
 * bought or achieved: they belong to budget execution monitoring, not to
 * the 产出, 成本 or 效益 of a 绩效目标表. A reviewer asks for them to be
 * replaced with what the project delivers: warning.
 */
import type { Indicator } from '../../model/budget-document'
import type { Finding } from '../finding'
import { isCostIndicator } from '../../model/target-direction'
import { findingsFor, type ProjectRule } from '../rule'

const PROCESS = /资金(的)?(到位|拨付|支付|使用(效率|效益|合规|规范|情况)|支出(进度|情况))|支付及时|预算执行|执行率|支出情况|按要求支出/

/**
 * Whether the row is a budget-process measure: by its name and
 * description, or — outside the cost indicators, whose value the cost
 * rule judges — a value that only says the money is spent as required.
 */
export const isProcessMeasure = (indicator: Indicator): boolean =>
  PROCESS.test(`${indicator.level3}${indicator.description}`) || (!isCostIndicator(indicator) && /^按要求支出$/.test(indicator.value.trim()))

const GROUPS = [
  { name: '产出', holds: (i: Indicator) => i.level1 === '产出指标' && !isCostIndicator(i), should: '产出指标应说明项目完成的工作量、质量和进度' },
  { name: '成本', holds: (i: Indicator) => isCostIndicator(i), should: '成本指标应反映成本控制（如“≤10万元”“≤1600元/亩”）' },
  { name: '效益', holds: (i: Indicator) => i.level1 === '效益指标', should: '效益指标应说明项目带来的社会、经济或生态效果' },
] as const

/** One finding per table and group (产出, 成本, 效益), naming the rows: the advice is the same for each. */
export const processMeasures: ProjectRule = {
  id: 'misfiled.process-measure',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    return GROUPS.flatMap(({ name, holds, should }): Finding[] => {
      const rows = model.indicators.flatMap((indicator, i) => (holds(indicator) && isProcessMeasure(indicator) ? [{ indicator, row: i + 1 }] : []))
      if (rows.length === 0) return []
      const names = [...new Set(rows.map(({ indicator }) => `“${indicator.level3 || indicator.description}”`))].join('')
      const at = rows.length > 1 ? `（第 ${rows.map((r) => r.row).join('、')} 行）` : ''
      return [f.warning(`${names}${at}是预算执行过程指标，不是${name}：${should}，资金到位、支付和执行情况由预算执行监控反映`, { indicator: rows[0]!.row, field: 'level3' })]
    })
  },
}
