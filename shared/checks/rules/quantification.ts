/**
 * 细化量化: targets stated as numbers wherever they can be (财预〔2015〕88号).
 * Quantity without a number, template leftovers, words under the output
 * indicators, percentages without their sign, odd percentages.
 */
import type { Indicator } from '../../model/budget-document'
import type { Finding } from '../finding'
import { isPercent, parseIndicatorValue } from '../indicator-value'
import { findingsFor, type ProjectRule } from '../rule'

/** Outputs that should be numbers (时效 in words is the misfiled rule's: it wants a time). */
const QUANTIFIED_OUTPUTS = ['数量指标', '质量指标', '成本指标']
/** Indicator names that measure a share: their values are percentages. */
const RATE_NAME = /率|比例|比重|占比|覆盖面|%|％/

export const quantification: ProjectRule = {
  id: 'quantification',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i) => valueFindings(indicator, f, i + 1))
  },
}

function valueFindings(indicator: Indicator, f: ReturnType<typeof findingsFor>, row: number): Finding[] {
  if (indicator.value.trim() === '') return [] // completeness reports it
  const value = parseIndicatorValue(indicator.value)
  const where = { indicator: row, field: 'value' } as const
  const quote = `“${indicator.level3 || indicator.description}”的指标值“${indicator.value}”`
  if (value.placeholder) return [f.warning(`${quote}是模板占位或是/否，应填写具体目标值（如“≥95%”“12次”）`, where)]
  const found: Finding[] = []
  if (indicator.level2 === '数量指标' && value.number === null) {
    found.push(f.warning(`${quote}没有数字：数量指标应写明数量（如“≥4次”“1人”）`, where))
  } else if (value.qualitative && QUANTIFIED_OUTPUTS.includes(indicator.level2)) {
    found.push(f.info(`${quote}是定性表述：${indicator.level2}应尽量定量表述，确实无法量化的应分级描述`, where))
  }
  if (value.number !== null && value.unit === '' && RATE_NAME.test(indicator.level3 + indicator.description)) {
    found.push(f.warning(`${quote}缺少单位：比率类指标应写作“${value.sign ?? ''}${value.number}%”`, where))
  }
  if (value.number !== null && isPercent(value)) {
    if (value.number > 100) found.push(f.warning(`${quote}超过 100%`, where))
    else if (value.number === 100 && value.sign === '≥') found.push(f.info(`${quote}：不可能超过 100%，应写作“=100%”`, where))
  }
  return found
}
