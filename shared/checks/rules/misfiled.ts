/**
 * Indicators filed under the wrong heading: a timeliness or rate measure
 * under 成本指标, a fund-spending process measure as an effect (资金使用/
 * 支出情况 is not a 效益), and 时效 values that are no time, deadline or
 * completion rate.
 */
import type { Finding } from '../finding'
import { isPercent, parseIndicatorValue } from '../indicator-value'
import { findingsFor, type ProjectRule } from '../rule'

const TIMELINESS_OR_RATE = /及时|时效|进度|按时|完成率|到位率|支付率|执行率|率$/
const SPENDING_PROCESS = /资金(的)?(使用|支出|支付|到位|拨付)|支出情况|使用效率|预算执行/
/** What a real cost measure talks about (a rate of *spending within budget* is a cost control). */
const COST_WORDS = /成本|预算|费用|控制|节约|单价|标准|超支/
const RATE_NAME = /率|比例|比重|占比|%|％/

export const misfiled: ProjectRule = {
  id: 'misfiled',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i): Finding[] => {
      const where = { indicator: i + 1, field: 'level2' } as const
      const name = indicator.level3 || indicator.description
      if (indicator.level2 === '成本指标' && TIMELINESS_OR_RATE.test(indicator.level3) && !COST_WORDS.test(indicator.level3)) {
        return [f.warning(`“${name}”是时效或比率指标，却填在成本指标下：应移到时效指标（或质量指标），成本指标应反映成本控制`, where)]
      }
      if (indicator.level1 === '效益指标' && SPENDING_PROCESS.test(`${indicator.level3}${indicator.description}`)) {
        return [f.warning(`“${name}”反映的是资金使用过程，不是项目效益：效益指标应说明项目带来的社会、经济或生态效果`, where)]
      }
      if (indicator.level2 === '时效指标' && indicator.value.trim() !== '') {
        const value = parseIndicatorValue(indicator.value)
        const isDuration = value.number !== null && /天|日|月|年|小时/.test(value.unit)
        // A bare number under a rate name is a percentage missing its sign: the quantification rule says so.
        const isRate = isPercent(value) || (value.number !== null && value.unit === '' && RATE_NAME.test(indicator.level3))
        if (!value.placeholder && !value.time && !isRate && !isDuration) {
          return [f.warning(`时效指标“${name}”的指标值“${indicator.value}”不是时间、期限或完成率`, { indicator: i + 1, field: 'value' })]
        }
      }
      return []
    })
  },
}
