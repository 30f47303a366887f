/**
 * The field table (`shared/schema/fields.ts`) is the only list of a target
 * table's fields: every consumer covers every field it is responsible for.
 * Each check iterates the table, so a field added there and missed by a
 * consumer fails here, naming both.
 */
import { Node } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { runChecks } from '@shared/checks/run-checks'
import { indicatorColumns, isColumnName, FIELD_NAME } from '@shared/formats/indicator-columns'
import { labelOf } from '@shared/formats/project-form/form-labels'
import { DETAIL_LABEL, EXTRA_HEADER, INDICATOR_HEADER, LABEL } from '@shared/formats/published-text/layout'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { COMPARED_PROJECT_FIELDS, COMPARED_ROW_FIELDS, diffDocuments } from '@shared/history/document-diff'
import { FIELD_LABEL } from '@shared/schema/field-labels'
import {
  AMOUNT_FIELDS, DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FIELDS, INDICATOR_LEVEL_FIELDS,
  PROJECT_CELL_FIELDS, PROJECT_FIELDS, SPENDING_FIELDS, TABLE_FIELDS,
} from '@shared/schema/fields'
import { DETAIL_CELLS, FUNDS_CELLS, INDICATOR_CELLS, INDICATOR_EXTRA_CELLS, INDICATOR_FOLLOW_UP_CELLS, NODE, PROJECT_CELLS } from '@shared/schema/node-names'
import { documentSchema } from '@shared/schema/schema'
import { T } from '../client/i18n/zh-CN'
import { nodeAtPlace } from '../client/editor/place'
import { doc, documentText, indicator, part1, project, spending } from '../support/document-builder'

const cells = TABLE_FIELDS.filter((f) => f.node !== null)
/** A document with every field written as its own key, so that each field's text says which it is. */
const everyField = () => {
  const written = (fields: readonly { key: string }[]) => Object.fromEntries(fields.map((f) => [f.key, f.key]))
  return [
    part1({ title: '标题', goals: ['目标'] }),
    project(
      { ...written(PROJECT_FIELDS), budgetTotal: '10', budgetFiscal: '6', budgetOther: '4', details: written(DETAIL_FIELDS) as never, spendingPlan: [spending('6月底', '50')] },
      indicator({ ...written([...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS]), score: '10' }),
    ),
  ] as const
}

