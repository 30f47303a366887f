/**
 * Projects imported into a document must be for its year: a 2023 form
 * added to a 2022 document is a wrong figure nobody sees, so importing
 * says so (the import itself goes ahead: moving a form between years is
 * sometimes what is meant).
 */
import type { DocumentText } from '../model/document-text'
import { parseYear } from '../model/numbers'

/** 项目编码: 6-digit region, 2-digit year, P… */
const CODE_YEAR = /^\d{6}(\d{2})P/

/** The year a file's tables are for: its title's, else the one its 项目编码 agree on; null when it says none. */
export function yearOfText(text: DocumentText): number | null {
  const titled = parseYear(text.subtitle)
  if (titled !== null) return titled
  const years = new Set(text.projects.flatMap((p) => (CODE_YEAR.exec(p.code.trim()) ? [2000 + Number(CODE_YEAR.exec(p.code.trim())![1])] : [])))
  return years.size === 1 ? [...years][0]! : null
}

/** The warning for projects of `imported` added to `into`, when their years differ; null when they agree or either is unknown. */
export function yearMismatch(imported: DocumentText, into: DocumentText): string | null {
  const from = yearOfText(imported)
  const to = yearOfText(into)
  if (from === null || to === null || from === to) return null
  return `导入的绩效目标表是 ${from} 年度的，本文档是 ${to} 年度：请核对是否导入了其他年度的表`
}
