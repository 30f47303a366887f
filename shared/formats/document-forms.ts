/**
 * The forms each kind of document is written in, in one table: how a file
 * is recognised as the kind's form (by the words only its headers have,
 * never by the file's name), how its text and its tables are read, and the
 * tables each project is drawn as. Every format (text, Word, Excel, HTML)
 * reads and writes through this table, so a kind (a 部门整体支出绩效自评
 * later) is one more entry — the Record's type asks for it.
 */
import type { DocumentKind } from '../model/document-kind'
import type { DocumentText, ProjectText } from '../model/document-text'
import { layOut, type Block } from './blocks'
import { formLayout, type FormRow } from './form-layout'
import { ImportError, readLaidOut, tryImport, type ImportResult } from './import-error'
import { decodeText } from './decode-text'
import { checkTextLength } from './import-limits'
import { parsePublishedText } from './published-text/import'
import { exportPublishedText } from './published-text/export'
import { INDICATOR_HEADER, TABLE_SUFFIX } from './published-text/layout'
import { isSelfEvaluation, readSelfEvaluation } from './self-evaluation/read-self-evaluation'
import { derivedCells } from './kind-forms/derived-cells'
import { kindFormLayout, kindTableTitle } from './kind-forms/kind-form-layout'
import { exportKindText, readKindText } from './kind-forms/kind-text'
import { MONITORING_FORM, SELF_EVALUATION_FORM, type FormVocabulary } from './kind-forms/form-vocabulary'
import { readKindForms, type FormItem } from './kind-forms/read-kind-form'

export interface ProjectTable {
  title: string
  rows: FormRow[]
}

export interface DocumentForm {
  kind: DocumentKind
  /** Whether a file's words (its text with the spaces removed) are this kind's form. */
  recognises(flat: string): boolean
  /** Reads a text file of the kind. Throws ImportError. */
  readText(text: string): DocumentText
  /** Reads a file of tables (Word, HTML, Excel) of the kind; `file` names it in errors. Throws ImportError. */
  readBlocks(file: string, blocks: readonly Block[]): DocumentText
  exportText(doc: DocumentText): string
  /** Each project's table, on the 12-column grid (`form-layout.ts`), with its title. */
  tables(doc: DocumentText): ProjectTable[]
  /** Whether the document has the narrative 第一部分 (部门整体绩效目标) before its tables. */
  partOne: boolean
}

/** Blocks as the reader's items: each row with its place in the file ("Word 文档 表 2 › 第 5 行"). */
export function blockItems(file: string, blocks: readonly Block[]): FormItem[] {
  const items: FormItem[] = []
  let paragraphs = 0
  let tables = 0
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      paragraphs++
      for (const text of block.text.split('\n')) items.push({ kind: 'paragraph', text, line: null, place: `${file} 第 ${paragraphs} 段` })
      continue
    }
    tables++
    const name = block.name ?? `表 ${tables}`
    block.rows.forEach((cells, r) => items.push({ kind: 'row', cells: cells.map((c) => c.replace(/\s*\n\s*/g, '')), table: tables, line: null, place: `${file} ${name} › 第 ${block.rowNumbers?.[r] ?? r + 1} 行` }))
  }
  return items
}

function kindForm(form: FormVocabulary, recognises: (flat: string) => boolean, loose: ((text: string) => DocumentText) | null): DocumentForm {
  return {
    kind: form.kind,
    recognises,
    readText: (text) => {
      const read = readKindText(form, text)
      if (read) return read
      if (loose) return loose(text)
      throw new ImportError('unsupported-format', null, `这份${form.title}的文字没有保留表格的行和列：请导入 Word、Excel 或网页文件，或每个单元格用制表符分开`)
    },
    readBlocks: (file, blocks) => readKindForms(form, { items: blockItems(file, blocks), tablesEnd: true }),
    exportText: (doc) => exportKindText(form, doc),
    tables: (doc) => {
      const derived = derivedCells(doc)
      return doc.projects.map((project, i) => ({ title: kindTableTitle(form, project, i + 1), rows: kindFormLayout(form, doc, project, derived[i]!) }))
    },
    partOne: false,
  }
}

/** Whether a text names the indicator header's first column (一级指标). */
const hasIndicatorHeader = (flat: string) => flat.includes(INDICATOR_HEADER[0]!)

export const DOCUMENT_FORMS: Readonly<Record<DocumentKind, DocumentForm>> = {
  targets: {
    kind: 'targets',
    recognises: () => true,
    readText: parsePublishedText,
    readBlocks: (file, blocks) => readLaidOut(file, layOut(blocks), parsePublishedText),
    exportText: exportPublishedText,
    tables: (doc) => doc.projects.map((project: ProjectText, i) => ({ title: `${i + 1}.${project.name}${TABLE_SUFFIX}`, rows: formLayout(project) })),
    partOne: true,
  },
  // 完成目标可能性 and 全年预计完成值 are columns only a 监控表 has; a form cut above them still says what it is in its title.
  monitoring: kindForm(MONITORING_FORM, (flat) => (hasIndicatorHeader(flat) && /完成目标可能性|全年预计完成(?:值|情况)/.test(flat)) || /执行监控表.*项目名称/.test(flat), null),
  // 实际完成值 beside 得分: a 自评表 (its cells may run together: the loose reader reads those).
  'self-evaluation': kindForm(SELF_EVALUATION_FORM, (flat) => isSelfEvaluation(flat) || (hasIndicatorHeader(flat) && /(?:全年)?实际(?:完成)?值/.test(flat) && flat.includes('得分')) || /绩效自评表.*项目名称/.test(flat), readSelfEvaluation),
}

export const formOf = (doc: DocumentText): DocumentForm => DOCUMENT_FORMS[doc.kind ?? 'targets']

/** The form a file's words are: the first kind after the targets that recognises them, else the targets'. */
export function formFor(words: string): DocumentForm {
  const flat = words.replace(/[\s\u3000\u00a0]/g, '')
  return Object.values(DOCUMENT_FORMS).find((form) => form.kind !== 'targets' && form.recognises(flat)) ?? DOCUMENT_FORMS.targets
}

const wordsOf = (blocks: readonly Block[]) => blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.join(' ')).join(' '))).join(' ')

/** Reads a file of tables as the kind its words say. Throws ImportError. */
export const readBlocks = (file: string, blocks: readonly Block[]): DocumentText => formFor(wordsOf(blocks)).readBlocks(file, blocks)

/** Reads a text file as the kind its words say. Throws ImportError. */
export const readText = (text: string): DocumentText => formFor(text).readText(text)

/** Imports a text file's bytes as the kind its words say. */
export const importText = (bytes: Uint8Array): ImportResult<DocumentText> =>
  tryImport(() => {
    const text = decodeText(bytes)
    checkTextLength('文本文件', text)
    return readText(text)
  })
