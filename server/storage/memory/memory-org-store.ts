/** Organisations in memory: for tests and the contract suite. */
import { OrgExistsError, type Assignment, type AssignmentFilter, type Deadline, type Invitation, type Org, type OrgMember, type OrgRole, type OrgStore } from '../org-store'
import type { AccountStore } from '../account-store'

export class MemoryOrgStore implements OrgStore {
  private readonly list: Org[] = []
  private readonly memberships = new Map<number, Map<number, OrgRole>>()
  private assigned: Assignment[] = []
  private readonly docOrgs = new Map<string, number>()
  private readonly dues = new Map<string, number>()
  private invitations: Invitation[] = []
  private lastInvitation = 0

  constructor(private readonly accounts: AccountStore) {}

  async addOrg(org: Omit<Org, 'id'>): Promise<Org> {
    if (this.list.some((o) => o.name === org.name)) throw new OrgExistsError(org.name)
    const stored = { ...org, id: this.list.length + 1 }
    this.list.push(stored)
    return { ...stored }
  }

  async orgs(): Promise<Org[]> {
    return this.list.map((o) => ({ ...o }))
  }

  async orgByName(name: string): Promise<Org | undefined> {
    const org = this.list.find((o) => o.name === name)
    return org && { ...org }
  }

  async orgById(id: number): Promise<Org | undefined> {
    const org = this.list.find((o) => o.id === id)
    return org && { ...org }
  }

  async setMember(orgId: number, userId: number, role: OrgRole | null): Promise<void> {
    const members = this.memberships.get(orgId) ?? new Map<number, OrgRole>()
    if (role === null) members.delete(userId)
    else members.set(userId, role)
    this.memberships.set(orgId, members)
  }

  async members(orgId: number): Promise<OrgMember[]> {
    const found: OrgMember[] = []
    for (const [userId, role] of this.memberships.get(orgId) ?? []) {
      const user = await this.accounts.userById(userId)
      if (user) found.push({ userId, name: user.name, displayName: user.displayName, role })
    }
    return found.sort((a, b) => a.userId - b.userId)
  }

  async membershipsOf(userId: number): Promise<{ orgId: number; role: OrgRole }[]> {
    return [...this.memberships].flatMap(([orgId, members]) => (members.has(userId) ? [{ orgId, role: members.get(userId)! }] : []))
  }

  async setAssignment(assignment: Assignment, assigned: boolean): Promise<void> {
    const same = (a: Assignment) => a.financeOrgId === assignment.financeOrgId && a.departmentOrgId === assignment.departmentOrgId && a.userId === assignment.userId
    this.assigned = this.assigned.filter((a) => !same(a))
    if (assigned) this.assigned.push({ ...assignment })
  }

  async assignments(filter: AssignmentFilter): Promise<Assignment[]> {
    const matches = (a: Assignment) =>
      'financeOrgId' in filter ? a.financeOrgId === filter.financeOrgId : 'departmentOrgId' in filter ? a.departmentOrgId === filter.departmentOrgId : a.userId === filter.userId
    return this.assigned.filter(matches).map((a) => ({ ...a }))
  }

  async setDocumentOrg(docId: string, orgId: number | null): Promise<void> {
    if (orgId === null) this.docOrgs.delete(docId)
    else this.docOrgs.set(docId, orgId)
  }

  async documentOrg(docId: string): Promise<number | undefined> {
    return this.docOrgs.get(docId)
  }

  async documentsOf(orgId: number): Promise<string[]> {
    return [...this.docOrgs].flatMap(([docId, org]) => (org === orgId ? [docId] : []))
  }

  async setDeadline(financeOrgId: number, year: number, dueAt: number | null): Promise<void> {
    if (dueAt === null) this.dues.delete(`${financeOrgId}:${year}`)
    else this.dues.set(`${financeOrgId}:${year}`, dueAt)
  }

  async deadlines(financeOrgId: number): Promise<Deadline[]> {
    return [...this.dues].flatMap(([key, dueAt]) => {
      const [org, year] = key.split(':').map(Number) as [number, number]
      return org === financeOrgId ? [{ year, dueAt }] : []
    }).sort((a, b) => a.year - b.year)
  }

  async invite(invitation: Omit<Invitation, 'id'>): Promise<Invitation> {
    this.invitations = this.invitations.filter((i) => i.orgId !== invitation.orgId || i.userId !== invitation.userId)
    const stored = { ...invitation, id: ++this.lastInvitation }
    this.invitations.push(stored)
    return { ...stored }
  }

  async invitationsOf(userId: number): Promise<Invitation[]> {
    return this.invitations.filter((i) => i.userId === userId).sort((a, b) => a.at - b.at || a.id - b.id).map((i) => ({ ...i }))
  }

  async invitationsTo(orgId: number): Promise<Invitation[]> {
    return this.invitations.filter((i) => i.orgId === orgId).sort((a, b) => a.at - b.at || a.id - b.id).map((i) => ({ ...i }))
  }

  async withdrawInvitation(id: number, orgId: number): Promise<Invitation | undefined> {
    const taken = this.invitations.find((i) => i.id === id && i.orgId === orgId)
    this.invitations = this.invitations.filter((i) => i !== taken)
    return taken && { ...taken }
  }

  async answerInvitation(id: number, userId: number, accept: boolean): Promise<Invitation | undefined> {
    const taken = this.invitations.find((i) => i.id === id && i.userId === userId)
    if (!taken) return undefined
    this.invitations = this.invitations.filter((i) => i !== taken)
    if (accept) await this.setMember(taken.orgId, taken.userId, taken.role)
    return { ...taken }
  }
}
