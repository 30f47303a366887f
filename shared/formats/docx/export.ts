/**
 * Word (.docx) export of a 绩效文本 — or of a 自评 or 监控, each project on its
 * kind's form (`document-forms.ts`) — laid out as a department hands it in:
 * the 公文 page (`gongwen.ts`; 宋体 is the fallback Word picks when 小标宋
 * is missing); each 绩效目标表 a real Word table
 * on the layout of the published form — shaded label cells, 一级 and 二级
 * merged down their group of rows as on paper, rows that never break
 * across a page. By default a clean copy (the agreed text); with `tracked`,
 * pending suggestions become Word tracked changes (w:ins/w:del with the
 * suggester's name and time) for the reader to accept or reject in Word.
 *
 * Built with `docx` (declarative, pure JavaScript, runs in the browser and
 * on the server); packed to bytes with `Packer.toArrayBuffer`.
 */
import {
  AlignmentType,
  BorderStyle,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  HeightRule,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
  type IParagraphOptions,
} from 'docx'
import type { DocumentText } from '../../model/document-text'
import { GRID_COLUMNS, type FormCell, type FormRow } from '../form-layout'
import { formOf, type ProjectTable } from '../document-forms'
import { trackedRuns } from '../tracked-text'
import { FONT, INDENT, LINE, MM, PAGE, SIZE } from './gongwen'
import { opinionSection } from './opinion-export'
import type { OpinionBlock } from '../../checks/opinion-text'
import { DUTY_PREFIX, PART_ONE, PART_ONE_NAME, PART_TWO, PART_TWO_NAME, SECTION, TARGET_PREFIX } from '../published-text/layout'


export interface DocxOptions {
  /** Pending suggestions as Word tracked changes (the text carries them: `tracked-text.ts`); otherwise a clean copy. */
  tracked?: boolean
  /** A suggester's name as Word shows it (their 姓名), from their login. */
  nameOf?: (login: string) => string
  /** A 审核意见 to follow the document, on pages of its own (`opinion-export.ts`). */
  opinion?: readonly OpinionBlock[]
}

type Runs = (text: string, font: string, size: number, bold?: boolean) => (TextRun | InsertedTextRun | DeletedTextRun)[]

/** Runs of text for one document; with tracked changes, suggested insertions and deletions as numbered Word revisions. */
function runsFor(options: DocxOptions): Runs {
  let revision = 0
  return (text, font, size, bold = false) => {
    // A table's text is the document's default run (`TABLE_TEXT`): its cells' runs say only whether they are bold.
    const style = font === FONT.table && size === SIZE.table ? { bold } : { font: { eastAsia: font, ascii: font, hAnsi: font }, size, bold }
    if (!options.tracked) return [new TextRun({ text, ...style })]
    return trackedRuns(text).map((r) => {
      if (!r.change) return new TextRun({ text: r.text, ...style })
      const change = { id: ++revision, author: options.nameOf?.(r.change.author) ?? r.change.author, date: new Date(r.change.time).toISOString() }
      return r.change.kind === 'insert' ? new InsertedTextRun({ text: r.text, ...style, ...change }) : new DeletedTextRun({ text: r.text, ...style, ...change })
    })
  }
}


const centred = (run: Runs, text: string, font: string, size: number, bold = false): Paragraph =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: LINE, children: run(text, font, size, bold) })

const heading = (run: Runs, text: string, font: string = FONT.heading): Paragraph => new Paragraph({ spacing: LINE, indent: { firstLine: INDENT }, children: run(text, font, SIZE.body) })

const body = (run: Runs, text: string): Paragraph =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: LINE, indent: { firstLine: INDENT }, children: run(text, FONT.body, SIZE.body) })

/** The table is the form's grid of 12 narrow columns (`form-layout.ts`). */
const TABLE_WIDTH = Math.round((210 - 28 - 26) * MM)
const COLUMN = Math.floor(TABLE_WIDTH / GRID_COLUMNS)

