import { describe, expect, it } from 'vitest'
import type { FundsText } from './document-text'
import { fundsFigures, unreadFigures } from './funds-figures'

const funds = (initial: string, budget: string, executed: string): FundsText => ({ initial, budget, executed, rate: '', points: '', earned: '' })

describe('a 监控’s or 自评’s 资金 figures', () => {
  it('reads a figure naming its own unit as the targets’ form reads it: 3000元 is 0.3 万元, 350元 0.035', () => {
    const written = funds('3000元', '3000元', '350元')
    expect(fundsFigures(written, '万元')).toEqual({ initial: 0.3, budget: 0.3, executed: 0.035 })
    expect(unreadFigures(written, fundsFigures(written, '万元'))).toEqual([])
    // In a form kept in 元 the same cells are 3000 and 350.
    expect(fundsFigures(written, '元')).toEqual({ initial: 3000, budget: 3000, executed: 350 })
  })

  it('names the figures written but not read, and only those: an empty cell is not filled in, not unreadable', () => {
    const written = funds('三千块', '', '0.800.80')
    const read = fundsFigures(written, '万元')
    expect(read).toEqual({ initial: null, budget: null, executed: null })
    expect(unreadFigures(written, read)).toEqual(['initial', 'executed'])
    expect(unreadFigures(written, read, ['budget', 'executed'])).toEqual(['executed'])
  })

  it('a project with no 资金 row has no figures and nothing unreadable', () => {
    const read = fundsFigures(undefined, '万元')
    expect(read).toEqual({ initial: null, budget: null, executed: null })
    expect(unreadFigures(undefined, read)).toEqual([])
  })
})
