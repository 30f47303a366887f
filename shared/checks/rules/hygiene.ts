/**
 * Signs of copy-paste: a 三级 name repeated as its description, the same
 * 三级 twice in one table, an empty 指标值确定依据.
 */
import type { Finding } from '../finding'
import { findingsFor, type ProjectRule } from '../rule'

export const hygiene: ProjectRule = {
  id: 'hygiene',
  check({ model, number }): Finding[] {
    const f = findingsFor(this.id, number)
    const found: Finding[] = []
    const seen = new Map<string, number>()
    model.indicators.forEach((indicator, i) => {
      const row = i + 1
      const name = indicator.level3.trim()
      if (name !== '' && name === indicator.description.trim()) {
        found.push(f.info(`三级指标“${name}”的绩效指标描述与名称相同：描述应说明指标的含义和口径`, { indicator: row, field: 'description' }))
      }
      const first = seen.get(name)
      if (name !== '' && first !== undefined) found.push(f.warning(`三级指标“${name}”与第 ${first} 行重复`, { indicator: row, field: 'level3' }))
      else if (name !== '') seen.set(name, row)
      if (indicator.basis.trim() === '') found.push(f.warning(`“${name || `第 ${row} 行`}”未填写指标值确定依据`, { indicator: row, field: 'basis' }))
    })
    return found
  },
}
