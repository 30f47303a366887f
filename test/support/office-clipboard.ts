/**
 * Clipboard contents shaped as Office puts them there when a person copies
 * a table: Word's HTML (`MsoTableGrid`, a `MsoNormal` paragraph per line of a
 * cell, `mso-` styles, merged cells as rowspan), Excel's HTML (`xl65`
 * classes, `<col>`s, the fragment comments) with its tab-separated text, and
 * Word's text (cells between tabs, a row a line). For the clipboard readers'
 * unit tests and the paste tests in Chromium alike.
 */

/** A cell: its text (a line a paragraph), or its text and how many rows and grid columns it spans. */
export type OfficeCell = string | { text: string; rowspan?: number; colspan?: number }

const escape = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
const textOf = (cell: OfficeCell) => (typeof cell === 'string' ? cell : cell.text)

const wordParagraph = (line: string) =>
  `<p class=MsoNormal align=left style='text-align:left;mso-pagination:widow-orphan'><span style='font-family:宋体;mso-ascii-font-family:"Times New Roman";mso-hansi-font-family:"Times New Roman"'>${escape(line) || `<span lang=EN-US><o:p>&nbsp;</o:p></span>`}</span><span lang=EN-US><o:p></o:p></span></p>`

/** Word's HTML of a table, and of the paragraphs copied before it (a form's title). */
export function wordTableHtml(rows: readonly (readonly OfficeCell[])[], before: readonly string[] = []): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((cell) => {
          const span = typeof cell === 'string' ? '' : `${cell.colspan ? ` colspan=${cell.colspan}` : ''}${cell.rowspan ? ` rowspan=${cell.rowspan}` : ''}`
          return `\n  <td width=95${span} valign=top style='width:70.9pt;border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>\n  ${textOf(cell).split('\n').map(wordParagraph).join('\n  ')}\n  </td>`
        })
        .join('')
      return ` <tr style='mso-yfti-irow:${r}${r === 0 ? ';mso-yfti-firstrow:yes' : ''}'>${cells}\n </tr>`
    })
    .join('\n')
  return `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal {mso-style-parent:""; margin:0cm; text-align:justify; font-size:10.5pt; font-family:等线;}
table.MsoTableGrid {mso-style-name:网格型; border:solid windowtext 1.0pt;}
-->
</style></head>
<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>
<!--StartFragment-->
${before.map((line) => `<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:14.0pt;font-family:黑体'>${escape(line)}</span></b></p>`).join('\n')}
<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
${body}
</table>

<!--EndFragment-->
</body>
</html>`
}

/** Word's text/plain of a table: cells between tabs, a row a line (a cell's several lines written here with a space between). */
export const wordTableText = (rows: readonly (readonly OfficeCell[])[]): string =>
  rows.map((row) => row.map((cell) => textOf(cell).replace(/\n/g, ' ')).join('\t')).join('\r\n') + '\r\n'

export function excelTableHtml(rows: readonly (readonly string[])[]): string {
  const width = Math.max(...rows.map((row) => row.length))
  const body = rows
    .map((row) => ` <tr height=19 style='height:14.25pt'>\n${row.map((cell, c) => `  <td${c === 0 ? ` height=19` : ''} class=xl65 width=72 style='${c === 0 ? 'height:14.25pt;' : ''}width:54pt'>${escape(cell).replace(/\n/g, "<br style='mso-data-placement:same-cell;'>")}</td>`).join('\n')}\n </tr>`)
    .join('\n')
  return `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<link id=Main-File rel=Main-File href="file:///C:/Users/zhang/AppData/Local/Temp/msohtmlclip1/01/clip.htm">
<style>
<!--table {mso-displayed-decimal-separator:"\\."; mso-displayed-thousand-separator:"\\,";}
.xl65 {mso-style-parent:style0; font-family:宋体; mso-font-charset:134; border:.5pt solid windowtext; white-space:normal;}
-->
</style>
</head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 width=${72 * width} style='border-collapse:collapse;width:${54 * width}pt'>
<!--StartFragment-->
 <col width=72 span=${width} style='width:54pt'>
${body}
<!--EndFragment-->
</table>
</body>
</html>`
}

/** Excel's text/plain: tab-separated, a cell with a line break quoted. */
export const excelTableText = (rows: readonly (readonly string[])[]): string =>
  rows.map((row) => row.map((cell) => (/[\t\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join('\t')).join('\r\n') + '\r\n'

/** One project's 绩效目标表 as a person copies it from a Word file: its title and the form (merged cells as Word writes them). */
export function wordForm(project: { name: string; code: string; budget: string; indicators: readonly (readonly string[])[] }): { rows: OfficeCell[][]; title: string } {
  const span = (text: string, colspan: number, rowspan?: number): OfficeCell => ({ text, colspan, ...(rowspan ? { rowspan } : {}) })
  return {
    title: `1.${project.name}绩效目标表`,
    rows: [
      [span('216001政法委部门区委政法委员会本级', 8), span('单位：万元', 4)],
      [span('项目编码', 2), span(project.code, 4), span('项目名称', 2), span(project.name, 4)],
      [span('预算规模及资金用途', 2, 2), '预算数', span(project.budget, 2), span('其中：财政资金', 2), project.budget, span('其他资金', 2), span('', 2)],
      [span('用于全区法治宣传活动。', 10)],
      [span('资金支出计划（%）', 2, 2), span('3月底', 3), span('6月底', 3), span('10月底', 2), span('12月底', 2)],
      [span('25%', 3), span('50%', 3), span('75%', 2), span('100%', 2)],
      [span('绩效目标', 2), span('提升群众法治意识。', 10)],
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'].map((h) => span(h, 2)),
      ...project.indicators.map((row, r) => row.map((cell, c) => (c === 0 && r === 0 ? span(cell, 2, project.indicators.length) : span(cell, 2))).filter((_, c) => c > 0 || r === 0)),
    ],
  }
}
