import { describe, expect, it } from 'vitest'
import { goodIndicators, projectInput } from '../../test/support/check-fixtures'
import { hygiene } from './rules/hygiene'
import { processMeasures } from './rules/process-measures'
import { namesOwnRow } from './names-own-row'

const at = (indicator: number | null, message: string) => ({ indicator, message })

describe('namesOwnRow', () => {
  it('is true for a message that lists the rows it is about, its own among them', () => {
    expect(namesOwnRow(at(1, '第 1、2、3、4、5 行的绩效指标描述与三级指标名称相同：描述应说明指标的含义和口径'))).toBe(true)
    expect(namesOwnRow(at(2, '“资金到位率”“资金支付及时率”（第 2、3 行）是预算执行过程指标，不是产出'))).toBe(true)
    expect(namesOwnRow(at(4, '第 4 行未填写指标值确定依据'))).toBe(true)
  })

  it('is false for a message naming its row by name, naming another row, or about no row', () => {
    expect(namesOwnRow(at(1, '“资金到位率”的绩效指标描述与三级指标名称相同'))).toBe(false)
    expect(namesOwnRow(at(5, '三级指标“案件办结率”与第 3 行重复'))).toBe(false)
    expect(namesOwnRow(at(12, '第 1、2 行的绩效指标描述与三级指标名称相同'))).toBe(false)
    expect(namesOwnRow(at(null, '第 1、2 行的绩效指标描述与三级指标名称相同'))).toBe(false)
  })

  it('reads the rules’ own findings over several rows as naming their rows, and one row by name as not', () => {
    const described = (rows: number[]) => goodIndicators().map((i, n) => (rows.includes(n) ? { ...i, description: i.level3 } : i))
    const [several] = hygiene.check(projectInput({ indicators: described([0, 1, 2]) }))
    expect(several!.message).toMatch(/^第 1、2、3 行/)
    expect(namesOwnRow(several!)).toBe(true)
    const [one] = hygiene.check(projectInput({ indicators: described([1]) }))
    expect(namesOwnRow(one!)).toBe(false)
    const measures = goodIndicators().map((i, n) => (n === 1 ? { ...i, level3: '资金到位率' } : n === 2 ? { ...i, level3: '资金支付及时率' } : i))
    const [process] = processMeasures.check(projectInput({ indicators: measures }))
    expect(process!.message).toContain('（第 2、3 行）')
    expect(namesOwnRow(process!)).toBe(true)
  })
})
