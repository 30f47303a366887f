/**
 * Arithmetic a reviewer redoes by hand: 预算数 = 财政资金 + 其他资金 (to
 * the 0.01 元 the model keeps, an empty 其他资金 counts as 0), figures that are not numbers,
 * a stated department total against the projects' sum, duplicate 项目编码,
 * and the shape of a 项目编码.
 */
import type { BudgetDocument, Project } from '../../model/budget-document'
import type { ProjectText } from '../../model/document-text'
import type { Finding, FindingField } from '../finding'
import { findingsFor, type DocumentRule, type MonitoringRule, type ProjectRule, type SelfEvaluationRule } from '../rule'
import { joinedFigures, meansNone, parseAmount } from '../../model/numbers'
import { AMOUNT_FIELDS } from '../../schema/fields'
import { totalLeavesOut } from '../total-leaves-out'
import { ledger, sameAmount, tableUnit, unitText, wanText } from '../../model/amounts'

type AmountKey = (typeof AMOUNT_FIELDS)[number]['amount']

const BUDGET_CELLS = AMOUNT_FIELDS.map((f) => [f.amount, f.key, f.label] as const) satisfies readonly (readonly [string, FindingField, string])[]
const LABEL = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f.amount, f.label])) as Record<AmountKey, string>

const BUDGET_SUM = 'arithmetic.budget-sum'

function budgetSumFindings(number: number, budget: Project['budget'], text: ProjectText): Finding[] {
  const f = findingsFor(BUDGET_SUM, number)
  // "—", "/", "无" or 0 in 其他资金 say there is none; two figures run together are half-decided.ts's to report.
  const notNumbers = BUDGET_CELLS.filter(([key, field]) => budget[key] === null && text[field].trim() !== '' && !(key === 'other' && meansNone(text[field])) && !joinedFigures(text[field]))
  if (notNumbers.length > 0) {
    return notNumbers.map(([, field, label]) => f.error(`${label}“${text[field]}”不是数字`, { field }))
  }
  const { total, fiscal, other } = budget
  const found: Finding[] = []
  if (total !== null && (fiscal !== null || other !== null)) {
    const sum = (fiscal ?? 0) + (other ?? 0)
    if (!sameAmount(total, sum)) {
      // The model's amounts are in 万元 whatever unit the table is written in: quoted in the table's, as its cells read.
      const inTable = (wan: number) => unitText(wan, text.moneyUnit)
      found.push(f.error(`${LABEL.total} ${inTable(total)} 不等于${LABEL.fiscal} ${inTable(fiscal ?? 0)} 与${LABEL.other} ${inTable(other ?? 0)} 之和 ${inTable(sum)}（${tableUnit(text.moneyUnit) ?? '万元'}）`, { field: 'budgetTotal' }))
    }
  }
  for (const [key, field, label] of BUDGET_CELLS) {
    if ((budget[key] ?? 0) < 0) found.push(f.error(`${label}不能为负数`, { field }))
  }
  return found
}

export const budgetSum: ProjectRule = {
  id: BUDGET_SUM,
  check: ({ model, text, number }) => budgetSumFindings(number, model.budget, text),
}

/**
 * The same sum in a 监控 or 自评, whose 预算数 cells are carried and cannot be typed there (carried-cells.ts):
 * one made from approved targets carries theirs; an imported form, what its file's 年度资金总额 and 其中 rows
 * say. Either way the figures are wrong as they stand, and the finding says where they can be mended.
 */
export const carriedBudgetSum: SelfEvaluationRule & MonitoringRule = {
  id: BUDGET_SUM,
  check: ({ model, text, number }) =>
    budgetSumFindings(number, model.budget, text).map((finding) => ({ ...finding, message: `${finding.message}：这几格随目标表而来，在此不能修改，请改正目标表，或改正导入的原表后重新导入` })),
}

export const duplicateCodes: DocumentRule = {
  id: 'arithmetic.duplicate-code',
  check(doc: BudgetDocument): Finding[] {
    const first = new Map<string, number>()
    const found: Finding[] = []
    doc.projects.forEach((project, i) => {
      const code = project.code.trim()
      if (code === '') return
      const seen = first.get(code)
      if (seen === undefined) first.set(code, i + 1)
      else found.push(findingsFor(this.id, i + 1).error(`项目编码 ${code} 与第 ${seen} 个项目重复`, { field: 'code' }))
    })
    return found
  },
}

