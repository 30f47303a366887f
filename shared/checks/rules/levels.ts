/**
 * Targets set too low for what they measure: a 合格率 of 60% or a 满意度 of
 * 70% is met by any project, whatever it does, so it assesses nothing.
 * Floors a finance reviewer treats as the least credible level; below
 * them the advice is the level such targets are usually set at. A
 * reviewer decides: warning.
 */
import type { Finding } from '../finding'
import { isPercent, parseIndicatorValue } from '../../model/indicator-value'
import { findingsFor, type ProjectRule } from '../rule'

const KINDS: { name: RegExp; floor: number; usual: string }[] = [
  { name: /合格率|达标率|准确率|正确率|完好率|验收通过率/, floor: 80, usual: '≥95%' },
  { name: /满意度|满意率/, floor: 80, usual: '≥90%' },
]

export const levels: ProjectRule = {
  id: 'levels',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i): Finding[] => {
      const value = parseIndicatorValue(indicator.value)
      if (value.number === null || !isPercent(value) || value.sign === '≤' || value.sign === '<') return []
      const kind = KINDS.find(({ name }) => name.test(indicator.level3))
      if (!kind || value.number >= kind.floor) return []
      return [f.warning(`“${indicator.level3}”的指标值“${indicator.value}”过低，达到它说明不了什么：应按行业标准或以往水平填写，如“${kind.usual}”`, { indicator: i + 1, field: 'value' })]
    })
  },
}
