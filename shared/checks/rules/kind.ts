/**
 * What a row measures decides where it is filed, not the label chosen
 * for it: a 满意度 or a deadline filed as an effect, a completion rate
 * (项目完成率) filed as an effect, an 经济效益 for money that earns
 * nothing (政法, 救助: no income, no saving), and an effect that restates
 * one of the table's outputs. Budget-process measures (资金支付及时率)
 * are the process-measure rule's. A reviewer asks for the row to move or
 * be rewritten: warning, one a row.
 */
import type { Indicator } from '../../model/budget-document'
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'
import { isSatisfaction } from './direction'
import { isProcessMeasure } from './process-measures'

const TIMELINESS = /及时|时限|完成时间|按时|时效|进度/
const COMPLETION = /完成率|完工率|完成情况|完成数|验收合格|建设任务|任务完成/
/** What an 经济效益 is about: money earned, saved or moved, or goods produced. */
const ECONOMIC = /收入|增收|收益|产值|利润|税|节约|节省|降低成本|经济|元|GDP|带动|就业|投资|营业|销售|产量|增产|粮食|价格|租金|创收|成本|消费|客流|游客|产业/

const normalized = (text: string) => text.replace(/[\s，。、,.;；:：()（）%％≥≤><=]/g, '')

export const kind: ProjectRule = {
  id: 'misfiled.kind',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    if (!model.indicators.some((indicator) => indicator.level1 === '效益指标')) return []
    const outputs = model.indicators.flatMap((indicator, i) => (indicator.level1 === '产出指标' ? [{ indicator, row: i + 1, said: said(indicator) }] : []))
    return model.indicators.flatMap((indicator, i): Finding[] => {
      if (indicator.level1 !== '效益指标' || isProcessMeasure(indicator)) return []
      const name = `“${indicator.level3 || indicator.description}”`
      const where = { indicator: i + 1, field: 'level2' } as const
      if (isSatisfaction(indicator)) return [f.warning(`${name}是满意度，却填在效益指标下：应移到满意度指标（服务对象满意度指标）`, where)]
      if (TIMELINESS.test(indicator.level3)) return [f.warning(`${name}是时效，却填在效益指标下：应移到产出指标的时效指标，效益指标写明项目带来的效果`, where)]
      if (COMPLETION.test(indicator.level3)) {
        return [f.warning(`${name}是工作完成情况，属于产出，却填在${indicator.level2 || '效益指标'}下：应移到产出指标（数量或质量指标），效益指标写明完成后带来的效果`, where)]
      }
      const effect = said(indicator)
      const restated = outputs.find((output) => restates(effect, output.said))
      if (restated) {
        return [f.warning(`${name}与第 ${restated.row} 行产出指标“${restated.indicator.level3}”相同：效益指标应说明产出带来的效果（如群众安全感、案件下降），不应重复产出`, { indicator: i + 1, field: 'level3' })]
      }
      if (indicator.level2 === '经济效益指标' && !ECONOMIC.test(`${indicator.level3}${indicator.description}${indicator.value}`)) {
        return [f.warning(`${name}没有反映经济收益：经济效益指标应写明可计量的收益（如增收、节约的金额）；项目不产生经济收益的，应改为社会效益指标`, where)]
      }
      return []
    })
  },
}

/** What a row says, normalised once: its name, its description, and its target when written in words. */
function said(indicator: Indicator) {
  const words = /[\u4e00-\u9fff]{4}/.test(indicator.value)
  return { name: normalized(indicator.level3), description: normalized(indicator.description), value: words ? normalized(indicator.value) : '' }
}

/** The same name, or the same description or target in words, as an output row. */
function restates(effect: ReturnType<typeof said>, output: ReturnType<typeof said>): boolean {
  const same = (a: string, b: string, min: number) => a.length >= min && a === b
  return same(effect.name, output.name, 2) || same(effect.description, output.description, 4) || same(effect.value, output.value, 4)
}
