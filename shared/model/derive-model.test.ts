import { describe, expect, it } from 'vitest'
import { departmentTotal, projectsLeftOut } from '../checks/rules/arithmetic'
import { documentText, project } from '../../support/document-builder'
import { modelFromText } from './derive-model'
import { NODE } from '../schema/node-names'

describe('the model of a document with merged figures', () => {
  it('reads no merged amount, even one that reads as a number, so every total leaves its project out and says so', () => {
    const text = documentText(project({ budgetTotal: '10', budgetFiscal: '10' }), project({ budgetTotal: '57', budgetFiscal: '57', budgetOther: '0' }))
    const place = { project: 2, indicator: null, entry: null }
    const merged = { ...text, mergedFigures: [{ ...place, node: NODE.budgetTotal, text: '57' }, { ...place, node: NODE.budgetFiscal, text: '57' }] }
    const [, second] = modelFromText(merged).projects
    expect(second!.budget).toMatchObject({ total: null, fiscal: null })
    expect([departmentTotal(modelFromText(merged)), projectsLeftOut(modelFromText(merged))]).toEqual([10, 1])
    expect([departmentTotal(modelFromText(text)), projectsLeftOut(modelFromText(text))]).toEqual([67, 0])
  })
})