describe('the field table', () => {
  it('has one entry per key in each group and one field per node', () => {
    for (const group of [PROJECT_FIELDS, DETAIL_FIELDS, SPENDING_FIELDS, INDICATOR_FIELDS]) expect(new Set(group.map((f) => f.key)).size).toBe(group.length)
    expect(new Set(cells.map((f) => f.node)).size).toBe(cells.length)
  })

  it('schema: each field node is named in NODE, is a node of the schema, and is a leaf of text', () => {
    for (const f of cells) {
      expect(NODE, f.key).toHaveProperty(f.node!, f.node)
      expect(documentSchema.nodes[f.node!]?.spec.content, f.node!).toBe('text*')
    }
    expect({ ...PROJECT_CELLS, ...DETAIL_CELLS, ...INDICATOR_CELLS, ...INDICATOR_EXTRA_CELLS }).toEqual(
      Object.fromEntries([...PROJECT_CELL_FIELDS, ...DETAIL_FIELDS, ...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS].map((f) => [f.key, f.node])),
    )
    expect({ ...FUNDS_CELLS, ...INDICATOR_FOLLOW_UP_CELLS }).toEqual(Object.fromEntries([...FUNDS_FIELDS, ...INDICATOR_FOLLOW_UP_FIELDS].map((f) => [f.key, f.node])))
  })

  it('builder: buildDocument writes every field into its node, and reading gives it back', () => {
    const built = Node.fromJSON(documentSchema, doc(...everyField()))
    const seen = new Map<string, string>()
    built.descendants((node) => void (node.isTextblock && seen.set(node.type.name, node.textContent)))
    for (const f of [...PROJECT_FIELDS, ...DETAIL_FIELDS, ...SPENDING_FIELDS, ...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS]) expect(seen.has(f.node), f.node).toBe(true)
    for (const f of [...PROJECT_CELL_FIELDS, ...DETAIL_FIELDS, ...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS].filter((f) => !f.numeric)) expect(seen.get(f.node), f.key).toBe(f.key)
  })

  it('labels: the editor, messages and the UI name each field by its label', () => {
    for (const f of cells) {
      expect(FIELD_LABEL[f.node!], f.key).toBe(f.label)
      expect(T.fieldLabel[f.node!], f.key).toBeTruthy()
    }
    expect([...T.indicatorHeader]).toEqual([...INDICATOR_LEVEL_FIELDS, ...INDICATOR_CELL_FIELDS].map((f) => f.label))
    expect(FIELD_NAME).toEqual(Object.fromEntries(INDICATOR_FIELDS.map((f) => [f.key, f.label])))
  })

  it('comparison: every project field and every target column is compared, under its label', () => {
    expect(new Map(COMPARED_PROJECT_FIELDS)).toEqual(new Map(PROJECT_FIELDS.map((f) => [f.key, f.label])))
    expect(COMPARED_ROW_FIELDS).toEqual([...INDICATOR_LEVEL_FIELDS, ...INDICATOR_CELL_FIELDS].map((f) => [f.key, f.label]))
    // And a change to each is reported.
    const before = documentText(...everyField())
    for (const [key] of COMPARED_PROJECT_FIELDS) {
      const after = structuredClone(before)
      ;(after.projects[0] as unknown as Record<string, string>)[key] += '改'
      expect(diffDocuments(before, after).summary.changes, key).toBeGreaterThan(0)
    }
  })

  it('published text: each field it writes under a label is written and read back by it', () => {
    const written = [LABEL.code, LABEL.name, LABEL.total, LABEL.fiscal, LABEL.other, LABEL.goalRow, ...Object.values(DETAIL_LABEL), ...INDICATOR_HEADER, ...Object.values(EXTRA_HEADER)]
    for (const f of [...AMOUNT_FIELDS, ...PROJECT_FIELDS.filter((f) => ['code', 'name', 'goal'].includes(f.key)), ...DETAIL_FIELDS, ...INDICATOR_FIELDS]) expect(written, f.key).toContain(f.published)
    const text = documentText(...everyField())
    // The unit line is read by its shape (a code, then the unit's name), not by a label.
    Object.assign(text.projects[0]!, { unitCode: '216001', unitName: '某单位' })
    expect(parsePublishedText(exportPublishedText(text)).projects[0]).toEqual(text.projects[0])
  })

  it('importers: every alias of a field is read as that field', () => {
    for (const f of INDICATOR_FIELDS) for (const alias of f.aliases) expect(isColumnName(alias), `${f.key}: ${alias}`).toBe(true)
    // The first alias of each column is its own: a header of first aliases maps each to its field.
    const header = indicatorColumns(INDICATOR_FIELDS.map((f) => f.aliases[0]!))
    expect(header).toEqual({ ok: true, columns: Object.fromEntries(INDICATOR_FIELDS.map((f, i) => [f.key, i])) })
    for (const f of [...PROJECT_FIELDS, ...DETAIL_FIELDS]) for (const alias of f.aliases) expect(labelOf(alias), `${f.key}: ${alias}`).toMatchObject({ kind: 'field', field: f.key })
  })

  it('checks: every amount is read by the arithmetic rule, under its label', () => {
    for (const f of AMOUNT_FIELDS) {
      const text = documentText(project({ budgetTotal: '10', budgetFiscal: '6', budgetOther: '4', [f.key]: '十块' }))
      const finding = runChecks(text).find((x) => x.rule === 'arithmetic.budget-sum')
      expect(finding, f.key).toMatchObject({ field: f.key, message: expect.stringContaining(f.label) })
    }
  })

  it('editor: a finding on any field leads to that field’s cell', () => {
    const built = Node.fromJSON(documentSchema, doc(...everyField()))
    for (const f of [...PROJECT_FIELDS, ...DETAIL_FIELDS]) expect(nodeAtPlace(built, { project: 1, indicator: null, field: f.key })?.node.type.name, f.key).toBe(f.node)
    for (const f of [...INDICATOR_CELL_FIELDS, ...INDICATOR_EXTRA_FIELDS]) expect(nodeAtPlace(built, { project: 1, indicator: 1, field: f.key })?.node.type.name, f.key).toBe(f.node)
  })
})
