/**
 * Who may open a document, and as what: the strongest of the rights a
 * person has on it —
 *   - shared with them by name (per-document roles: exceptions, viewers);
 *   - 管理员 or 编制人员 of the department the document belongs to: editor;
 *   - a finance 审核人员 assigned to that department: reviewer
 * — except that whoever reviews a document reviews it, whatever else they
 * hold on it. Reviewing and writing are kept apart (`review-separation.ts`),
 * but data stored before that rule, or a race between two 管理员, may
 * still make the bureau's reviewer a member of the department too: were
 * the editor right to win, she would change figures without track changes
 * and submit the document to her own queue, where nobody could review it.
 * Every HTTP route and every socket asks here, so organisations decide
 * access everywhere at once. Nobody sees another department's documents
 * unless shared.
 *
 * The reviewer role (and with it the review steps) belongs to the finance
 * bureau: a per-document 审核 grant counts only for a member of a finance
 * organisation. Sharing cannot give it any more (`SHARED_ROLES`), but
 * grants stored before that — a department naming its own account, or
 * another department's staff, as reviewer — must not approve anything.
 */
import type { Role } from '@shared/protocol/role'
import type { AccountStore, DocumentAccess } from '../storage/account-store'
import type { OrgStore } from '../storage/org-store'
import { reviewedDepartments } from './assigned-reviewers'

const RANK: Record<Role, number> = { viewer: 1, reviewer: 2, editor: 3 }

const strongest = (...roles: (Role | undefined)[]): Role | undefined =>
  roles.reduce<Role | undefined>((best, role) => (role && (!best || RANK[role] > RANK[best]) ? role : best), undefined)

export class DocumentPermissions {
  constructor(
    private readonly accounts: AccountStore,
    private readonly orgs: OrgStore,
  ) {}

  async roleOf(docId: string, userId: number): Promise<Role | undefined> {
    const [shared, org, bureau] = await Promise.all([this.accounts.roleOf(docId, userId), this.orgs.documentOrg(docId), this.inBureau(userId)])
    if (shared === 'reviewer' && bureau) return 'reviewer'
    if (org === undefined) return shared === 'reviewer' ? undefined : shared
    if ((await reviewedDepartments(this.orgs, userId)).has(org)) return 'reviewer'
    const member = (await this.orgs.membershipsOf(userId)).some((m) => m.orgId === org && (m.role === 'admin' || m.role === 'staff'))
    return strongest(shared === 'reviewer' ? undefined : shared, member ? 'editor' : undefined)
  }

  /**
   * Whether the user is a 管理员 of the department the document belongs to: they act as its owner (delete, share),
   * the department's document being theirs to look after whoever made it — its maker may have left.
   */
  async administers(docId: string, userId: number): Promise<boolean> {
    const org = await this.orgs.documentOrg(docId)
    return org !== undefined && (await this.orgs.membershipsOf(userId)).some((m) => m.orgId === org && m.role === 'admin')
  }

  /** The documents of the departments the user is a 管理员 of (`administers`, for a whole list at once). */
  async administeredDocuments(userId: number): Promise<Set<string>> {
    const admin = (await this.orgs.membershipsOf(userId)).filter((m) => m.role === 'admin')
    return new Set((await Promise.all(admin.map((m) => this.orgs.documentsOf(m.orgId)))).flat())
  }

  /** Whether the user belongs to a finance organisation, the only people a per-document 审核 grant counts for. */
  async inBureau(userId: number): Promise<boolean> {
    const kinds = await Promise.all((await this.orgs.membershipsOf(userId)).map(async (m) => (await this.orgs.orgById(m.orgId))?.kind))
    return kinds.includes('finance')
  }

  /** Every document the user may open, with their strongest role on it (the reviewer's where they review it). */
  async rolesOfUser(userId: number): Promise<DocumentAccess[]> {
    const best = new Map<string, Role>()
    const reviewing = new Set<string>()
    const grant = (docId: string, role: Role) => best.set(docId, strongest(best.get(docId), role)!)
    const bureau = await this.inBureau(userId)
    for (const { docId, role } of await this.accounts.rolesOfUser(userId)) {
      if (role === 'reviewer') {
        if (bureau) reviewing.add(docId)
      } else grant(docId, role)
    }
    for (const { orgId, role } of await this.orgs.membershipsOf(userId)) {
      if (role === 'admin' || role === 'staff') for (const docId of await this.orgs.documentsOf(orgId)) grant(docId, 'editor')
    }
    for (const departmentOrgId of await reviewedDepartments(this.orgs, userId)) {
      for (const docId of await this.orgs.documentsOf(departmentOrgId)) reviewing.add(docId)
    }
    for (const docId of reviewing) best.set(docId, 'reviewer')
    return [...best].map(([docId, role]) => ({ docId, role }))
  }
}
