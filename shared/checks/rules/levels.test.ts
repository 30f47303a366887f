import { describe, expect, it } from 'vitest'
import { projectInput, withIndicator } from '../../../test/support/check-fixtures'
import { levels } from './levels'

const at = (row: number, value: string) => levels.check(projectInput({ indicators: withIndicator(row, { value }) }))

describe('levels', () => {
  it('fires for a 合格率 or a 满意度 set too low, proposing the usual level', () => {
    expect(at(1, '≥60%')).toMatchObject([{ rule: 'levels', severity: 'warning', indicator: 2, field: 'value' }])
    expect(at(1, '≥60%')[0]!.message).toContain('如“≥95%”')
    expect(at(5, '≥70%')[0]!.message).toContain('如“≥90%”')
  })

  it('leaves credible levels, other rates and ceilings alone', () => {
    for (const value of ['≥80%', '≥95%', '100%', '≤5%']) expect(at(1, value), value).toEqual([])
    expect(at(4, '≥60%')).toEqual([]) // 业务考核优良率: no usual floor
    expect(levels.check(projectInput())).toEqual([])
  })
})
