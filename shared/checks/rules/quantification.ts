/**
 * 细化量化: targets stated as numbers wherever they can be (财预〔2015〕88号).
 * A template leftover or 是/否 where a target belongs (error: nothing to
 * assess), a value copied from the indicator's own name or description,
 * quantity without a number or without its unit ("1"), a rate written
 * as a sentence, an effect that cannot be measured ("进一步保障"), words
 * under the output indicators, percentages without their sign, odd
 * percentages. Cost targets are the cost rule's.
 */
import type { Indicator } from '../../model/budget-document'
import type { Finding } from '../finding'
import { isPercent, parseIndicatorValue } from '../../model/indicator-value'
import { findingsFor, type ProjectRule } from '../rule'
import { isCostIndicator } from '../../model/target-direction'
import { isProcessMeasure } from './process-measures'
import { isSatisfaction } from './direction'

/** Outputs that should be numbers (时效 in words is the misfiled rule's: it wants a time; 成本 the cost rule's: it wants money). */
const QUANTIFIED_OUTPUTS = ['数量指标', '质量指标']
/** Words of a direction, not a target: nobody can tell at the year's end whether "进一步保障" was met. */
const VAGUE = /进一步|有所|逐步|不断|稳步|持续|明显|显著|大幅|较大|一定程度|积极/
const normalized = (text: string) => text.replace(/[\s，。、,.;；:：()（）%％]/g, '')
/** Indicator names that measure a share: their values are percentages. */
const RATE_NAME = /率|比例|比重|占比|覆盖面|%|％/

/** The measure word a count's name ends in (培训场次 → 场次), to propose the value with it. */
const MEASURE = /(场次|人次|次|场|人|个|户|件|期|篇|份|所|辆|台|套|座|公里|千米|亩|处|家|项|批)(数|数量)?$/

function proposedCount(name: string, sign: string | null, number: number): string {
  const measure = MEASURE.exec(name.replace(/[（(].*[)）]$/, ''))?.[1]
  const at = `${sign ?? '≥'}${number}`
  return measure ? `“${at}${measure}”` : `“${at}次”“${number}人”`
}

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
  if (value.placeholder) return [f.error(`${quote}是模板占位或是/否：应填写具体目标值（如“≥95%”“12次”）`, where)]
  const copied = value.number === null && !isCostIndicator(indicator) && [indicator.level3, indicator.description].some((t) => t.trim() !== '' && normalized(t) === normalized(indicator.value))
  if (copied) return [f.warning(`${quote}照抄了指标名称或描述，不是目标值：应写明要达到的数量、比例或标准`, where)]
  const found: Finding[] = []
  // A process measure filed as an effect is reported as that; its wording is beside the point.
  if (indicator.level1 === '效益指标' && value.number === null && VAGUE.test(indicator.value) && !isProcessMeasure(indicator)) {
    found.push(f.warning(`${quote}无法衡量：效益指标应写明可核验的效果（如“全年无重大事件”“群众安全感≥90%”），“进一步”“有所提升”到年底无法判断是否达成`, where))
  }
  if (indicator.level2 === '数量指标' && value.number === null) {
    found.push(f.warning(`${quote}没有数字：数量指标应写明数量（如“≥4次”“1人”）`, where))
  } else if (indicator.level2 === '数量指标' && value.unit === '' && !RATE_NAME.test(indicator.level3)) {
    // A rate under 数量 is the misfiled rule's; a count needs its unit to be read at all.
    found.push(f.warning(`${quote}没有计量单位：应填写如${proposedCount(indicator.level3, value.sign, value.number!)}`, where))
  } else if (value.qualitative && QUANTIFIED_OUTPUTS.includes(indicator.level2) && RATE_NAME.test(indicator.level3)) {
    found.push(f.warning(`${quote}是一句话，不是比率：应填写如“≥90%”，并在绩效指标描述中写明分子和分母`, where))
  } else if (value.qualitative && QUANTIFIED_OUTPUTS.includes(indicator.level2)) {
    found.push(f.info(`${quote}是定性表述：${indicator.level2}应尽量定量表述，确实无法量化的应分级描述`, where))
  }
  // How a 满意度 is written (a floor, in percent, short of 100%) is the direction rule's: said once.
  if (isSatisfaction(indicator)) return found
  if (value.number !== null && value.unit === '' && RATE_NAME.test(indicator.level3 + indicator.description)) {
    found.push(f.warning(`${quote}缺少单位：比率类指标应写作“${value.sign ?? ''}${value.number}%”`, where))
  }
  if (value.number !== null && isPercent(value)) {
    if (value.number > 100) found.push(f.warning(`${quote}超过 100%`, where))
    else if (value.number === 100 && value.sign === '≥') found.push(f.info(`${quote}：不可能超过 100%，应写作“=100%”`, where))
  }
  return found
}
