/**
 * The port organisations are stored through: departments (部门) and the
 * finance bureau (财政局), their members with an organisation role, the
 * bureau's reviewers assigned to departments, and which department a
 * document belongs to. Who may open which document follows from these
 * (`server/auth/document-permissions.ts`); per-document sharing stays for
 * exceptions and viewers.
 */
import type { OrgKind, OrgRole } from '@shared/protocol/org-role'

export { ORG_KIND_LABEL, ORG_ROLE_LABEL, isOrgKind, isOrgRole, type OrgKind, type OrgRole } from '@shared/protocol/org-role'

export interface Org {
  id: number
  name: string
  kind: OrgKind
  code: string
}

export interface OrgMember {
  userId: number
  name: string
  displayName: string
  role: OrgRole
}

export interface Assignment {
  financeOrgId: number
  departmentOrgId: number
  userId: number
}

/**
 * An organisation's 管理员 asking an existing account to join: the person
 * becomes a member only by accepting it (an admin cannot pull in, and then
 * manage, an account whose home is elsewhere). One per organisation and
 * person; inviting again replaces it.
 */
export interface Invitation {
  id: number
  orgId: number
  userId: number
  role: OrgRole
  /** Who invited (null once that account is removed). */
  invitedBy: number | null
  at: number
}

export type AssignmentFilter = { financeOrgId: number } | { departmentOrgId: number } | { userId: number }

export interface OrgStore {
  /** Rejects with OrgExistsError when the name is taken. */
  addOrg(org: Omit<Org, 'id'>): Promise<Org>
  orgs(): Promise<Org[]>
  orgByName(name: string): Promise<Org | undefined>
  orgById(id: number): Promise<Org | undefined>
  /** null removes the membership. */
  setMember(orgId: number, userId: number, role: OrgRole | null): Promise<void>
  members(orgId: number): Promise<OrgMember[]>
  membershipsOf(userId: number): Promise<{ orgId: number; role: OrgRole }[]>
  setAssignment(assignment: Assignment, assigned: boolean): Promise<void>
  /** A finance organisation's assignments, a department's reviewers, or the departments a user reviews. */
  assignments(filter: AssignmentFilter): Promise<Assignment[]>
  /** null: the document belongs to no organisation. */
  setDocumentOrg(docId: string, orgId: number | null): Promise<void>
  documentOrg(docId: string): Promise<number | undefined>
  documentsOf(orgId: number): Promise<string[]>
  invite(invitation: Omit<Invitation, 'id'>): Promise<Invitation>
  /** The user's open invitations, oldest first. */
  invitationsOf(userId: number): Promise<Invitation[]>
  /** The organisation's open invitations, oldest first. */
  invitationsTo(orgId: number): Promise<Invitation[]>
  /**
   * Takes the organisation's invitation `id` away unanswered (its 管理员
   * withdrawing it): the invitee can no longer accept it. Undefined when the
   * organisation has no such open invitation (answered, withdrawn, or
   * another organisation's).
   */
  withdrawInvitation(id: number, orgId: number): Promise<Invitation | undefined>
  /**
   * Takes the user's invitation `id` away, making them a member with its
   * role when `accept` — at once, in one step. Undefined when the user has
   * no such invitation.
   */
  answerInvitation(id: number, userId: number, accept: boolean): Promise<Invitation | undefined>
  /** The bureau's 报送 deadline for a budget year (milliseconds; null removes it). */
  setDeadline(financeOrgId: number, year: number, dueAt: number | null): Promise<void>
  deadlines(financeOrgId: number): Promise<Deadline[]>
}

export interface Deadline {
  year: number
  dueAt: number
}

export class OrgExistsError extends Error {
  override readonly name = 'OrgExistsError'
  constructor(readonly orgName: string) {
    super(`组织已存在：${orgName}`)
  }
}
