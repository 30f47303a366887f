/**
 * 按年度合计: the bureau's money per year is each department's budget once.
 * A department may hold several targets documents of one year (the approved
 * one and an imported copy, a draft restarted beside it); adding them all
 * would count its budget twice without anyone seeing it. So per department
 * and year one document counts — the approved one if any, else the one
 * furthest along the workflow, else the last changed — and the others are
 * named as left out, with the one that counted instead.
 */
import { ledger } from '@shared/model/amounts'
import { STATUS } from '@shared/review/workflow'

/** What the choice reads of a targets document's dashboard row. */
export interface TargetsRow {
  department: string
  id: string
  title: string
  year: number | null
  status: string
  lastChange: number
  total: number
  /** Projects whose 预算数 the total could not read. */
  leftOut: number
  approvedAt: number | null
}

/** A document of a department's year that is not in the total, and the one counted instead. */
export interface LeftOut {
  department: string
  id: string
  title: string
  countedId: string
  countedTitle: string
}

export interface YearTotal {
  year: string
  /** 预算合计 of the counted documents, in 万元. */
  total: number
  /** Documents counted: one per department. */
  documents: number
  /** Of those, the approved ones. */
  approved: number
  /** Projects of the counted documents whose 预算数 the total could not read. */
  projectsLeftOut: number
  leftOut: LeftOut[]
}

/** How far along the workflow: approved counts before one under review, and so on down to a draft. */
const ADVANCE: Readonly<Record<string, number>> = {
  [STATUS.approved]: 4,
  [STATUS.reviewing]: 3,
  [STATUS.submitted]: 2,
  [STATUS.returned]: 1,
  [STATUS.drafting]: 0,
}

const yearKey = (year: number | null) => String(year ?? '未注明')

/** Whether `a` is the one to count rather than `b`: approved (the later approval), then furthest along, then last changed. */
function countsBefore(a: TargetsRow, b: TargetsRow): boolean {
  const approved = (r: TargetsRow) => (r.approvedAt === null ? -1 : r.approvedAt)
  if (approved(a) !== approved(b)) return approved(a) > approved(b)
  const advance = (r: TargetsRow) => ADVANCE[r.status] ?? -1
  if (advance(a) !== advance(b)) return advance(a) > advance(b)
  return a.lastChange > b.lastChange
}

/** The ids of the targets documents that count, one per department and year. */
export function countedTargets(rows: readonly TargetsRow[]): Set<string> {
  const chosen = new Map<string, TargetsRow>()
  for (const row of rows) {
    const key = `${row.department}\u0000${yearKey(row.year)}`
    const held = chosen.get(key)
    if (!held || countsBefore(row, held)) chosen.set(key, row)
  }
  return new Set([...chosen.values()].map((r) => r.id))
}

/** Per year (in the rows' order of first appearance): the counted documents' money and counts, and those left out. */
export function yearTotals(rows: readonly TargetsRow[]): YearTotal[] {
  const counted = countedTargets(rows)
  const countedOf = new Map(rows.filter((r) => counted.has(r.id)).map((r) => [`${r.department}\u0000${yearKey(r.year)}`, r]))
  const years = new Map<string, YearTotal>()
  for (const row of rows) {
    const year = yearKey(row.year)
    const y = years.get(year) ?? { year, total: 0, documents: 0, approved: 0, projectsLeftOut: 0, leftOut: [] }
    if (counted.has(row.id)) {
      years.set(year, { ...y, total: ledger(y.total + row.total), documents: y.documents + 1, approved: y.approved + (row.approvedAt ? 1 : 0), projectsLeftOut: y.projectsLeftOut + row.leftOut })
    } else {
      const instead = countedOf.get(`${row.department}\u0000${year}`)!
      years.set(year, { ...y, leftOut: [...y.leftOut, { department: row.department, id: row.id, title: row.title, countedId: instead.id, countedTitle: instead.title }] })
    }
  }
  return [...years.values()]
}
