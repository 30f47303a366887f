/**
 * Signs of copy-paste: a 三级 name repeated as its description, the same
 * 三级 twice under one 一级 of a table (an effect named as an output is
 * the kind rule's), an empty 指标值确定依据.
 */
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'

export const hygiene: ProjectRule = {
  id: 'hygiene',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const found: Finding[] = []
    const seen = new Map<string, number>()
    const sameAsName: number[] = []
    model.indicators.forEach((indicator, i) => {
      const row = i + 1
      const name = indicator.level3.trim()
      if (name !== '' && name === indicator.description.trim()) sameAsName.push(row)
      const key = `${indicator.level1}\u0000${name}`
      const first = seen.get(key)
      if (name !== '' && first !== undefined) found.push(f.warning(`三级指标“${name}”与第 ${first} 行重复`, { indicator: row, field: 'level3' }))
      else if (name !== '') seen.set(key, row)
      if (indicator.basis.trim() === '') found.push(f.warning(`“${name || `第 ${row} 行`}”未填写指标值确定依据`, { indicator: row, field: 'basis' }))
    })
    // One note per table: the same advice row by row would bury the findings that matter.
    if (sameAsName.length > 0) {
      const rows = sameAsName.length === 1 ? `“${model.indicators[sameAsName[0]! - 1]!.level3.trim()}”` : `第 ${sameAsName.join('、')} 行`
      found.push(f.info(`${rows}的绩效指标描述与三级指标名称相同：描述应说明指标的含义和口径`, { indicator: sameAsName[0]!, field: 'description' }))
    }
    return found
  },
}
