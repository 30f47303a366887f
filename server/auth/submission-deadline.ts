/**
 * A document's 报送 deadline: the earliest deadline any finance bureau
 * reviewing its department set for its budget year. Overdue while the
 * department still holds the document (编制中, 退回修改) after that day.
 *
 * The bureau sets it for the year's targets (部门预算绩效文本). A 运行监控 or
 * 自评 of the same year is due at another time of year, which the bureau
 * cannot yet set: it has no deadline rather than the targets' one (a
 * 监控 made in June read "已逾期" by the targets' March deadline).
 */
import type * as Y from 'yjs'
import type { SubmissionDeadline } from '@shared/api/http-api'
import type { DocumentKind } from '@shared/model/document-kind'
import { documentKindOf, yearOf } from '@shared/model/y-document'
import { mayEditDirectly, statusOf, type Status } from '@shared/review/workflow'
import type { OrgStore } from '../storage/org-store'

export type { SubmissionDeadline }

/** What of a document its deadline depends on. */
export interface DeadlineFacts {
  kind: DocumentKind
  year: number | null
  status: Status
}

export const deadlineFacts = (ydoc: Y.Doc): DeadlineFacts => ({ kind: documentKindOf(ydoc), year: yearOf(ydoc), status: statusOf(ydoc) })

/** A department's deadlines by budget year: the earliest of the bureaus that review it. */
export async function departmentDeadlines(orgs: OrgStore, departmentOrgId: number): Promise<Map<number, number>> {
  const byYear = new Map<number, number>()
  const bureaus = new Set((await orgs.assignments({ departmentOrgId })).map((a) => a.financeOrgId))
  for (const bureau of bureaus) {
    for (const { year, dueAt } of await orgs.deadlines(bureau)) byYear.set(year, Math.min(byYear.get(year) ?? dueAt, dueAt))
  }
  return byYear
}

export function deadlineOf(deadlines: ReadonlyMap<number, number>, { kind, year, status }: DeadlineFacts, now = Date.now()): SubmissionDeadline | null {
  const dueAt = kind !== 'targets' || year === null ? undefined : deadlines.get(year)
  return dueAt === undefined ? null : { dueAt, overdue: now > dueAt && mayEditDirectly(status) }
}

export async function submissionDeadline(orgs: OrgStore, docId: string, facts: DeadlineFacts): Promise<SubmissionDeadline | null> {
  const department = await orgs.documentOrg(docId)
  return department === undefined ? null : deadlineOf(await departmentDeadlines(orgs, department), facts)
}
