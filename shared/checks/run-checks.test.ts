import { describe, expect, it } from 'vitest'
import { generateDocument } from '../../support/generate-document'
import { goodProject } from '../../test/support/check-fixtures'
import { makeRandom } from '../../support/random'
import { sampleText } from '../../support/sample'
import { parsePublishedText } from '../formats/published-text/import'
import { modelFromText } from '../model/derive-model'
import { IncrementalChecks, runChecks } from './run-checks'

describe('checks on the sample', () => {
  const findings = runChecks(parsePublishedText(sampleText()))
  const at = (project: number, indicator: number) => findings.filter((f) => f.project === project && f.indicator === indicator)

  it('find its real problems', () => {
    // Quantity indicators without numbers.
    expect(at(1, 1).some((f) => f.message.includes('数量指标应写明数量'))).toBe(true)
    // 是/否 left as targets.
    expect(at(2, 1).some((f) => f.message.includes('是/否'))).toBe(true)
    // ≥90 without its unit.
    expect(at(9, 3).some((f) => f.message.includes('缺少单位'))).toBe(true)
    // Budget-process measures filed as outputs, one finding per table naming the rows; under 成本 on their own.
    expect(at(1, 2).some((f) => f.rule === 'misfiled.process-measure' && f.message.startsWith('“资金到位率”“资金支付及时率”（第 2、3 行）是预算执行过程指标'))).toBe(true)
    expect(at(6, 4).some((f) => f.rule === 'misfiled.process-measure' && f.message.startsWith('“资金支付及时率”是预算执行过程指标，不是成本'))).toBe(true)
  })

  it('are the same given the model already derived (the server derives it once for a summary)', () => {
    const text = parsePublishedText(sampleText())
    expect(runChecks(text, modelFromText(text))).toEqual(findings)
  })

  it('raise no arithmetic error: its sums are right; its only errors are 是/否 left where targets belong', () => {
    expect(findings.filter((f) => f.rule.startsWith('arithmetic'))).toEqual([])
    expect(findings.filter((f) => f.severity === 'error').every((f) => f.rule === 'quantification' && f.message.includes('是/否'))).toBe(true)
  })

  it('are in document order with 1-based locations', () => {
    const places = findings.map((f) => (f.project ?? 0) * 100 + (f.indicator ?? 0))
    expect(places).toEqual([...places].sort((a, b) => a - b))
    expect(Math.min(...findings.map((f) => f.project ?? 1))).toBeGreaterThanOrEqual(1)
  })
})

describe('incremental checks', () => {
  it('give the same findings as a full run after a change to one table', () => {
    const text = generateDocument(makeRandom(5), 20)
    const checks = new IncrementalChecks()
    checks.update(text, modelFromText(text), 'all')
    text.projects[7] = goodProject({ budgetTotal: '99.00' })
    const incremental = checks.update(text, modelFromText(text), new Set([7]))
    expect(incremental).toEqual(runChecks(text))
    expect(incremental.some((f) => f.project === 8 && f.rule === 'arithmetic.budget-sum')).toBe(true)
  })
})