/**
 * What every cell of a form shares is said once, on its table (borders, cell margins) or for the document
 * (the table's font): written per cell, the `docx` writer built and serialized ~20 objects more per cell,
 * and a 500-project document took 30 s to export.
 */
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' }
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER }
const CELL_MARGINS = { left: 80, right: 80, top: 40, bottom: 40 }
const TABLE_TEXT = { font: { eastAsia: FONT.table, ascii: FONT.table, hAnsi: FONT.table }, size: SIZE.table }
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const

function cell(run: Runs, { text, span, label = false, align, merge }: FormCell): TableCell {
  const paragraph: IParagraphOptions = {
    alignment: ALIGN[align ?? (label ? 'center' : 'left')],
    children: run(text, FONT.table, SIZE.table, label),
  }
  return new TableCell({
    columnSpan: span,
    width: { size: COLUMN * span, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    ...(label ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
    ...(merge ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
    children: [new Paragraph(paragraph)],
  })
}

const formTable = (run: Runs, rows: FormRow[]): Table =>
  new Table({
    width: { size: COLUMN * GRID_COLUMNS, type: WidthType.DXA },
    columnWidths: Array.from({ length: GRID_COLUMNS }, () => COLUMN),
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: CELL_MARGINS,
    rows: rows.map(
      (r) => new TableRow({ cantSplit: true, tableHeader: r.header ?? false, height: { value: 400, rule: HeightRule.ATLEAST }, children: r.cells.map((c) => cell(run, c)) }),
    ),
  })

/** Each project's form (the kind's: `document-forms.ts`) under its title. */
function projectTables(run: Runs, tables: ProjectTable[]): (Paragraph | Table)[] {
  return tables.flatMap(({ title, rows }) => [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120 }, keepNext: true, children: run(title, FONT.heading, SIZE.tableTitle) }),
    formTable(run, rows),
  ])
}

/** 第一部分 and the heading of 第二部分, for a kind that has them (the targets). */
const partOne = (run: Runs, doc: DocumentText): Paragraph[] => [
  centred(run, PART_ONE, FONT.heading, SIZE.body),
  centred(run, PART_ONE_NAME, FONT.heading, SIZE.body),
  heading(run, SECTION.goals),
  ...doc.goals.map((g) => body(run, g)),
  heading(run, SECTION.subGoals),
  ...doc.subGoals.flatMap((g) => [heading(run, g.title, FONT.subheading), body(run, `${DUTY_PREFIX}${g.duty}`), body(run, `${TARGET_PREFIX}${g.target}`)]),
  heading(run, SECTION.safeguards),
  ...doc.safeguards.map((g) => body(run, g)),
  centred(run, PART_TWO, FONT.heading, SIZE.body),
  centred(run, PART_TWO_NAME, FONT.heading, SIZE.body),
]

export function docxDocument(doc: DocumentText, options: DocxOptions = {}): Document {
  const run = runsFor(options)
  return new Document({
    creator: 'Jixiao 绩效',
    title: `${doc.title}${doc.subtitle}`,
    styles: { default: { document: { run: TABLE_TEXT } } },
    sections: [
      {
        properties: PAGE,
        children: [
          centred(run, doc.title, FONT.title, SIZE.title),
          centred(run, doc.subtitle, FONT.title, SIZE.title),
          centred(run, doc.preparedBy, FONT.body, SIZE.body),
          centred(run, doc.reviewedBy, FONT.body, SIZE.body),
          ...(formOf(doc).partOne ? partOne(run, doc) : []),
          ...projectTables(run, formOf(doc).tables(doc)),
        ],
      },
      ...(options.opinion ? [opinionSection(options.opinion)] : []),
    ],
  })
}

export async function exportDocx(doc: DocumentText, options: DocxOptions = {}): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(docxDocument(doc, options)))
}
