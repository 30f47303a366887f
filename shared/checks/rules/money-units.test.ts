import { describe, expect, it } from 'vitest'
import { projectInput } from '../../../test/support/check-fixtures'
import { sampleText } from '../../../support/sample'
import { modelFromText } from '../../model/derive-model'
import type { DocumentText, ProjectText } from '../../model/document-text'
import { parsePublishedText } from '../../formats/published-text/import'
import { runChecks } from '../run-checks'
import { cellUnits, documentUnits } from './money-units'

const cell = (overrides: Partial<ProjectText>) => cellUnits.check(projectInput(overrides))
const doc = (projects: Partial<ProjectText>[]): DocumentText => ({
  title: '', subtitle: '2023年部门预算绩效文本', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [],
  projects: projects.map((p) => projectInput(p).text),
})

describe('money units in a table', () => {
  it('must fire: a cell in another unit than its table, with what it was read as', () => {
    const [finding] = cell({ budgetOther: '25000元' })
    expect(finding).toMatchObject({ severity: 'warning', field: 'budgetOther' })
    expect(finding!.message).toBe('其他资金写作“25000元”，与本表“单位：万元”不一致，已折算为 2.50 万元：请统一金额单位')
  })

  it('must fire: a unit that names no money; amounts in Chinese numerals', () => {
    expect(cell({ moneyUnit: '吨' }).map((f) => [f.field, f.severity])).toEqual([['unit', 'warning']])
    expect(cell({ budgetFiscal: '十万元' }).map((f) => [f.field, f.severity, f.message])).toEqual([['budgetFiscal', 'info', '财政资金“十万元”用汉字书写，已读作 10.00 万元：表中金额应写为阿拉伯数字']])
  })

  it('must fire: a whole project under 100 元, or above 10 亿元', () => {
    expect(cell({ moneyUnit: '元', budgetTotal: '12.50', budgetFiscal: '10.00', budgetOther: '2.50' })[0]!.message).toMatch(/^预算数只有 12\.50 元（不足 100 元）/)
    expect(cell({ moneyUnit: '元', budgetTotal: '0.40', budgetFiscal: '0.40', budgetOther: '' })[0]!.message).toMatch(/^预算数只有 0\.40 元（不足 100 元）/)
    expect(cell({ budgetTotal: '125000000.00', budgetFiscal: '100000000.00', budgetOther: '25000000.00' })[0]!.message).toMatch(/超过 10 亿元/)
  })

  it('must not fire: amounts in the table’s unit, 万 beside 万元, a table in 元 written in 元', () => {
    expect(cell({})).toEqual([])
    expect(cell({ budgetTotal: '12.5万' })).toEqual([])
    expect(cell({ moneyUnit: '元', budgetTotal: '125000.00', budgetFiscal: '100000', budgetOther: '25000元' })).toEqual([])
    expect(cell({ moneyUnit: '', budgetOther: '—' })).toEqual([])
  })
})

describe('money units across the document', () => {
  it('must fire: tables in different units, named', () => {
    const findings = documentUnits.check(modelFromText(doc([{}, { moneyUnit: '元', budgetTotal: '125000', budgetFiscal: '100000', budgetOther: '25000' }, {}])))
    expect(findings.map((f) => f.message)).toEqual(['第 2 个项目表的金额单位与其余各表（万元）不同：金额已统一折算为万元，请统一单位后报送'])
  })

  it('must fire: an amount in 元 written under 万元 in a department of a few 万元', () => {
    const findings = documentUnits.check(modelFromText(doc([{}, { budgetTotal: '100000.00', budgetFiscal: '100000.00', budgetOther: '' }, {}])))
    expect(findings).toMatchObject([{ project: 2, field: 'budgetTotal', severity: 'warning' }])
    expect(findings[0]!.message).toMatch(/^预算数 100000\.00 万元是本部门其他项目合计 25\.00 万元的 4000 倍/)
  })

  it('must not fire on the sample, nor on large projects of a large department', () => {
    expect(runChecks(parsePublishedText(sampleText())).filter((f) => f.rule.startsWith('money-units'))).toEqual([])
    expect(documentUnits.check(modelFromText(doc([{ budgetTotal: '5000', budgetFiscal: '5000', budgetOther: '' }, { budgetTotal: '3000', budgetFiscal: '3000', budgetOther: '' }])))).toEqual([])
  })
})
