/**
 * Export to the published plain-text layout (the layout `import.ts`
 * reads): one paragraph a line with blank lines between, each table cell on
 * its own tab-prefixed line, blank lines between table rows. 一级 is
 * written once per group of rows (merged cells print empty), 二级 on
 * every row.
 */
import type { DocumentText, ProjectText } from '../../model/document-text'
import { extraColumnsOf } from '../../model/build-document'
import { DETAIL_LABEL, DUTY_PREFIX, EXTRA_HEADER, INDICATOR_HEADER, LABEL, PART_ONE, PART_ONE_NAME, PART_TWO, PART_TWO_NAME, SECTION, TABLE_SUFFIX, TARGET_PREFIX, UNIT_PREFIX } from './layout'

const cells = (...texts: string[]) => texts.map((t) => `\t${t}`)

/** A table row: its cells, then the blank line that ends it. */
const row = (...texts: string[]) => [...cells(...texts), '']

function tableLines(project: ProjectText, number: number): string[] {
  let previousLevel1: string | null = null
  const extras = extraColumnsOf(project.indicators)
  const indicatorRows = project.indicators.flatMap((indicator) => {
    const level1 = indicator.level1 === previousLevel1 ? '' : indicator.level1
    previousLevel1 = indicator.level1
    return row(level1, indicator.level2, indicator.level3, indicator.description, indicator.value, indicator.basis, ...extras.map((key) => indicator[key] ?? ''))
  })
  const details = project.details
  return [
    `${number}.${project.name}${TABLE_SUFFIX}`,
    ...row(`${project.unitCode}${project.unitName}`, `${UNIT_PREFIX}${project.moneyUnit}`),
    ...row(LABEL.code, project.code, LABEL.name, project.name),
    ...(details
      ? [
          ...row(DETAIL_LABEL.department, details.department, DETAIL_LABEL.implementer, details.implementer),
          ...row(DETAIL_LABEL.manager, details.manager, DETAIL_LABEL.period, details.period),
          ...row(DETAIL_LABEL.periodGoal, details.periodGoal),
        ]
      : []),
    ...row(LABEL.budgetRow, LABEL.total, project.budgetTotal, LABEL.fiscal, project.budgetFiscal, LABEL.other, project.budgetOther),
    ...row('', project.usage),
    ...row(LABEL.spendingRow, ...project.spendingPlan.map((e) => e.label)),
    ...row('', ...project.spendingPlan.map((e) => e.percent)),
    ...row(LABEL.goalRow, project.goal),
    '',
    ...row(...INDICATOR_HEADER, ...extras.map((key) => EXTRA_HEADER[key])),
    ...indicatorRows,
    '',
  ]
}

const paragraphsOf = (texts: string[]) => texts.flatMap((t) => [t, ''])

export function exportPublishedText(doc: DocumentText): string {
  return [
    doc.title,
    doc.subtitle,
    doc.preparedBy,
    doc.reviewedBy,
    PART_ONE,
    PART_ONE_NAME,
    SECTION.goals,
    ...paragraphsOf(doc.goals),
    SECTION.subGoals,
    '',
    ...doc.subGoals.flatMap((g) => paragraphsOf([g.title, `${DUTY_PREFIX}${g.duty}`, `${TARGET_PREFIX}${g.target}`])),
    SECTION.safeguards,
    ...paragraphsOf(doc.safeguards),
    PART_TWO,
    PART_TWO_NAME,
    ...doc.projects.flatMap((p, i) => tableLines(p, i + 1)),
  ].join('\n')
}
