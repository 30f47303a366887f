/**
 * 完整性: every field a 绩效目标表 must have is filled in, and Part 1 has its
 * three sections. A missing field is wrong beyond doubt: error. A table is
 * judged against the fields its layout has: one project's form from
 * another region (`layout: 'project-form'`) never has 预算单位, 项目编码,
 * 资金用途 or 资金支出计划, and a document made only of such forms has no
 * 第一部分 to miss.
 */
import type { BudgetDocument } from '../../model/budget-document'
import type { Finding } from '../finding'
import { findingsFor, type DocumentRule, type ProjectRule } from '../rule'

const blank = (text: string) => text.trim() === ''

export const projectCompleteness: ProjectRule = {
  id: 'completeness.project',
  check({ model: project, text, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const found: Finding[] = []
    const departmentForm = project.layout === 'department'
    if (departmentForm && blank(project.unit.code) && blank(project.unit.name)) found.push(f.error('未填写预算单位', { field: 'unit' }))
    if (departmentForm && blank(project.code)) found.push(f.error('未填写项目编码', { field: 'code' }))
    if (blank(project.name)) found.push(f.error('未填写项目名称', { field: 'name' }))
    if (blank(text.budgetTotal)) found.push(f.error('未填写预算数', { field: 'budgetTotal' }))
    if (departmentForm && blank(project.usage)) found.push(f.error('未填写资金用途', { field: 'usage' }))
    if (departmentForm && project.spendingPlan.length === 0) found.push(f.error('未填写资金支出计划', { field: 'spendingPlan' }))
    project.spendingPlan.forEach((entry, i) => {
      if (blank(entry.label)) found.push(f.error(`资金支出计划第 ${i + 1} 个时间节点未填写日期`, { field: 'spendingPlan' }))
      if (blank(text.spendingPlan[i]?.percent ?? '')) found.push(f.error(`资金支出计划“${entry.label}”未填写比例`, { field: 'spendingPlan' }))
    })
    if (blank(project.goal)) found.push(f.error('未填写绩效目标', { field: 'goal' }))
    if (project.indicators.length === 0) found.push(f.error('没有任何绩效指标，至少应有产出指标和效益指标', { field: 'indicators' }))
    project.indicators.forEach((indicator, i) => {
      const where = { indicator: i + 1 }
      if (blank(indicator.level1)) found.push(f.error('未选择一级指标', { ...where, field: 'level1' }))
      if (blank(indicator.level2)) found.push(f.error('未选择二级指标', { ...where, field: 'level2' }))
      if (blank(indicator.level3)) found.push(f.error('未填写三级指标名称', { ...where, field: 'level3' }))
      if (blank(indicator.value)) found.push(f.error('未填写指标值', { ...where, field: 'value' }))
    })
    return found
  },
}

export const overallCompleteness: DocumentRule = {
  id: 'completeness.overall',
  check(doc: BudgetDocument): Finding[] {
    const f = findingsFor(this.id, null)
    const found: Finding[] = []
    const partOneWritten = [...doc.overall.goals, ...doc.overall.safeguards].some((t) => !blank(t)) || doc.overall.subGoals.length > 0
    const onlyProjectForms = doc.projects.length > 0 && doc.projects.every((p) => p.layout === 'project-form')
    if (onlyProjectForms && !partOneWritten) {
      if (doc.year === null) found.push(f.error('表中没有年度（如“2023年项目支出绩效目标申报表”）', { field: 'title' }))
      return found
    }
    if (blank(doc.title)) found.push(f.error('未填写部门名称', { field: 'title' }))
    if (doc.year === null) found.push(f.error('文本标题中没有年度（如“2023年部门预算绩效文本”）', { field: 'title' }))
    if (!doc.overall.goals.some((g) => !blank(g))) found.push(f.error('第一部分缺少总体绩效目标', { field: 'goals' }))
    doc.overall.subGoals.forEach((sub, i) => {
      const name = blank(sub.title) ? `第 ${i + 1} 个分项` : `分项“${sub.title}”`
      if (blank(sub.title)) found.push(f.error(`第 ${i + 1} 个分项绩效目标没有名称`, { field: 'subGoals' }))
      if (blank(sub.duty)) found.push(f.error(`${name}缺少职责描述`, { field: 'subGoals' }))
      if (blank(sub.target)) found.push(f.error(`${name}缺少绩效目标`, { field: 'subGoals' }))
    })
    if (!doc.overall.safeguards.some((s) => !blank(s))) found.push(f.error('第一部分缺少工作保障措施', { field: 'safeguards' }))
    if (doc.projects.length === 0) found.push(f.error('文档中没有任何项目的绩效目标表：第二部分至少应有一个项目'))
    return found
  },
}
