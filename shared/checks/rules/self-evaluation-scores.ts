/**
 * A 自评表's arithmetic: a 得分 above its 分值 or below 0, a 执行率 that does not
 * follow from 全年执行数 ÷ 全年预算数, a written 总分 other than the one its
 * own 得分 add up to. Each is a figure nobody needs to judge: an error.
 */
import { figuresDiffer as differs, parseAmount, parsePercent } from '../../model/numbers'
import { withinPoints } from '../../self-evaluation/self-evaluation-model'
import { findingsFor, type SelfEvaluationRule } from '../rule'

const number = (text: string) => parseAmount(text.replace(/分$/, ''))

/** Read from the 得分 as written: the model takes no 得分 above its 分值 or below 0 (`selfEvaluationProject`), so the 总分 waits for it. */
export const scoreAboveCap: SelfEvaluationRule = {
  id: 'self-evaluation.score-above-cap',
  check({ model, text, number: project }) {
    const f = findingsFor(this.id, project)
    return model.indicators.flatMap((indicator, i) => {
      const written = number(text.indicators[i]?.earned ?? '')
      if (written === null || withinPoints(written, indicator.points)) return []
      const why = written < 0 ? `低于 0 分：得分应在 0 到分值 ${indicator.points} 分之间` : `高于其分值 ${indicator.points} 分：得分最高不能超过分值`
      return [f.error(`“${indicator.level3}”得分 ${written} 分，${why}，改正前不计入总分`, { indicator: i + 1 })]
    })
  },
}

export const executionRate: SelfEvaluationRule = {
  id: 'self-evaluation.execution-rate',
  check({ model, text, number: project }) {
    const written = parsePercent((text.funds?.rate ?? '').trim())
    const derived = model.funds.rate
    if (written === null || derived === null || !differs(written, derived)) return []
    return [findingsFor(this.id, project).error(`执行率填写为 ${written}%，但全年执行数 ${model.funds.executed} ÷ 全年预算数 ${model.funds.budget} = ${derived}%`)]
  },
}

export const statedTotalScore: SelfEvaluationRule = {
  id: 'self-evaluation.total',
  check({ model, text, number: project }) {
    const written = number((text.total ?? '').trim())
    if (written === null || model.earned === null || !differs(written, model.earned)) return []
    return [
      findingsFor(this.id, project).error(
        `总分填写为 ${written} 分，但各项指标得分与预算执行率得分（${model.funds.earned} 分）合计为 ${model.earned} 分；总分应由得分相加，不应另填`,
      ),
    ]
  },
}
