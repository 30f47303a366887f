/**
 * A standalone, printable HTML page of a 绩效文本: one file with its own
 * styles, A4 print margins, each 绩效目标表 a table on the published form's
 * layout with 一级/二级 merged down their rows (rowspan), rows that do not
 * break across pages, page numbers at the foot. Printed to PDF by the
 * browser (打印 → 另存为 PDF), it is the PDF a department hands in. The
 * agreed text only (no pending suggestions).
 */
import type { DocumentText, IndicatorText, ProjectText } from '../../model/document-text'
import { DUTY_PREFIX, INDICATOR_HEADER, LABEL, PART_ONE, PART_ONE_NAME, PART_TWO, PART_TWO_NAME, SECTION, TABLE_SUFFIX, TARGET_PREFIX, UNIT_PREFIX } from '../published-text/layout'

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

const td = (text: string, attrs = '') => `<td${attrs}>${escape(text)}</td>`
const th = (text: string, attrs = '') => `<th${attrs}>${escape(text)}</th>`

/** How many rows from `i` share the value of `key` (what the merged cell spans); 0 when row `i` continues the one above. */
function runLength(rows: IndicatorText[], i: number, same: (a: IndicatorText, b: IndicatorText) => boolean): number {
  if (i > 0 && same(rows[i - 1]!, rows[i]!)) return 0
  let n = 1
  while (i + n < rows.length && same(rows[i + n - 1]!, rows[i + n]!)) n++
  return n
}

const sameLevel1 = (a: IndicatorText, b: IndicatorText) => a.level1 !== '' && a.level1 === b.level1
const sameLevel2 = (a: IndicatorText, b: IndicatorText) => sameLevel1(a, b) && a.level2 !== '' && a.level2 === b.level2

function indicatorRows(rows: IndicatorText[]): string {
  return rows
    .map((r, i) => {
      const span1 = runLength(rows, i, sameLevel1)
      const span2 = runLength(rows, i, sameLevel2)
      const merged = (text: string, span: number) => (span === 0 ? '' : td(text, span > 1 ? ` rowspan="${span}" class="c"` : ' class="c"'))
      return `<tr>${merged(r.level1, span1)}${merged(r.level2, span2)}${td(r.level3)}${td(r.description)}${td(r.value, ' class="c"')}${td(r.basis)}</tr>`
    })
    .join('\n')
}

function table(project: ProjectText, number: number): string {
  const plan = project.spendingPlan
  const planSpan = (i: number) => (i === plan.length - 1 ? 5 - (plan.length - 1) : 1)
  return `<h3>${number}.${escape(project.name)}${TABLE_SUFFIX}</h3>
<table>
<colgroup><col style="width:14%"><col style="width:14%"><col style="width:18%"><col style="width:20%"><col style="width:16%"><col style="width:18%"></colgroup>
<tr>${td(`${project.unitCode}${project.unitName}`, ' colspan="4" class="plain"')}${td(`${UNIT_PREFIX}${project.moneyUnit}`, ' colspan="2" class="plain r"')}</tr>
<tr>${th(LABEL.code)}${td(project.code, ' colspan="2"')}${th(LABEL.name)}${td(project.name, ' colspan="2"')}</tr>
<tr>${th(LABEL.budgetRow, ' rowspan="2"')}${td(`${LABEL.total}：${project.budgetTotal}`)}${td(`其中：财政资金：${project.budgetFiscal}`, ' colspan="2"')}${td(`${LABEL.other}：${project.budgetOther}`, ' colspan="2"')}</tr>
<tr>${td(project.usage, ' colspan="5"')}</tr>
<tr>${th(LABEL.spendingRow, ' rowspan="2"')}${plan.map((e, i) => th(e.label, planSpan(i) > 1 ? ` colspan="${planSpan(i)}"` : '')).join('')}</tr>
<tr>${plan.map((e, i) => td(e.percent, planSpan(i) > 1 ? ` colspan="${planSpan(i)}" class="c"` : ' class="c"')).join('')}</tr>
<tr>${th(LABEL.goalRow)}${td(project.goal, ' colspan="5"')}</tr>
<tr>${INDICATOR_HEADER.map((h) => th(h)).join('')}</tr>
${indicatorRows(project.indicators)}
</table>`
}

const STYLE = `
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
td.c { text-align: center; } td.r { text-align: right; } td.plain { border: none; }
`

export function exportHtml(doc: DocumentText): string {
  const paragraphs = (texts: string[]) => texts.map((t) => `<p>${escape(t)}</p>`).join('\n')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(`${doc.title}${doc.subtitle}`)}</title><style>${STYLE}</style></head>
<body>
<h1>${escape(doc.title)}</h1>
<h1>${escape(doc.subtitle)}</h1>
<div class="centre">${escape(doc.preparedBy)}</div>
<div class="centre">${escape(doc.reviewedBy)}</div>
<h2>${PART_ONE}<br>${PART_ONE_NAME}</h2>
<h4>${SECTION.goals}</h4>
${paragraphs(doc.goals)}
<h4>${SECTION.subGoals}</h4>
${doc.subGoals.map((g) => `<h5>${escape(g.title)}</h5>\n${paragraphs([`${DUTY_PREFIX}${g.duty}`, `${TARGET_PREFIX}${g.target}`])}`).join('\n')}
<h4>${SECTION.safeguards}</h4>
${paragraphs(doc.safeguards)}
<h2>${PART_TWO}<br>${PART_TWO_NAME}</h2>
${doc.projects.map((p, i) => table(p, i + 1)).join('\n')}
</body></html>
`
}
