/**
 * Who reviews which department: the bureau's 管理员 assigns its members to
 * departments, and an assignment counts while its reviewer is still a
 * member of the bureau that made it. Taking someone out of the bureau
 * takes their assignments away (`membershipChange`); one stored before
 * that, or left by the command line, must not keep a former member
 * reviewing. Permissions, the review queue, notifications and the
 * separation of reviewing from writing all ask here.
 */
import type { OrgStore } from '../storage/org-store'

/** The departments `userId` reviews. */
export async function reviewedDepartments(orgs: OrgStore, userId: number): Promise<Set<number>> {
  const [assignments, memberships] = await Promise.all([orgs.assignments({ userId }), orgs.membershipsOf(userId)])
  const bureaus = new Set(memberships.map((m) => m.orgId))
  return new Set(assignments.filter((a) => bureaus.has(a.financeOrgId)).map((a) => a.departmentOrgId))
}

/** The people who review `departmentOrgId`. */
export async function reviewersOf(orgs: OrgStore, departmentOrgId: number): Promise<number[]> {
  const assignments = await orgs.assignments({ departmentOrgId })
  const kept = await Promise.all(assignments.map(async (a) => ((await orgs.membershipsOf(a.userId)).some((m) => m.orgId === a.financeOrgId) ? [a.userId] : [])))
  return [...new Set(kept.flat())]
}
