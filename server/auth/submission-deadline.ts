/**
 * A document's 报送 deadline: the earliest deadline any finance bureau
 * reviewing its department set for its budget year. Overdue while the
 * department still holds the document (编制中, 退回修改) after that day.
 */
import type { SubmissionDeadline } from '@shared/api/http-api'
import { mayEditDirectly, type Status } from '@shared/review/workflow'
import type { OrgStore } from '../storage/org-store'

export type { SubmissionDeadline }

/** A department's deadlines by budget year: the earliest of the bureaus that review it. */
export async function departmentDeadlines(orgs: OrgStore, departmentOrgId: number): Promise<Map<number, number>> {
  const byYear = new Map<number, number>()
  const bureaus = new Set((await orgs.assignments({ departmentOrgId })).map((a) => a.financeOrgId))
  for (const bureau of bureaus) {
    for (const { year, dueAt } of await orgs.deadlines(bureau)) byYear.set(year, Math.min(byYear.get(year) ?? dueAt, dueAt))
  }
  return byYear
}

export function deadlineOf(deadlines: ReadonlyMap<number, number>, year: number | null, status: Status, now = Date.now()): SubmissionDeadline | null {
  const dueAt = year === null ? undefined : deadlines.get(year)
  return dueAt === undefined ? null : { dueAt, overdue: now > dueAt && mayEditDirectly(status) }
}

export async function submissionDeadline(orgs: OrgStore, docId: string, year: number | null, status: Status): Promise<SubmissionDeadline | null> {
  const department = await orgs.documentOrg(docId)
  return department === undefined ? null : deadlineOf(await departmentDeadlines(orgs, department), year, status)
}
