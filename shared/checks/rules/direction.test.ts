import { describe, expect, it } from 'vitest'
import { projectInput, withIndicator } from '../../../test/support/check-fixtures'
import { checkProject } from '../run-checks'
import { direction } from './direction'

const COST = 3
const SATISFACTION = 5
const at = (row: number, value: string, change = {}) => direction.check(projectInput({ indicators: withIndicator(row, { value, ...change }) }))
const messages = (row: number, value: string, change = {}) => at(row, value, change).map((f) => f.message)

describe('direction', () => {
  it('wants a cost as a ceiling, proposing the form: error for a total, warning per unit', () => {
    expect(at(COST, '≥10万元')).toMatchObject([{ severity: 'error', indicator: 4, field: 'value' }])
    expect(messages(COST, '≥10万元')[0]).toContain('应填写如“≤10万元”')
    expect(at(COST, '不低于1600元/亩')).toMatchObject([{ severity: 'warning' }])
  })

  it('leaves a cost ceiling, a saving rate and a cost in words alone', () => {
    for (const value of ['≤10万元', '10万元', '按要求支出']) expect(at(COST, value)).toEqual([])
    expect(at(COST, '≥5%', { level3: '成本节约率' })).toEqual([])
  })

  it('wants a satisfaction as a floor in percent, short of 100%', () => {
    expect(messages(SATISFACTION, '≤90%')[0]).toContain('应填写如“≥90%”')
    expect(messages(SATISFACTION, '≥90')[0]).toContain('应填写如“≥90%”')
    expect(messages(SATISFACTION, '≥85分')[0]).toContain('应填写如“≥85%”')
    expect(messages(SATISFACTION, '满意')[0]).toContain('应填写如“≥90%”')
    for (const value of ['≥100%', '=100%', '100%']) {
      const [finding] = at(SATISFACTION, value)
      expect(finding).toMatchObject({ severity: 'warning' })
      expect(finding!.message).toContain('如“≥90%”')
      expect(finding!.message.split('不现实')[1]).not.toContain('100%')
    }
  })

  it('recognises a satisfaction by its name under another 一级', () => {
    expect(at(4, '≥85', { level3: '群众满意度' })).toHaveLength(1)
  })

  it('says it once: the quantification rule does not add its own advice on the same 满意度', () => {
    for (const value of ['≥90', '≥100%']) {
      const findings = checkProject(projectInput({ indicators: withIndicator(SATISFACTION, { value }) }))
      expect(findings.map((f) => f.rule)).toEqual(['direction'])
    }
  })

  it('wants an indicator of harm as a ceiling', () => {
    const cases: [string, string][] = [['交通肇事率', '≥2%'], ['投诉率', '>1%'], ['差错率', '≥0.5%'], ['安全事故发生数', '≥1起']]
    for (const [level3, value] of cases) {
      const [finding] = at(1, value, { level3 })
      expect(finding, level3).toMatchObject({ severity: 'warning', indicator: 2 })
      expect(finding!.message).toContain('应填写上限，如“≤')
    }
  })

  it('leaves harm written as a ceiling, and the handling of harm, alone', () => {
    expect(at(1, '≤2%', { level3: '交通肇事率' })).toEqual([])
    expect(at(1, '0起', { level3: '安全事故' })).toEqual([])
    expect(at(1, '≥95%', { level3: '投诉办结率' })).toEqual([])
    expect(at(1, '≥10%', { level3: '事故发生率下降' })).toEqual([])
  })

  it('passes the good table', () => {
    expect(direction.check(projectInput())).toEqual([])
  })
})
