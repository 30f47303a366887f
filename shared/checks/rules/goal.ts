/**
 * The 绩效目标 itself: one that names no result ("持续推进扫黑除恶各项
 * 工作") cannot be assessed at the year's end; one that promises a number
 * its own 数量 indicators do not (the goal says 12 场次, the indicator
 * ≥6场次) leaves the reviewer not knowing which is the target. A reviewer
 * asks for it to be rewritten: warning.
 */
import type { Indicator, Project } from '../../model/budget-document'
import type { Finding } from '../finding'
import { toHalfWidth } from '../../model/numbers'
import { parseIndicatorValue } from '../../model/indicator-value'
import { findingsFor, type ProjectRule } from '../rule'

const plain = (text: string) => text.replace(/[\s，。、,.;；:：!！]/g, '')
/** What a goal says when it says only that work goes on. */
const CARRYING_ON = /(各项|相关|日常|有关)工作|正常运转|顺利开展|^(持续|不断|进一步|继续)(推进|推动|做好|加强)/
const VAGUE_LENGTH = 30

const COUNT = /(\d+(?:\.\d+)?)\s*(场次|人次|次|场|人|个|户|件|期|篇|份|所|辆|台|套|座|公里|千米|亩|处|家|项|批)/g
/** 场次 and 场 count the same thing. */
const measure = (unit: string) => (unit === '场次' ? '场' : unit)

const countsIn = (text: string): { number: number; unit: string; written: string }[] =>
  [...toHalfWidth(text).matchAll(COUNT)].map((m) => ({ number: Number(m[1]), unit: measure(m[2]!), written: m[0] }))

const stated = (indicator: Indicator) => `${indicator.level3}${parseIndicatorValue(indicator.value).sign ?? ''}${indicator.value.replace(/^[≥≤><=]+/, '')}`

function proposedGoal(project: Project): string {
  const measured = project.indicators.filter((i) => ['数量指标', '效益指标', '社会效益指标'].some((k) => i.level2 === k || i.level1 === k) && /\d/.test(i.value))
  const quantity = measured.find((i) => i.level2 === '数量指标')
  const effect = measured.find((i) => i.level1 === '效益指标')
  const parts = [quantity, effect].filter((i): i is Indicator => i !== undefined).map(stated)
  return parts.length > 0 ? `如“全年${parts.join('，')}”` : '如“全年开展宣传活动≥4次，群众知晓率≥90%”'
}

export const vagueGoal: ProjectRule = {
  id: 'relevance.vague-goal',
  check({ model, number }): Finding[] {
    const goal = plain(model.goal)
    // A goal that repeats the usage is the goal-is-usage rule's: one advice.
    if (goal === '' || goal === plain(model.usage) || /\d/.test(goal) || goal.length > VAGUE_LENGTH || !CARRYING_ON.test(goal)) return []
    return [findingsFor(this.id, number).warning(`绩效目标“${model.goal.trim()}”没有说明年内要达到什么：应写明完成的产出和效果，${proposedGoal(model)}`, { field: 'goal' })]
  },
}

export const goalMatchesIndicators: ProjectRule = {
  id: 'relevance.goal-indicators',
  check({ model, number }): Finding[] {
    const promised = countsIn(model.goal)
    if (promised.length === 0) return []
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i): Finding[] => {
      if (indicator.level2 !== '数量指标') return []
      const [own] = countsIn(indicator.value)
      if (!own) return []
      const sameUnit = promised.filter((p) => p.unit === own.unit)
      if (sameUnit.length === 0 || sameUnit.some((p) => p.number === own.number)) return []
      const goalSays = sameUnit.map((p) => `“${p.written}”`).join('')
      return [f.warning(`绩效目标写明${goalSays}，而“${indicator.level3}”的指标值为“${indicator.value}”：两者应一致，以哪个为准请统一`, { indicator: i + 1, field: 'value' })]
    })
  },
}
