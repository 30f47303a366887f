/**
 * A standalone, printable HTML page of a 绩效文本: one file with its own
 * styles, A4 print margins, each 绩效目标表 a table on the published form's
 * layout with 一级/二级 merged down their rows (rowspan), rows that do not
 * break across pages, page numbers at the foot. Printed to PDF by the
 * browser (打印 → 另存为 PDF), it is the PDF a department hands in. The
 * agreed text (a clean copy), or — with `tracked`, given the tracked text
 * (`tracked-text.ts`) — pending suggestions shown as Word prints them:
 * insertions underlined, deletions struck, each titled with who and when.
 * The editor prints this same page (`htmlBody` and `HTML_STYLE`).
 */
import type { DocumentText } from '../../model/document-text'
import { GRID_COLUMNS, type FormRow } from '../form-layout'
import { formOf, type ProjectTable } from '../document-forms'
import { trackedRuns } from '../tracked-text'
import { DUTY_PREFIX, PART_ONE, PART_ONE_NAME, PART_TWO, PART_TWO_NAME, SECTION, TARGET_PREFIX } from '../published-text/layout'

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

export interface HtmlOptions {
  /** The text carries pending suggestions (tracked-text.ts): show them. Otherwise a clean copy. */
  tracked?: boolean
  /** A login's display name, for who suggested what. */
  nameOf?: (login: string) => string
}

/** A field's text as HTML: escaped, and with its suggestions marked when tracked. */
const fieldHtml = (options: HtmlOptions) => (text: string): string => {
  if (!options.tracked) return escape(text)
  return trackedRuns(text)
    .map((run) => {
      if (!run.change) return escape(run.text)
      const tag = run.change.kind === 'insert' ? 'ins' : 'del'
      const who = options.nameOf?.(run.change.author) ?? run.change.author
      return `<${tag} title="${escape(`${who} ${new Date(run.change.time).toLocaleString('zh-CN')}`)}">${escape(run.text)}</${tag}>`
    })
    .join('')
}

/** Where each cell of a row starts on the grid. */
const starts = (row: FormRow): number[] => row.cells.reduce<number[]>((acc, c, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + row.cells[i - 1]!.span], [])

/** The form as an HTML table: cells merged down become one cell with a rowspan. */
function tableRows(rows: FormRow[], html: (text: string) => string): string {
  const at = rows.map(starts)
  return rows
    .map((row, r) =>
      `<tr>${row.cells
        .map((cell, i) => {
          if (cell.merge === 'continue') return ''
          let span = 1
          if (cell.merge === 'restart') while (rows[r + span]?.cells.some((c, j) => c.merge === 'continue' && at[r + span]![j] === at[r]![i])) span++
          const tag = cell.label ? 'th' : 'td'
          const attrs = [cell.span > 1 ? ` colspan="${cell.span}"` : '', span > 1 ? ` rowspan="${span}"` : '', cell.align && !cell.label ? ` class="${cell.align[0]}"` : ''].join('')
          return `<${tag}${attrs}>${html(cell.text)}</${tag}>`
        })
        .join('')}</tr>`,
    )
    .join('\n')
}

const table = ({ title, rows }: ProjectTable, html: (text: string) => string): string => `<h3>${html(title)}</h3>
<table>
<colgroup>${'<col>'.repeat(GRID_COLUMNS)}</colgroup>
${tableRows(rows, html)}
</table>`

/** The page's styles: A4, the 公文 fonts, the forms' borders. */
export const HTML_STYLE = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-size: 12pt; } }
body { font-family: "仿宋_GB2312", "FangSong", "STFangsong", serif; font-size: 16pt; line-height: 28pt; max-width: 156mm; margin: 2em auto; }
h1 { font-family: "方正小标宋简体", "SimSun", serif; font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0; }
.centre { text-align: center; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; text-align: center; margin: 1em 0 0; }
h3 { font-family: "黑体", "SimHei", sans-serif; font-size: 14pt; font-weight: normal; text-align: center; margin: 1.2em 0 0.4em; break-after: avoid; }
h4 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
h5 { font-family: "楷体_GB2312", "KaiTi", serif; font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
table { width: 100%; border-collapse: collapse; font-family: "宋体", "SimSun", serif; font-size: 10.5pt; line-height: 1.4; table-layout: fixed; }
tr { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: middle; word-break: break-all; }
th { background: #f2f2f2; font-weight: bold; text-align: center; }
td.c { text-align: center; } td.r { text-align: right; }
ins { text-decoration: underline; color: #1b5e20; } del { text-decoration: line-through; color: #b3261e; }
`

/** The page's content (inside <body>). */
export function htmlBody(doc: DocumentText, options: HtmlOptions = {}): string {
  const html = fieldHtml(options)
  const paragraphs = (texts: string[]) => texts.map((t) => `<p>${html(t)}</p>`).join('\n')
  const form = formOf(doc)
  const tables = form.tables(doc).map((t) => table(t, html)).join('\n')
  const titleBlock = `<h1>${html(doc.title)}</h1>
<h1>${html(doc.subtitle)}</h1>
<div class="centre">${html(doc.preparedBy)}</div>
<div class="centre">${html(doc.reviewedBy)}</div>`
  // A 自评 or 监控 is its forms under the title block (`document-forms.ts`).
  if (!form.partOne) return `${titleBlock}\n${tables}`
  return `${titleBlock}
<h2>${PART_ONE}<br>${PART_ONE_NAME}</h2>
<h4>${SECTION.goals}</h4>
${paragraphs(doc.goals)}
<h4>${SECTION.subGoals}</h4>
${doc.subGoals.map((g) => `<h5>${html(g.title)}</h5>\n${paragraphs([`${DUTY_PREFIX}${g.duty}`, `${TARGET_PREFIX}${g.target}`])}`).join('\n')}
<h4>${SECTION.safeguards}</h4>
${paragraphs(doc.safeguards)}
<h2>${PART_TWO}<br>${PART_TWO_NAME}</h2>
${tables}`
}

export function exportHtml(doc: DocumentText, options: HtmlOptions = {}): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(`${doc.title}${doc.subtitle}`)}</title><style>${HTML_STYLE}</style></head>
<body>
${htmlBody(doc, options)}
</body></html>
`
}
