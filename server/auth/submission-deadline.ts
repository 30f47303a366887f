/**
 * A document's 报送 deadline: the earliest deadline any finance bureau
 * reviewing its department set for its budget year. Overdue while the
 * department still holds the document (编制中, 退回修改) after that day.
 */
import { mayEditDirectly, type Status } from '@shared/review/workflow'
import type { OrgStore } from '../storage/org-store'

export interface SubmissionDeadline {
  dueAt: number
  overdue: boolean
}

export async function submissionDeadline(orgs: OrgStore, docId: string, year: number | null, status: Status, now = Date.now()): Promise<SubmissionDeadline | null> {
  const department = await orgs.documentOrg(docId)
  if (department === undefined || year === null) return null
  let dueAt: number | null = null
  for (const bureau of (await orgs.orgs()).filter((o) => o.kind === 'finance')) {
    if (!(await orgs.assignments({ financeOrgId: bureau.id })).some((a) => a.departmentOrgId === department)) continue
    const due = (await orgs.deadlines(bureau.id)).find((d) => d.year === year)?.dueAt
    if (due !== undefined && (dueAt === null || due < dueAt)) dueAt = due
  }
  return dueAt === null ? null : { dueAt, overdue: now > dueAt && mayEditDirectly(status) }
}
