/**
 * Indicators filed under the wrong heading: a timeliness or rate measure
 * under 成本指标, a rate under 数量指标 (a count belongs there; a share is
 * a 质量 measure), a date under 质量指标 (a 时效 measure), and 时效 values
 * that are no time, deadline or completion rate. Budget-process measures
 * are `process-measures.ts`'s.
 */
import type { Finding } from '../finding'
import { isPercent, parseIndicatorValue } from '../../model/indicator-value'
import { findingsFor, type ProjectRule } from '../rule'
import { isProcessMeasure } from './process-measures'

const TIMELINESS_OR_RATE = /及时|时效|进度|按时|完成率|到位率|支付率|执行率|率$/
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
      if (isProcessMeasure(indicator)) return []
      if (indicator.level2 === '成本指标' && TIMELINESS_OR_RATE.test(indicator.level3) && !COST_WORDS.test(indicator.level3)) {
        return [f.warning(`“${name}”是时效或比率指标，却填在成本指标下：应移到时效指标（或质量指标），成本指标应反映成本控制`, where)]
      }
      const parsed = parseIndicatorValue(indicator.value)
      if (indicator.level2 === '数量指标' && (isPercent(parsed) || RATE_NAME.test(indicator.level3))) {
        return [f.warning(`“${name}”是比率，却填在数量指标下：数量指标应写明完成的数量（次、人、个），比率应放在质量指标`, where)]
      }
      if (indicator.level2 === '质量指标' && parsed.time && !isPercent(parsed)) {
        return [f.warning(`“${name}”的指标值“${indicator.value}”是时间或期限，却填在质量指标下：应移到时效指标`, where)]
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