/** Observed: 6-digit region, 2-digit year, `P`, 11 digits, one check character. */
const CODE_SHAPE = /^(\d{6})(\d{2})P\d{11}[0-9A-Z]$/

export const codeShape: DocumentRule = {
  id: 'arithmetic.code-shape',
  check(doc: BudgetDocument): Finding[] {
    const found: Finding[] = []
    const lastYears: { project: number; year: string }[] = []
    doc.projects.forEach((project, i) => {
      const code = project.code.trim()
      // Another region's form numbers its projects its own way.
      if (code === '' || project.layout === 'project-form') return
      const match = CODE_SHAPE.exec(code)
      if (!match) {
        found.push(findingsFor(this.id, i + 1).warning(`项目编码 ${code} 的格式不常见（通常为 6 位区划码 + 2 位年度 + P + 11 位数字 + 1 位校验码）`, { field: 'code' }))
      } else if (doc.year !== null && Number(match[2]) !== doc.year % 100) {
        lastYears.push({ project: i + 1, year: match[2]! })
      }
    })
    // Next year's draft carries every code over: say it once for the document, not once per project.
    const oneYear = lastYears.length > 1 && lastYears.every((c) => c.year === lastYears[0]!.year)
    if (oneYear) {
      const which = lastYears.map((c) => c.project).join('、')
      found.push(findingsFor(this.id, null).warning(`第 ${which} 个项目的项目编码年度为 ${lastYears[0]!.year}，与文本年度 ${doc.year} 不一致：延续上年的项目，请换用本年度预算系统中的项目编码`, { field: 'code' }))
    } else {
      for (const c of lastYears) found.push(findingsFor(this.id, c.project).warning(`项目编码中的年度 ${c.year} 与文本年度 ${doc.year} 不一致`, { field: 'code' }))
    }
    return found
  },
}

export const departmentTotal = (doc: BudgetDocument): number =>
  ledger(doc.projects.reduce((sum, p) => sum + (p.budget.total ?? 0), 0))

/**
 * How many projects `departmentTotal` leaves out: their 预算数 is empty, not
 * a number, or two people's typing merged ("5.007.00", or "57" from "5" and
 * "7": the model reads no merged figure).
 * Wherever the total is shown, a non-zero count is shown beside it, so a
 * partial sum never reads as the department's.
 */
export const projectsLeftOut = (doc: BudgetDocument): number => doc.projects.filter((p) => p.budget.total === null).length

/**
 * A total of the projects stated in the text, however it is worded:
 * "部门预算合计 116.40 万元", "预算总额：116.4万元", "项目支出预算共计 120 万元",
 * "共安排项目支出预算 120.00 万元".
 */
const STATED_TOTAL = /(?:(?:部门|项目支出)?预算(?:资金)?(?:合计|总额|总计|共计)|共安排(?:项目支出)?预算(?:资金)?)[为是：:\s]*([\d,，.．]+)\s*万元/

/**
 * Where Part 1 states the department's total, the projects' 预算数 must
 * add up to it (to 0.01 元): a table left out or a figure changed after
 * the total was written. Error.
 */
export const statedTotal: DocumentRule = {
  id: 'arithmetic.department-total',
  check(doc: BudgetDocument): Finding[] {
    const text = [doc.title, ...doc.overall.goals, ...doc.overall.subGoals.flatMap((s) => [s.title, s.duty, s.target]), ...doc.overall.safeguards].join('\n')
    const match = STATED_TOTAL.exec(text)
    const stated = match ? parseAmount(match[1]!.replace(/，/g, ',').replace(/．/g, '.')) : null
    if (stated === null || doc.projects.length === 0) return []
    const sum = departmentTotal(doc)
    if (sameAmount(stated, sum)) return []
    return [findingsFor(this.id, null).error(`第一部分写明的预算合计 ${wanText(stated)} 万元与各项目预算数之和 ${wanText(sum)} 万元${totalLeavesOut(projectsLeftOut(doc))}不一致`, { field: 'goals' })]
  },
}
