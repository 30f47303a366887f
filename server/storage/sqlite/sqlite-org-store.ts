/** Organisations on the embedded SQLite database. */
import { storageWork } from '../storage-error'
import { OrgExistsError, type Assignment, type AssignmentFilter, type Deadline, type Invitation, type Org, type OrgMember, type OrgRole, type OrgStore } from '../org-store'
import type { Db } from './sqlite-database'

const INVITATION = 'id, org_id AS orgId, user_id AS userId, role, invited_by AS invitedBy, at'
const ASSIGNMENT = 'finance_org_id AS financeOrgId, department_org_id AS departmentOrgId, user_id AS userId'

export class SqliteOrgStore implements OrgStore {
  private readonly statements
  private readonly answer: (id: number, userId: number, accept: boolean) => Invitation | undefined

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare('INSERT INTO orgs (name, kind, code) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING'),
      all: db.prepare('SELECT id, name, kind, code FROM orgs ORDER BY id'),
      byName: db.prepare('SELECT id, name, kind, code FROM orgs WHERE name = ?'),
      byId: db.prepare('SELECT id, name, kind, code FROM orgs WHERE id = ?'),
      setMember: db.prepare('INSERT INTO org_members (org_id, user_id, role) VALUES (?, ?, ?) ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role'),
      removeMember: db.prepare('DELETE FROM org_members WHERE org_id = ? AND user_id = ?'),
      members: db.prepare('SELECT m.user_id AS userId, u.name, u.display_name AS displayName, m.role FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = ? ORDER BY m.user_id'),
      membershipsOf: db.prepare('SELECT org_id AS orgId, role FROM org_members WHERE user_id = ? ORDER BY org_id'),
      assign: db.prepare('INSERT INTO org_assignments (finance_org_id, department_org_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      unassign: db.prepare('DELETE FROM org_assignments WHERE finance_org_id = ? AND department_org_id = ? AND user_id = ?'),
      assignmentsOfFinance: db.prepare(`SELECT ${ASSIGNMENT} FROM org_assignments WHERE finance_org_id = ? ORDER BY department_org_id, user_id`),
      assignmentsOfDepartment: db.prepare(`SELECT ${ASSIGNMENT} FROM org_assignments WHERE department_org_id = ? ORDER BY finance_org_id, user_id`),
      assignmentsOfUser: db.prepare(`SELECT ${ASSIGNMENT} FROM org_assignments WHERE user_id = ? ORDER BY department_org_id`),
      setDocOrg: db.prepare('INSERT INTO doc_orgs (doc_id, org_id) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET org_id = excluded.org_id'),
      removeDocOrg: db.prepare('DELETE FROM doc_orgs WHERE doc_id = ?'),
      docOrg: db.prepare('SELECT org_id AS orgId FROM doc_orgs WHERE doc_id = ?'),
      docsOf: db.prepare('SELECT doc_id AS docId FROM doc_orgs WHERE org_id = ? ORDER BY doc_id'),
      setDeadline: db.prepare('INSERT INTO org_deadlines (finance_org_id, year, due_at) VALUES (?, ?, ?) ON CONFLICT (finance_org_id, year) DO UPDATE SET due_at = excluded.due_at'),
      removeDeadline: db.prepare('DELETE FROM org_deadlines WHERE finance_org_id = ? AND year = ?'),
      deadlines: db.prepare('SELECT year, due_at AS dueAt FROM org_deadlines WHERE finance_org_id = ? ORDER BY year'),
      invite: db.prepare(
        `INSERT INTO org_invitations (org_id, user_id, role, invited_by, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, invited_by = excluded.invited_by, at = excluded.at RETURNING ${INVITATION}`,
      ),
      invitationsOf: db.prepare(`SELECT ${INVITATION} FROM org_invitations WHERE user_id = ? ORDER BY at, id`),
      invitationsTo: db.prepare(`SELECT ${INVITATION} FROM org_invitations WHERE org_id = ? ORDER BY at, id`),
      withdrawInvitation: db.prepare(`DELETE FROM org_invitations WHERE id = ? AND org_id = ? RETURNING ${INVITATION}`),
      takeInvitation: db.prepare(`DELETE FROM org_invitations WHERE id = ? AND user_id = ? RETURNING ${INVITATION}`),
    }
    this.answer = db.transaction((id: number, userId: number, accept: boolean) => {
      const taken = this.statements.takeInvitation.get(id, userId) as Invitation | undefined
      if (taken && accept) this.statements.setMember.run(taken.orgId, taken.userId, taken.role)
      return taken
    })
  }

  async addOrg(org: Omit<Org, 'id'>): Promise<Org> {
    return this.run('创建组织', () => {
      if (this.statements.insert.run(org.name, org.kind, org.code).changes === 0) throw new OrgExistsError(org.name)
      return this.statements.byName.get(org.name) as Org
    })
  }

  async orgs(): Promise<Org[]> {
    return this.run('读取组织', () => this.statements.all.all() as Org[])
  }

  async orgByName(name: string): Promise<Org | undefined> {
    return this.run('读取组织', () => this.statements.byName.get(name) as Org | undefined)
  }

  async orgById(id: number): Promise<Org | undefined> {
    return this.run('读取组织', () => this.statements.byId.get(id) as Org | undefined)
  }

  async setMember(orgId: number, userId: number, role: OrgRole | null): Promise<void> {
    this.run('设置组织成员', () => (role === null ? this.statements.removeMember.run(orgId, userId) : this.statements.setMember.run(orgId, userId, role)))
  }

  async members(orgId: number): Promise<OrgMember[]> {
    return this.run('读取组织成员', () => this.statements.members.all(orgId) as OrgMember[])
  }

  async membershipsOf(userId: number): Promise<{ orgId: number; role: OrgRole }[]> {
    return this.run('读取组织成员', () => this.statements.membershipsOf.all(userId) as { orgId: number; role: OrgRole }[])
  }

  async setAssignment({ financeOrgId, departmentOrgId, userId }: Assignment, assigned: boolean): Promise<void> {
    this.run('分配审核人员', () => (assigned ? this.statements.assign : this.statements.unassign).run(financeOrgId, departmentOrgId, userId))
  }

  async assignments(filter: AssignmentFilter): Promise<Assignment[]> {
    return this.run('读取审核分配', () =>
      ('financeOrgId' in filter
        ? this.statements.assignmentsOfFinance.all(filter.financeOrgId)
        : 'departmentOrgId' in filter
          ? this.statements.assignmentsOfDepartment.all(filter.departmentOrgId)
          : this.statements.assignmentsOfUser.all(filter.userId)) as Assignment[],
    )
  }

  async setDocumentOrg(docId: string, orgId: number | null): Promise<void> {
    this.run('设置文档所属部门', () => (orgId === null ? this.statements.removeDocOrg.run(docId) : this.statements.setDocOrg.run(docId, orgId)))
  }

  async documentOrg(docId: string): Promise<number | undefined> {
    return this.run('读取文档所属部门', () => (this.statements.docOrg.get(docId) as { orgId: number } | undefined)?.orgId)
  }

  async documentsOf(orgId: number): Promise<string[]> {
    return this.run('读取部门文档', () => (this.statements.docsOf.all(orgId) as { docId: string }[]).map((r) => r.docId))
  }

  async setDeadline(financeOrgId: number, year: number, dueAt: number | null): Promise<void> {
    this.run('设置报送截止日期', () => (dueAt === null ? this.statements.removeDeadline.run(financeOrgId, year) : this.statements.setDeadline.run(financeOrgId, year, dueAt)))
  }

  async deadlines(financeOrgId: number): Promise<Deadline[]> {
    return this.run('读取报送截止日期', () => this.statements.deadlines.all(financeOrgId) as Deadline[])
  }

  async invite(invitation: Omit<Invitation, 'id'>): Promise<Invitation> {
    const { orgId, userId, role, invitedBy, at } = invitation
    return this.run('邀请加入组织', () => this.statements.invite.get(orgId, userId, role, invitedBy, at) as Invitation)
  }

  async invitationsOf(userId: number): Promise<Invitation[]> {
    return this.run('读取邀请', () => this.statements.invitationsOf.all(userId) as Invitation[])
  }

  async invitationsTo(orgId: number): Promise<Invitation[]> {
    return this.run('读取邀请', () => this.statements.invitationsTo.all(orgId) as Invitation[])
  }

  async withdrawInvitation(id: number, orgId: number): Promise<Invitation | undefined> {
    return this.run('撤回邀请', () => this.statements.withdrawInvitation.get(id, orgId) as Invitation | undefined)
  }

  async answerInvitation(id: number, userId: number, accept: boolean): Promise<Invitation | undefined> {
    return this.run('答复邀请', () => this.answer(id, userId, accept))
  }

  private run<T>(doing: string, work: () => T): T {
    return storageWork(doing, work, OrgExistsError)
  }
}
