/**
 * Every finding of a document, the one set the editor, /checks, the
 * review queue, the dashboard and `check ID` all count: its kind's checks
 * (the registry dispatches), figures two people's typing merged, and, for next year's draft of targets whose
 * predecessor has an approved 自评, the 结果应用 checks against it. A place
 * that lists or counts findings calls this, so no two places disagree on
 * what a document has.
 */
import type { Finding, Severity } from '../checks/finding'
import { resultsApplication } from '../checks/results-application'
import { mergedFigureFindings } from '../checks/rules/merged-figures'
import { sortFindings } from '../checks/run-checks'
import type { BudgetDocument } from '../model/budget-document'
import { modelFromText } from '../model/derive-model'
import type { DocumentText } from '../model/document-text'
import type { LastYearResult } from '../self-evaluation/last-year-result'
import { kindOf } from './registry'

/** What a document's findings depend on beyond its own text. */
export interface FindingContext {
  /** 结果应用: last year's approved 自评 of the draft's predecessor (absent or empty: none). */
  lastYear?: readonly LastYearResult[] | undefined
}

/**
 * The findings of `text` in `context`, sorted. `own`: the kind's findings
 * when the caller has them already (the editor checks a targets document
 * incrementally, table by table), sorted as `sortFindings` does; `model`: the targets model when derived
 * already (it is `modelFromText(text)`).
 */
export function documentFindings(
  text: DocumentText,
  context: FindingContext = {},
  known: { own?: Finding[]; model?: BudgetDocument } = {},
): Finding[] {
  const kind = kindOf(text)
  const kindFindings = known.own ?? kind.checks(text)
  // Figures two people's typing merged: in every kind, read with the text (none from a file). Such a cell's
  // other finding ("not a number", say) is a symptom of the merge: the cell shows the merge alone.
  const merged = mergedFigureFindings(text)
  const mergedCells = new Set(merged.filter((_, i) => text.mergedFigures![i]!.entry === null).map(cellOf))
  const own = merged.length === 0 ? kindFindings : sortFindings([...kindFindings.filter((f) => !mergedCells.has(cellOf(f))), ...merged])
  const lastYear = context.lastYear ?? []
  // 结果应用 judges next year's targets; a 监控 or 自评 carries approved targets, judged when they were approved.
  if (kind.id !== 'targets' || lastYear.length === 0) return own
  return sortFindings([...own, ...resultsApplication(known.model ?? modelFromText(text), lastYear)])
}

/** The cell a finding leads to. A 资金支出计划 entry's findings share one field (the entry is named in the message alone), so those are never taken for one cell. */
const cellOf = (f: Finding): string => (f.field === null ? `whole:${f.rule}` : `${f.project}/${f.indicator}/${f.field}`)

export type FindingCounts = Record<Severity, number>

/** How many findings of each severity (what the queue and the dashboard show). */
export function findingCounts(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  return counts
}
