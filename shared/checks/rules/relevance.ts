/**
 * 相关性: the indicators measure what this project's money buys. Signs
 * they do not: a project that buys a thing (insurance, a vehicle, a
 * lease) carrying indicators of work it cannot deliver, sharing no word
 * with its name, 资金用途 or 绩效目标 (the 0.40 万元 车辆保险费 carrying
 * 监督检查次数); a 绩效目标 that only repeats the 资金用途; the same row
 * copied into many tables (reported once, naming the tables). A reviewer
 * judges each: warning.
 *
 * Word overlap alone is not a judgement of relevance (社会治理 and 矛盾纠纷
 * share no characters), so rows of other projects are not judged by it.
 */
import type { BudgetDocument, Indicator, Project } from '../../model/budget-document'
import type { Finding } from '../finding'
import { findingsFor, type DocumentRule, type ProjectRule } from '../rule'
import { isCostIndicator } from '../../model/target-direction'
import { isProcessMeasure } from './process-measures'
import { isSatisfaction } from './direction'
import { isPercent, parseIndicatorValue } from '../../model/indicator-value'

/** Two-character words too common in these documents to tie an indicator to a project. */
const COMMON = new Set(
  ('开展 工作 保障 推进 推动 确保 提供 完成 各项 日常 正常 运转 经费 项目 资金 落实 加强 提高 提升 一步 进一 做好 按照 要求 ' +
    '情况 相关 有关 实施 任务 服务 活动 支出 预算 控制 水平 能力 及时 时间 数量 质量 效益 效果 指标 计划 全年 年度 达到 实现 ' +
    '持续 不断 有效 积极 严格 全面 顺利 通过 进行 组织 人员 次数 频次 合格 标准 覆盖 以上 以下 不低 低于 不少 少于 部门 单位 本级 用于 保证')
    .split(' '),
)

/** The two-character words of a text (runs of Chinese characters cut in pairs), common ones left out. */
function words(text: string): Set<string> {
  const found = new Set<string>()
  for (const run of text.match(/[\u4e00-\u9fff]+/g) ?? []) {
    for (let i = 0; i + 2 <= run.length; i++) {
      const pair = run.slice(i, i + 2)
      if (!COMMON.has(pair)) found.add(pair)
    }
  }
  return found
}

/** Rows whose relevance can be judged by their words: outputs and effects, not cost, satisfaction or process measures. */
const judged = (indicator: Indicator) =>
  ['产出指标', '效益指标'].includes(indicator.level1) && !isCostIndicator(indicator) && !isProcessMeasure(indicator)

const purposeWords = (project: Project) => words(`${project.name}${project.usage}${project.goal}`)

/** Money that buys a thing or a service for the department, not work done with it. */
const BUYS_A_THING = /保险费|车辆|设备|购置|采购|租赁|租金|物业|维修|燃油|水电|电费|印刷/

export const unrelated: ProjectRule = {
  id: 'relevance.unrelated',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const purpose = purposeWords(model)
    if (purpose.size === 0 || !BUYS_A_THING.test(`${model.name}${model.usage}`)) return []
    return model.indicators.flatMap((indicator, i): Finding[] => {
      if (!judged(indicator)) return []
      const own = words(`${indicator.level3}${indicator.description}${indicator.value}`)
      if (own.size === 0 || [...own].some((w) => purpose.has(w))) return []
      const name = indicator.level3 || indicator.description
      return [f.warning(`“${name}”与项目“${model.name}”的资金用途（${model.usage}）无关：指标应衡量这笔资金购买的东西（如投保车辆数、保障出车率），而不是从其他项目照搬`, { indicator: i + 1, field: 'level3' })]
    })
  },
}

const plain = (text: string) => text.replace(/[\s，。、,.;；:：!！]/g, '')

export const goalIsUsage: ProjectRule = {
  id: 'relevance.goal-is-usage',
  check({ model, number }): Finding[] {
    if (plain(model.goal) === '' || plain(model.goal) !== plain(model.usage)) return []
    return [findingsFor(this.id, number).warning('绩效目标与资金用途完全相同：绩效目标应说明资金使用后要达到的产出和效果，而不是重复资金用途', { field: 'goal' })]
  },
}

/** Tables a row appears in before it reads as copied rather than chosen. */
export const COPIED_IN_TABLES = 3

/**
 * Rows every project may share word for word: a 满意度 level (群众满意度
 * ≥90%) and a year-end deadline (2022年12月底前) are the same standard
 * everywhere, not a copy. Rows wrong on their own (是/否, a process
 * measure) are reported in each table by their own rule: not again here.
 */
function sharedOrReported(indicator: Indicator): boolean {
  const value = parseIndicatorValue(indicator.value)
  if (value.placeholder || isProcessMeasure(indicator)) return true
  if (isSatisfaction(indicator) && isPercent(value)) return true
  return indicator.level2 === '时效指标' && value.time
}

export const copiedRows: DocumentRule = {
  id: 'relevance.copied-rows',
  check(doc: BudgetDocument): Finding[] {
    const tables = new Map<string, { indicator: Indicator; at: { project: number; row: number }[] }>()
    doc.projects.forEach((project, p) => {
      const seen = new Set<string>()
      project.indicators.forEach((indicator, r) => {
        if (indicator.level3.trim() === '') return
        const key = `${indicator.level2}\u0000${indicator.level3.trim()}\u0000${indicator.description.trim()}\u0000${indicator.value.trim()}`
        if (seen.has(key)) return
        seen.add(key)
        const entry = tables.get(key) ?? { indicator, at: [] }
        entry.at.push({ project: p + 1, row: r + 1 })
        tables.set(key, entry)
      })
    })
    return [...tables.values()]
      // Judged only for rows that are copied at all: this runs on every keystroke.
      .filter((entry) => entry.at.length >= COPIED_IN_TABLES && !sharedOrReported(entry.indicator))
      .map(({ indicator, at }) =>
        findingsFor(this.id, at[0]!.project).warning(
          `“${indicator.level3}（${indicator.value}）”在 ${at.length} 个项目中一字不差（项目 ${at.map((a) => a.project).join('、')}）：指标应按各项目的资金用途分别设置`,
          { indicator: at[0]!.row, field: 'level3' },
        ),
      )
  },
}

/** 分项 titles carry their numbering and a generic 工作; what is left names the duty. */
const dutyOf = (title: string) => title.replace(/^[（(]?[一二三四五六七八九十\d]+[）)、.．]?/, '').replace(/工作$/, '')

/**
 * Part 1's 分项绩效目标 each served by at least one project: a duty no
 * project's money serves is either funded elsewhere (basic expenditure)
 * or missing a project. Style: info.
 */
export const partOneCoverage: DocumentRule = {
  id: 'relevance.part-one-coverage',
  check(doc: BudgetDocument): Finding[] {
    if (doc.projects.length === 0) return []
    // Runs on every keystroke: a project's words are worked out only when an earlier project did not serve the duty.
    const projectWords: Set<string>[] = []
    const wordsOf = (i: number) => (projectWords[i] ??= purposeWords(doc.projects[i]!))
    return doc.overall.subGoals.flatMap((sub): Finding[] => {
      const duty = [...words(dutyOf(sub.title))]
      if (duty.length === 0 || doc.projects.some((_, i) => duty.some((w) => wordsOf(i).has(w)))) return []
      return [findingsFor(this.id, null).info(`第一部分的分项“${sub.title}”没有对应的项目：如由基本支出保障可不设项目，否则请补充项目绩效目标表`, { field: 'subGoals' })]
    })
  },
}
