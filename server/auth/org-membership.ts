/**
 * What an organisation's 管理员 setting someone's role does. A member's
 * role changes at once, and a member can be taken out. Someone not (yet) a
 * member is only invited: they join when they accept
 * (`OrgStore.answerInvitation`). So no 管理员 can pull in an account whose
 * home is elsewhere — a viewer shared by name, an account the CLI made,
 * someone removed from their department — and then manage it (reset its
 * password, read what it may read). An unknown login name is answered as
 * an invitation too, so that the answer does not tell which names exist.
 * Someone taken out of the bureau reviews for it no more: their
 * assignments to departments go with the membership (`setMembership`).
 */
import type { OrgRole, OrgStore } from '../storage/org-store'

export interface MembershipChange {
  orgId: number
  /** undefined: no such account. */
  userId: number | undefined
  role: OrgRole | null
  by: number
  at: number
}

export async function membershipChange(orgs: OrgStore, { orgId, userId, role, by, at }: MembershipChange): Promise<'changed' | 'invited'> {
  const member = userId !== undefined && (await orgs.membershipsOf(userId)).some((m) => m.orgId === orgId)
  if (member || role === null) {
    if (member) await setMembership(orgs, orgId, userId, role)
    return 'changed'
  }
  if (userId !== undefined) await orgs.invite({ orgId, userId, role, invitedBy: by, at })
  return 'invited'
}

/** Sets a member's role (null: out); out of a bureau, out of the departments it had them review. */
export async function setMembership(orgs: OrgStore, orgId: number, userId: number, role: OrgRole | null): Promise<void> {
  await orgs.setMember(orgId, userId, role)
  if (role !== null) return
  for (const assignment of await orgs.assignments({ userId })) if (assignment.financeOrgId === orgId) await orgs.setAssignment(assignment, false)
}
