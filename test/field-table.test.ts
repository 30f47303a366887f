/**
 * The field table (`shared/schema/fields.ts`) is the only list of a
 * table's fields, the targets' and what a 监控 or 自评 adds: every consumer
 * covers every field it is responsible for. Each check iterates the table,
 * so a field added there and missed by a consumer fails here, naming both.
 */
import { Node } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import { runChecks } from '@shared/checks/run-checks'
import { indicatorColumns, isColumnName, FIELD_NAME } from '@shared/formats/indicator-columns'
import { labelOf } from '@shared/formats/project-form/form-labels'
import { DETAIL_LABEL, EXTRA_HEADER, INDICATOR_HEADER, LABEL } from '@shared/formats/published-text/layout'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { derivedCells } from '@shared/formats/kind-forms/derived-cells'
import { formOfKind, kindFormLayout } from '@shared/formats/kind-forms/kind-form-layout'
import { columnOf, frontOf, fundsOf, goalOf, nameOf } from '@shared/formats/kind-forms/form-vocabulary'
import { readSelfEvaluation } from '@shared/formats/self-evaluation/read-self-evaluation'
import { COMPARED_PROJECT_FIELDS, COMPARED_ROW_FIELDS, diffDocuments } from '@shared/history/document-diff'
import { buildDocument } from '@shared/model/build-document'
import type { DocumentText } from '@shared/model/document-text'
import { FIELD_LABEL } from '@shared/schema/field-labels'
import {
  AMOUNT_FIELDS, cellLabelOf, DETAIL_FIELDS, FUNDS_FIELDS, INDICATOR_FOLLOW_UP_FIELDS, INDICATOR_CELL_FIELDS, INDICATOR_EXTRA_FIELDS, INDICATOR_FIELDS, INDICATOR_LEVEL_FIELDS,
  kindLabelOf, kindNamesOf, kindSplitOf, PROJECT_ACHIEVED_FIELD, PROJECT_CELL_FIELDS, PROJECT_FIELDS, PROJECT_GOAL_FIELD, SPENDING_FIELDS, TABLE_FIELDS,
  type Field, type FollowUpKind,
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

const KINDS: readonly FollowUpKind[] = ['self-evaluation', 'monitoring']
const written = (fields: readonly { key: string }[]) => Object.fromEntries(fields.map((f) => [f.key, f.key]))
/** A 监控 or 自评 with every field written as its own key (its figures as numbers, its choices as one of theirs). */
const everyKindField = (kind: FollowUpKind): DocumentText => {
  const text = documentText(...everyField())
  const [p] = text.projects
  Object.assign(p!, { funds: { ...written(FUNDS_FIELDS), initial: '10', budget: '10', executed: '5', rate: '50%', points: '10', earned: '5' }, achieved: 'achieved' })
  Object.assign(p!.indicators[0]!, { ...written(INDICATOR_FOLLOW_UP_FIELDS), earned: '8', likelihood: '', cause: '' })
  return { ...text, kind, ...(kind === 'monitoring' ? { asOf: '6' } : {}) }
}
const SPENDING: readonly Field[] = SPENDING_FIELDS
const FUNDS: readonly Field[] = FUNDS_FIELDS
const DETAILS: readonly Field[] = DETAIL_FIELDS
/** What a 监控 or 自评 adds to a project and its rows. */
const FOLLOW_UP: readonly Field[] = [...FUNDS_FIELDS, PROJECT_ACHIEVED_FIELD, ...INDICATOR_FOLLOW_UP_FIELDS]
/** The fields a kind's form names (writes or reads). */
const namedIn = (kind: FollowUpKind): Field[] => TABLE_FIELDS.filter((f) => f.kinds?.[kind] !== undefined)

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

  it('labels: the editor, messages and the UI name each field by its label, and in a 监控 or 自评 as its form does', () => {
    for (const f of cells) {
      expect(FIELD_LABEL[f.node!], f.key).toBe(f.label)
      expect(T.fieldLabel[f.node!], f.key).toBe(cellLabelOf(f))
      for (const kind of KINDS) if (kindLabelOf(f, kind) !== undefined) expect(T.kindFieldLabel[kind]?.[f.node!], `${kind} ${f.key}`).toBe(kindLabelOf(f, kind))
    }
    expect([...T.indicatorHeader]).toEqual([...INDICATOR_LEVEL_FIELDS, ...INDICATOR_CELL_FIELDS].map((f) => f.label))
    expect(FIELD_NAME).toEqual(Object.fromEntries(INDICATOR_FIELDS.map((f) => [f.key, f.label])))
  })

  it('comparison: a change to any field is reported under its label (in a 监控 or 自评, its form’s), and leads to its cell', () => {
    const compared = [...COMPARED_PROJECT_FIELDS.map((c) => ({ ...c, row: false })), ...COMPARED_ROW_FIELDS.map((c) => ({ ...c, row: true }))]
    // The spending plan is compared as one list (资金支出计划), its entries' label and percent together.
    for (const f of TABLE_FIELDS.filter((f) => !SPENDING.includes(f))) expect(compared.filter((c) => c.of === f), f.key).toHaveLength(1)
    for (const kind of [undefined, ...KINDS]) {
      const before = kind ? everyKindField(kind) : documentText(...everyField())
      const built = Node.fromJSON(documentSchema, buildDocument(before))
      const cellsBuilt = new Set<string>()
      built.descendants((node) => void cellsBuilt.add(node.type.name))
      // A targets document has none of what the later kinds add, and a 自评 none of the 监控's own cells (and the other way round).
      for (const c of compared.filter((c) => (kind !== undefined || !FOLLOW_UP.includes(c.of)) && (c.of.node === null || cellsBuilt.has(c.of.node)))) {
        const after = structuredClone(before)
        const p = after.projects[0]!
        const holder = (c.row ? p.indicators[0] : FUNDS.includes(c.of) ? p.funds : DETAILS.includes(c.of) ? p.details : p) as unknown as Record<string, string>
        holder[c.of.key] += '改'
        const changes = diffDocuments(before, after).projects.flatMap((x) => (x.kind === 'changed' ? [...x.fields, ...x.rows.flatMap((r) => (r.kind === 'changed' ? r.fields : []))] : []))
        expect(changes.map((x) => [x.field, x.label]), `${kind ?? 'targets'} ${c.of.key}`).toEqual([[c.field, (kind && kindLabelOf(c.of, kind)) ?? c.of.label]])
        // 一级/二级 are chosen beside the row's first text cell.
        const place = { project: 1, indicator: c.row ? 1 : null, field: c.field }
        expect(nodeAtPlace(built, place)?.node.type.name, `${kind ?? 'targets'} ${c.field}`).toBe(c.of.node ?? INDICATOR_CELL_FIELDS[0].node)
      }
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

  it('监控 and 自评 layouts: every field a kind’s form has a header for is written there as a label', () => {
    for (const kind of KINDS) {
      const doc = everyKindField(kind)
      const labels = kindFormLayout(formOfKind(kind), doc, doc.projects[0]!, derivedCells(doc)[0]!).flatMap((row) => row.cells.filter((c) => c.label).map((c) => c.text))
      for (const f of namedIn(kind)) if (f.kinds![kind]!.header !== undefined) expect(labels, `${kind} ${f.key}`).toContain(f.kinds![kind]!.header)
    }
  })

  it('监控 and 自评 readers: every name of a field, written or another form’s, is read as that field', () => {
    const GOALS: readonly Field[] = [PROJECT_GOAL_FIELD, PROJECT_ACHIEVED_FIELD]
    for (const kind of KINDS) {
      const form = formOfKind(kind)
      /** The reader's recogniser for the field's group: columns, 资金 figures, goals, or the labels above the tables. */
      const readAs = (f: Field, name: string): string | null =>
        (INDICATOR_FIELDS as readonly Field[]).concat(INDICATOR_FOLLOW_UP_FIELDS).includes(f) ? columnOf(form, name)
        : FUNDS.includes(f) ? fundsOf(form, name)
        : GOALS.includes(f) ? goalOf(form, name)
        : frontOf(form, name)
      for (const f of namedIn(kind).filter((f) => kindNamesOf(f, kind) !== null)) {
        // A field the form only reads (项目编码, 项目负责人) is read by its label too.
        const names = [f.kinds![kind]!.header ?? f.label, ...kindSplitOf(f, kind)]
        // The 自评表's reader of run-together cells splits at names its form reader also reads.
        for (const name of names) {
          expect(kindNamesOf(f, kind)!.test(nameOf(name)), `${kind} ${f.key}: ${name}`).toBe(true)
          expect(readAs(f, name), `${kind} ${f.key}: ${name}`).toBe(f.key)
        }
      }
    }
    // The 自评表's loose reader reads its columns and figures by those names: a form whose header says each column's first split name.
    const split = (key: string, fields: readonly Field[]) => kindSplitOf(fields.find((f) => f.key === key)!, 'self-evaluation')[0]!
    const text = [
      split('name', PROJECT_FIELDS), '某项目', split('department', DETAIL_FIELDS), '某部门', split('implementer', DETAIL_FIELDS), '某单位',
      ...['initial', 'budget', 'executed', 'points', 'rate', 'earned'].map((k) => split(k, FUNDS_FIELDS)), '年度资金总额', '10', '10', '5', '10', '50%', '5',
      split('goal', [PROJECT_GOAL_FIELD]), split('achieved', [PROJECT_ACHIEVED_FIELD]), '预期', '达成',
      split('level1', INDICATOR_FIELDS), split('level2', INDICATOR_FIELDS), ...['level3', 'value', 'actual', 'score', 'earned', 'deviation'].map((k) => split(k, [...INDICATOR_FIELDS, ...INDICATOR_FOLLOW_UP_FIELDS])),
      '产出指标', '数量指标', '人次', '100', '100', '10', '10', '无', '总分', '10', '10',
    ].join('\n')
    const [read] = readSelfEvaluation(text).projects
    expect(read).toMatchObject({ name: '某项目', details: { department: '某部门', implementer: '某单位' }, goal: '预期', achieved: '达成' })
    expect(read!.funds).toEqual({ initial: '10', budget: '10', executed: '5', points: '10', rate: '50%', earned: '5' })
    expect(read!.indicators[0]).toMatchObject({ level3: '人次', value: '100', actual: '100', score: '10', earned: '10', deviation: '无' })
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
