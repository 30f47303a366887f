/**
 * 结果应用 as checks: next year's draft, read against what last year's
 * approved 绩效自评 found for the same projects. Two things a finance
 * reviewer would note in the margin (warnings: they have to judge):
 *
 *   - an indicator that missed its target last year (得分 below its 分值,
 *     and a 实际完成值 that does not meet it) carried into the draft unchanged — same 三级指标, same 年度指标值 —
 *     as if nothing had been learnt;
 *   - a project graded 中 or 差 last year whose 预算数 grows.
 *
 * Projects are matched by 项目编码, then by 项目名称 (a code may be new
 * while the project continues). Pure: the server runs it on /checks, the
 * editor on its live checks, both from the same `LastYearResult`s.
 */
import type { LastYearResult } from '../self-evaluation/last-year-result'
import type { Finding } from './finding'
import { findingsFor } from './rule'
import { indicatorEarned } from '../self-evaluation/scoring'
import { wanPerUnit } from '../model/amounts'
import type { BudgetDocument, Project } from '../model/budget-document'
import type { SelfEvaluationDocument } from '../self-evaluation/self-evaluation-model'

export const UNMET_TARGET_CARRIED = 'unmet-target-carried'
export const WEAK_PROJECT_GROWS = 'weak-project-grows'

/** What next year's draft is told of each project of last year's approved 自评. */
export function lastYearResultsOf(model: SelfEvaluationDocument): LastYearResult[] {
  return model.projects.map((project) => ({
    code: project.code,
    name: project.name,
    earned: project.earned,
    grade: project.grade,
    ungraded: project.ungraded,
    // The 自评's 全年预算数 (what the year had after adjustments), else the targets' 预算数 it carried; in 万元, as
    // the draft's 预算数 it is compared with (a 自评 form in 元 keeps its figures in 元).
    budget: project.funds.budget === null ? project.budget.total : project.funds.budget * wanPerUnit(project.moneyUnit),
    indicators: project.indicators.map((i) => ({ level3: i.level3, value: i.value, actual: i.actual, earned: i.earned, points: i.points })),
  }))
}

const same = (a: string) => a.replace(/[\s\u3000]/g, '')

/** Last year's result for a project of the draft: by 项目编码, else by 项目名称; undefined for a new project. */
export function lastYearOf(project: Pick<Project, 'code' | 'name'>, results: readonly LastYearResult[]): LastYearResult | undefined {
  const code = same(project.code)
  const name = same(project.name)
  return (code !== '' ? results.find((r) => same(r.code) === code) : undefined) ?? (name !== '' ? results.find((r) => same(r.name) === name) : undefined)
}

const amount = (n: number) => String(Math.round(n * 10000) / 10000)

/** The 结果应用 findings of `draft` against last year's results (none when there are none). */
export function resultsApplication(draft: BudgetDocument, results: readonly LastYearResult[]): Finding[] {
  if (results.length === 0) return []
  return draft.projects.flatMap((project, p) => {
    const last = lastYearOf(project, results)
    if (!last) return []
    const label = project.name || last.name || project.code
    const carried = findingsFor(UNMET_TARGET_CARRIED, p + 1)
    const findings = project.indicators.flatMap((indicator, i) => {
      if (same(indicator.level3) === '') return []
      const before = last.indicators.find((l) => same(l.level3) === same(indicator.level3))
      if (!before || before.earned === null || !(before.earned < before.points)) return []
      if (same(before.value) !== same(indicator.value)) return []
      // A 得分 written below its 分值 where the 实际完成值 met the target (95% against ≥90%, 28 of 30) is a judgement
      // of the 自评's, not a missed target: said so, the sentence contradicted its own figures.
      if (indicatorEarned(indicator, before.actual, 1) === 1) return []
      return [carried.warning(
        `项目“${label}”的指标“${indicator.level3}”上年未达目标（年度指标值 ${before.value}，实际完成值 ${before.actual || '未填'}，得 ${before.earned} 分 / ${before.points} 分），本年沿用原指标值未作调整：请说明理由，或调整指标值、改进措施`,
        { indicator: i + 1, field: 'value' },
      )]
    })
    const before = last.budget
    const now = project.budget.total
    if ((last.grade === '中' || last.grade === '差') && before !== null && now !== null && now > before) {
      findings.push(findingsFor(WEAK_PROJECT_GROWS, p + 1).warning(
        `项目“${label}”上年绩效自评为“${last.grade}”（总分 ${last.earned ?? '—'} 分），本年预算数由 ${amount(before)} 增至 ${amount(now)}：按结果应用的要求，评价结果一般的项目应压减或说明增加的理由`,
        { field: 'budgetTotal' },
      ))
    }
    return findings
  })
}
