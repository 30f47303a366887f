import { describe, expect, it } from 'vitest'
import { rateWithheld } from './rate-withheld'

describe('why a document’s 执行率 is withheld', () => {
  it('says every count that is not 0, and nothing when none is', () => {
    expect(rateWithheld({ missingExecuted: 11, missingBudget: 0, unreadableFunds: 0 })).toBe('11 个项目未填执行数')
    expect(rateWithheld({ missingExecuted: 7, missingBudget: 1, unreadableFunds: 1 })).toBe('7 个项目未填执行数；1 个项目未填全年预算数；1 个项目的资金数字无法读取或待核对')
    expect(rateWithheld({ missingExecuted: 0, missingBudget: 0, unreadableFunds: 2 })).toBe('2 个项目的资金数字无法读取或待核对')
    expect(rateWithheld({ missingExecuted: 0, missingBudget: 0, unreadableFunds: 0 })).toBe('')
  })
})
