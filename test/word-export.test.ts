/**
 * The Word export read by another producer's reader: python-docx (Debian's
 * python3-docx, installed by .ci/run) lists every table's cells, and every
 * field of every 绩效目标表 is in its table — the forms are intact.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDocx } from '@shared/formats/docx/export'
import { exportHtml } from '@shared/formats/html/export'
import { parsePublishedText } from '@shared/formats/published-text/import'
import type { ProjectText } from '@shared/model/document-text'
import { derivedCells } from '@shared/formats/kind-forms/derived-cells'
import { generateDocument } from '../support/generate-document'
import { generateKindDocument } from '../support/generate-kind-document'
import { makeRandom } from '../support/random'
import { sampleText } from '../support/sample'

const READ_TABLES = `
import docx, json, sys
d = docx.Document(sys.argv[1])
print(json.dumps({
  "paragraphs": [p.text for p in d.paragraphs],
  "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
}, ensure_ascii=False))
`

function readWithPythonDocx(bytes: Uint8Array): { paragraphs: string[]; tables: string[][][] } {
  const path = join(mkdtempSync(join(tmpdir(), 'jixiao-docx-')), 'export.docx')
  writeFileSync(path, bytes)
  return JSON.parse(execFileSync('/usr/bin/python3', ['-I', '-c', READ_TABLES, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }))
}

/** Every text a project's table must show. */
const fieldsOf = (p: ProjectText) => [
  p.code, p.name, p.budgetTotal, p.budgetFiscal, p.budgetOther, p.usage, p.goal,
  ...p.spendingPlan.flatMap((e) => [e.label, e.percent]),
  ...p.indicators.flatMap((i) => [i.level1, i.level2, i.level3, i.description, i.value, i.basis]),
].filter((t) => t !== '')

describe('the Word export, read by python-docx', () => {
  it.each([
    ['the sample', parsePublishedText(sampleText())],
    ['a generated 30-project document', generateDocument(makeRandom(8), 30)],
  ] as const)('%s: one table per project, every cell’s text in it, the narrative in order', async (_, text) => {
    const read = readWithPythonDocx(await exportDocx(text))
    expect(read.tables).toHaveLength(text.projects.length)
    text.projects.forEach((project, i) => {
      const cells = new Set(read.tables[i]!.flat())
      for (const field of fieldsOf(project)) expect(cells.has(field), `${project.name}: ${field}`).toBe(true)
      // The header and one row per indicator, after the seven form rows.
      expect(read.tables[i]!.length).toBe(8 + project.indicators.length)
    })
    const narrative = read.paragraphs.filter((p) => p !== '')
    expect(narrative.slice(0, 4)).toEqual([text.title, text.subtitle, text.preparedBy, text.reviewedBy])
    for (const goal of text.goals) expect(narrative).toContain(goal)
  }, 60_000)
})

describe('a 自评 and a 监控 in Word, read by python-docx', () => {
  it.each(['self-evaluation', 'monitoring'] as const)('%s: one form per project, every field and derived figure in its table, the title block before', async (kind) => {
    const text = generateKindDocument(makeRandom(kind.length), kind, 3)
    const derived = derivedCells(text)
    const read = readWithPythonDocx(await exportDocx(text))
    expect(read.tables).toHaveLength(text.projects.length)
    text.projects.forEach((project, i) => {
      const cells = new Set(read.tables[i]!.flat())
      const d = derived[i]!
      const fields = [
        project.name, project.details!.department, project.details!.implementer, project.goal, project.achieved!, project.funds!.initial, project.funds!.budget, project.funds!.executed, d.rate,
        ...project.indicators.flatMap((r) => [r.level1, r.level2, r.level3, r.value, r.actual!, r.deviation ?? '', r.forecast ?? '', r.likelihood ?? '', r.cause ?? '', r.measure ?? '']),
        ...(kind === 'self-evaluation' ? [...d.points, ...d.earned, d.fundsEarned, d.total, `等级：${d.grade}`] : []),
      ].filter((t) => t !== '')
      for (const field of fields) expect(cells.has(field), `${project.name}: ${field}`).toBe(true)
      // 名称, 主管部门, the funds header and row, 年度总体目标's two rows, the indicator header, a row per indicator, 总分 or the note.
      expect(read.tables[i]!.length).toBe(7 + project.indicators.length + 1)
    })
    expect(read.paragraphs.filter((p) => p !== '').slice(0, 4)).toEqual([text.title, text.subtitle, text.preparedBy, text.reviewedBy])
  }, 60_000)
})

describe('the HTML export', () => {
  it('holds every field, with 一级 merged down its rows', () => {
    const text = parsePublishedText(sampleText())
    const html = exportHtml(text)
    for (const project of text.projects) for (const field of fieldsOf(project)) expect(html).toContain(field.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'))
    expect(html).toMatch(/<td colspan="2" rowspan="4" class="c">产出指标<\/td>/)
  })
})
