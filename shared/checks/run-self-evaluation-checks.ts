/**
 * The checks of a 绩效自评. Its targets were reviewed when they were
 * approved and are carried verbatim, so the targets' rules are not run
 * again: these rules judge what the 自评 adds — the 得分, the 执行率, the
 * 总分 and the reasons for a shortfall. One is: 预算数 = 财政资金 + 其他资金,
 * as an imported 自评's figures come from its file and no review saw them.
 */
import type { DocumentText } from '../model/document-text'
import { selfEvaluationBlankExecuted } from './rules/blank-executed'
import { selfEvaluationModel } from '../self-evaluation/self-evaluation-model'
import type { Finding } from './finding'
import type { SelfEvaluationRule } from './rule'
import { achievedEmpty } from './rules/achieved'
import { unexplainedShortfall } from './rules/deviation'
import { generousScore } from './rules/generous-score'
import { unscorableActual } from './rules/unscorable-actual'
import { selfEvaluationOverspent } from './rules/overspending'
import { executionRate, scoreAboveCap, statedTotalScore } from './rules/self-evaluation-scores'
import { unreachablePoints } from './rules/unreachable-points'
import { excessPoints } from './rules/excess-points'
import { selfEvaluationUnreadableFunds } from './rules/unreadable-funds'
import { sortFindings } from './run-checks'
import { carriedBudgetSum } from './rules/arithmetic'

export const SELF_EVALUATION_RULES: readonly SelfEvaluationRule[] = [carriedBudgetSum, achievedEmpty, scoreAboveCap, executionRate, selfEvaluationOverspent, statedTotalScore, generousScore, unscorableActual, unexplainedShortfall, unreachablePoints, excessPoints, selfEvaluationUnreadableFunds, selfEvaluationBlankExecuted]

export function runSelfEvaluationChecks(text: DocumentText): Finding[] {
  const model = selfEvaluationModel(text)
  return sortFindings(model.projects.flatMap((project, i) => SELF_EVALUATION_RULES.flatMap((rule) => rule.check({ model: project, text: text.projects[i]!, number: i + 1 }))))
}
