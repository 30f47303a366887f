/**
 * The indicator framework: each 二级 under its own 一级 (both layouts of
 * the taxonomy), at least one 产出 and one 效益 indicator, 产出 covering
 * 数量, 质量, 时效 and 成本, and a 满意度 indicator where the project's
 * money serves people outside the department (`serves-public.ts`).
 */
import { belongsTo, isLevel1, isLevel2, LEVEL2_BY_LEVEL1 } from '../../schema/taxonomy'
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'
import { servesPublic } from '../serves-public'

export const levelsMatch: ProjectRule = {
  id: 'indicator.level-mismatch',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    return model.indicators.flatMap((indicator, i): Finding[] => {
      const where = { indicator: i + 1 }
      if (indicator.level1 !== '' && !isLevel1(indicator.level1)) {
        return [f.warning(`一级指标“${indicator.level1}”不在指标体系中（应为产出指标、效益指标、满意度指标或成本指标）`, { ...where, field: 'level1' })]
      }
      if (indicator.level2 !== '' && !isLevel2(indicator.level2)) {
        return [f.warning(`二级指标“${indicator.level2}”不在指标体系中`, { ...where, field: 'level2' })]
      }
      if (isLevel1(indicator.level1) && isLevel2(indicator.level2) && !belongsTo(indicator.level2, indicator.level1)) {
        const allowed = LEVEL2_BY_LEVEL1[indicator.level1].join('、')
        return [f.error(`二级指标“${indicator.level2}”不属于一级指标“${indicator.level1}”（其下应为：${allowed}）`, { ...where, field: 'level2' })]
      }
      return []
    })
  },
}

const OUTPUT_KINDS = ['数量指标', '质量指标', '时效指标', '成本指标'] as const

export const outputCoverage: ProjectRule = {
  id: 'indicator.output-coverage',
  check({ model, number }): Finding[] {
    // No indicators, or no 产出 at all: completeness and no-output say so.
    if (!model.indicators.some((i) => i.level1 === '产出指标')) return []
    const f = findingsFor(this.id, number)
    const output = new Set(model.indicators.filter((i) => i.level1 === '产出指标').map((i) => i.level2))
    // In the 101号 layout 成本 is a 一级 of its own.
    if (model.indicators.some((i) => i.level1 === '成本指标')) output.add('成本指标')
    const missing = OUTPUT_KINDS.filter((kind) => !output.has(kind))
    return missing.length === 0 ? [] : [f.warning(`产出指标缺少${missing.join('、')}；产出指标一般应覆盖数量、质量、时效和成本`, { field: 'indicators' })]
  },
}

export const hasBenefit: ProjectRule = {
  id: 'indicator.no-benefit',
  check({ model, number }): Finding[] {
    if (model.indicators.length === 0 || model.indicators.some((i) => i.level1 === '效益指标')) return []
    return [findingsFor(this.id, number).warning('没有效益指标：至少应有一项说明项目带来什么效果（社会、经济、生态效益或可持续影响）', { field: 'indicators' })]
  },
}

export const hasOutput: ProjectRule = {
  id: 'indicator.no-output',
  check({ model, number }): Finding[] {
    if (model.indicators.length === 0 || model.indicators.some((i) => i.level1 === '产出指标')) return []
    return [findingsFor(this.id, number).warning('没有产出指标：应说明项目提供的产品和服务的数量、质量、时效', { field: 'indicators' })]
  },
}

export const satisfaction: ProjectRule = {
  id: 'indicator.no-satisfaction',
  check({ model, number }): Finding[] {
    if (model.indicators.length === 0 || model.indicators.some((i) => i.level1 === '满意度指标')) return []
    if (!servesPublic(model)) return []
    return [findingsFor(this.id, number).warning(`项目资金用于服务对象（${model.usage.slice(0, 30)}${model.usage.length > 30 ? '…' : ''}），应设置服务对象满意度指标`, { field: 'indicators' })]
  },
}
