/**
 * The model of a 绩效自评 (the JSON `import --json` prints for one): the
 * targets' model with only keys added — per project the funds, the 总分
 * and its grade; per indicator the 实际完成值, the 得分 and the 偏差原因.
 * The targets' keys keep their meaning (`value` is the 年度指标值, `score`
 * the 分值). Derived by the rules in `scoring.ts`, never read from a typed
 * 总分: what the form writes is in the text, and the checks compare.
 */
import type { BudgetDocument, Indicator, Project } from '../model/budget-document'
import type { DocumentText, FundsText, ProjectText } from '../model/document-text'
import { modelFromText } from '../model/derive-model'
import { parseAmount } from '../model/numbers'
import { fundsFigures } from '../model/funds-figures'
import { mergedInProject, mergedNodes, type MergedFigure } from '../model/merged-figures'
import { NODE } from '../schema/node-names'
import { pointsPastFullMarks } from './full-marks'
import { DEFAULT_WEIGHTS, executionScore, gradeOf, indicatorEarned, indicatorPoints, totalScore, validWeights, type Grade, type Weights } from './scoring'

export interface SelfEvaluationDocument extends Omit<BudgetDocument, 'kind' | 'projects'> {
  kind: 'self-evaluation'
  projects: SelfEvaluationProject[]
}

export interface SelfEvaluationProject extends Omit<Project, 'indicators'> {
  /** 年初预算数, 全年预算数 and 全年执行数 in the form's unit (a figure naming its own, "3000元", converted: `funds-figures.ts`); `rate` = executed ÷ budget in percent; `points` the weight of 执行率 and `earned` what it earns. */
  funds: { initial: number | null; budget: number | null; executed: number | null; rate: number | null; points: number; earned: number | null }
  /** 年度总体目标 › 实际完成情况 */
  achieved: string
  /** 总分: the indicators' 得分 and the 执行率's, added; null while one is unknown. */
  earned: number | null
  /** null while `earned` is, and where `ungraded`. */
  grade: Grade | null
  /** The 分值 added up (执行率's included) where they pass full marks (`full-marks.ts`): the project gets no grade; else null. */
  ungraded: number | null
  indicators: SelfEvaluationIndicator[]
}

export interface SelfEvaluationIndicator extends Indicator {
  /** The 分值 it counts for: `score` where the form sets one, else its share of its 一级's weight. */
  points: number
  /** 实际完成值, as written */
  actual: string
  /** 得分: as the department wrote it, or — where it wrote none — by the rules from the 实际完成值; null when neither is there. */
  earned: number | null
  /** 偏差原因分析及改进措施 */
  deviation: string
}

export const NO_FUNDS: FundsText = { initial: '', budget: '', executed: '', rate: '', points: '', earned: '' }

const number = (text: string) => parseAmount(text.replace(/分$/, ''))

/** Whether a written 得分 can be a row's: from 0 to its 分值. */
export const withinPoints = (earned: number, points: number): boolean => earned >= 0 && earned <= points + 1e-9

/**
 * `merged`: the project's merged figures (`merged-figures.ts`). A row whose 得分, or whose 实际完成值 or 分值 it
 * would be scored from, is merged has no 得分, nor has one whose 得分 is written above its 分值 or below 0; the 总分 none while
 * a row has none; a merged 执行数 or 分值 of 执行率 gives no 执行率 score.
 */
export function selfEvaluationProject(project: Project, text: ProjectText, weights: Weights = DEFAULT_WEIGHTS, merged: readonly MergedFigure[] = []): SelfEvaluationProject {
  const funds = text.funds ?? NO_FUNDS
  const points = indicatorPoints(project.indicators, weights)
  const indicators = project.indicators.map((indicator, i): SelfEvaluationIndicator => {
    const row = text.indicators[i]
    const actual = row?.actual ?? ''
    const inRow = mergedNodes(merged, i + 1)
    const scorable = !inRow.has(NODE.indicatorActual) && !inRow.has(NODE.indicatorScore)
    const written = number(row?.earned ?? '')
    // A 得分 written above its 分值 or below 0 is no score until mended (the checks say so): counted, it moved 总分 and grade.
    const earned = inRow.has(NODE.indicatorEarned) || (written !== null && !withinPoints(written, points[i]!)) ? null : (written ?? (scorable ? indicatorEarned(indicator, actual, points[i]!) : null))
    return { ...indicator, points: points[i]!, actual, earned, deviation: row?.deviation ?? '' }
  })
  const own = mergedNodes(merged)
  const fundsPoints = number(funds.points) ?? weights.execution
  const { initial, budget, executed } = fundsFigures(text.funds, project.moneyUnit, own)
  const execution = own.has(NODE.fundsPoints) ? null : executionScore(budget, executed, fundsPoints)
  const earned = totalScore([...indicators.map((i) => i.earned), execution?.earned ?? null])
  // 分值 past full marks: a 总分 out of more than 100 is no grade's (a 110-point 优 would read as a result).
  const past = pointsPastFullMarks({ indicators, funds: { points: fundsPoints } })
  return {
    ...project,
    funds: { initial, budget, executed, rate: execution?.rate ?? null, points: fundsPoints, earned: execution?.earned ?? null },
    achieved: text.achieved ?? '',
    earned,
    grade: earned === null || past ? null : gradeOf(earned),
    ungraded: past ? past.total : null,
    indicators,
  }
}

/** The model of a self-evaluation, scored with the year's weights (default 50/30/10/10). Throws WeightsError for weights not summing to 100. */
export function selfEvaluationModel(text: DocumentText, weights: Weights = DEFAULT_WEIGHTS): SelfEvaluationDocument {
  validWeights(weights)
  const targets = modelFromText(text)
  return { ...targets, kind: 'self-evaluation', projects: targets.projects.map((project, i) => selfEvaluationProject(project, text.projects[i]!, weights, mergedInProject(text.mergedFigures, i + 1))) }
}
