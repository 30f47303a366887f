/**
 * Signs of copy-paste: a 三级 name repeated as its description, the same
 * 三级 twice under one 一级 of a table (an effect named as an output is
 * the kind rule's), an empty 指标值确定依据 (one finding a table, naming
 * the rows; none on a form from another region that has no such column).
 */
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'
import { isProcessMeasure } from './process-measures'

export const hygiene: ProjectRule = {
  id: 'hygiene',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const found: Finding[] = []
    const seen = new Map<string, number>()
    const sameAsName: number[] = []
    const noBasis: number[] = []
    model.indicators.forEach((indicator, i) => {
      const row = i + 1
      const name = indicator.level3.trim()
      if (name !== '' && name === indicator.description.trim()) sameAsName.push(row)
      const key = `${indicator.level1}\u0000${name}`
      const first = seen.get(key)
      // A process measure is to be replaced whatever its name: its own rule says so, once.
      if (name !== '' && first !== undefined && !isProcessMeasure(indicator)) found.push(f.warning(`三级指标“${name}”与第 ${first} 行重复`, { indicator: row, field: 'level3' }))
      else if (name !== '' && first === undefined) seen.set(key, row)
      if (indicator.basis.trim() === '') noBasis.push(row)
    })
    // A project's form from another region with no 指标值确定依据 in any row has no such column.
    const hasBasisColumn = model.layout === 'department' || noBasis.length < model.indicators.length
    if (noBasis.length > 0 && hasBasisColumn) {
      const rows = noBasis.length === 1 ? `“${model.indicators[noBasis[0]! - 1]!.level3.trim() || `第 ${noBasis[0]} 行`}”` : `第 ${noBasis.join('、')} 行`
      found.push(f.warning(`${rows}未填写指标值确定依据：应写明目标值的来源（如年度工作计划、历史数据、行业标准）`, { indicator: noBasis[0]!, field: 'basis' }))
    }
    // One note per table: the same advice row by row would bury the findings that matter.
    if (sameAsName.length > 0) {
      const rows = sameAsName.length === 1 ? `“${model.indicators[sameAsName[0]! - 1]!.level3.trim()}”` : `第 ${sameAsName.join('、')} 行`
      found.push(f.info(`${rows}的绩效指标描述与三级指标名称相同：描述应说明指标的含义和口径`, { indicator: sameAsName[0]!, field: 'description' }))
    }
    return found
  },
}
