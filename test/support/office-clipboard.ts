/**
 * Clipboard contents shaped as Office puts them there when a person copies
 * a table: Word's HTML (`MsoTableGrid`, a `MsoNormal` paragraph per line of a
 * cell, `mso-` styles, merged cells as rowspan), Excel's HTML (`xl65`
 * classes, `<col>`s, the fragment comments) with its tab-separated text, and
 * Word's text (cells between tabs, a row a line). For the clipboard readers'
 * unit tests and the paste tests in Chromium alike.
 */

/** A cell: its text (a line a paragraph), or its text and how many rows it spans. */
export type OfficeCell = string | { text: string; rowspan: number }

const escape = (text: string) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)
const textOf = (cell: OfficeCell) => (typeof cell === 'string' ? cell : cell.text)

const wordParagraph = (line: string) =>
  `<p class=MsoNormal align=left style='text-align:left;mso-pagination:widow-orphan'><span style='font-family:宋体;mso-ascii-font-family:"Times New Roman";mso-hansi-font-family:"Times New Roman"'>${escape(line) || `<span lang=EN-US><o:p>&nbsp;</o:p></span>`}</span><span lang=EN-US><o:p></o:p></span></p>`

export function wordTableHtml(rows: readonly (readonly OfficeCell[])[]): string {
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((cell) => {
          const span = typeof cell === 'string' ? '' : ` rowspan=${cell.rowspan}`
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
