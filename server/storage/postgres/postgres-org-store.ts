/** Organisations on PostgreSQL, shared by every instance. */
import { storageWork } from '../storage-error'
import { OrgExistsError, type Assignment, type AssignmentFilter, type Deadline, type Invitation, type Org, type OrgMember, type OrgRole, type OrgStore } from '../org-store'
import type { Pool } from './postgres-database'

const INVITATION = 'id, org_id AS "orgId", user_id AS "userId", role, invited_by AS "invitedBy", at'
const ASSIGNMENT = 'finance_org_id AS "financeOrgId", department_org_id AS "departmentOrgId", user_id AS "userId"'

export class PostgresOrgStore implements OrgStore {
  constructor(private readonly pool: Pool) {}

  async addOrg(org: Omit<Org, 'id'>): Promise<Org> {
    return storageWork('创建组织', async () => {
      const { rows } = await this.pool.query<Org>('INSERT INTO orgs (name, kind, code) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id, name, kind, code', [org.name, org.kind, org.code])
      if (!rows[0]) throw new OrgExistsError(org.name)
      return rows[0]
    }, OrgExistsError)
  }

  async orgs(): Promise<Org[]> {
    return this.rows<Org>('读取组织', 'SELECT id, name, kind, code FROM orgs ORDER BY id', [])
  }

  async orgByName(name: string): Promise<Org | undefined> {
    return (await this.rows<Org>('读取组织', 'SELECT id, name, kind, code FROM orgs WHERE name = $1', [name]))[0]
  }

  async orgById(id: number): Promise<Org | undefined> {
    return (await this.rows<Org>('读取组织', 'SELECT id, name, kind, code FROM orgs WHERE id = $1', [id]))[0]
  }

  async setMember(orgId: number, userId: number, role: OrgRole | null): Promise<void> {
    await (role === null
      ? this.rows('设置组织成员', 'DELETE FROM org_members WHERE org_id = $1 AND user_id = $2', [orgId, userId])
      : this.rows('设置组织成员', 'INSERT INTO org_members (org_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role', [orgId, userId, role]))
  }

  async members(orgId: number): Promise<OrgMember[]> {
    return this.rows<OrgMember>(
      '读取组织成员',
      'SELECT m.user_id AS "userId", u.name, u.display_name AS "displayName", m.role FROM org_members m JOIN users u ON u.id = m.user_id WHERE m.org_id = $1 ORDER BY m.user_id',
      [orgId],
    )
  }

  async membershipsOf(userId: number): Promise<{ orgId: number; role: OrgRole }[]> {
    return this.rows('读取组织成员', 'SELECT org_id AS "orgId", role FROM org_members WHERE user_id = $1 ORDER BY org_id', [userId])
  }

  async setAssignment({ financeOrgId, departmentOrgId, userId }: Assignment, assigned: boolean): Promise<void> {
    await (assigned
      ? this.rows('分配审核人员', 'INSERT INTO org_assignments (finance_org_id, department_org_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [financeOrgId, departmentOrgId, userId])
      : this.rows('分配审核人员', 'DELETE FROM org_assignments WHERE finance_org_id = $1 AND department_org_id = $2 AND user_id = $3', [financeOrgId, departmentOrgId, userId]))
  }

  async assignments(filter: AssignmentFilter): Promise<Assignment[]> {
    const [where, value, order] =
      'financeOrgId' in filter ? ['finance_org_id', filter.financeOrgId, 'department_org_id, user_id']
      : 'departmentOrgId' in filter ? ['department_org_id', filter.departmentOrgId, 'finance_org_id, user_id']
      : ['user_id', filter.userId, 'department_org_id']
    return this.rows<Assignment>('读取审核分配', `SELECT ${ASSIGNMENT} FROM org_assignments WHERE ${where} = $1 ORDER BY ${order}`, [value])
  }

  async setDocumentOrg(docId: string, orgId: number | null): Promise<void> {
    await (orgId === null
      ? this.rows('设置文档所属部门', 'DELETE FROM doc_orgs WHERE doc_id = $1', [docId])
      : this.rows('设置文档所属部门', 'INSERT INTO doc_orgs (doc_id, org_id) VALUES ($1, $2) ON CONFLICT (doc_id) DO UPDATE SET org_id = excluded.org_id', [docId, orgId]))
  }

  async documentOrg(docId: string): Promise<number | undefined> {
    return (await this.rows<{ orgId: number }>('读取文档所属部门', 'SELECT org_id AS "orgId" FROM doc_orgs WHERE doc_id = $1', [docId]))[0]?.orgId
  }

  async documentsOf(orgId: number): Promise<string[]> {
    return (await this.rows<{ docId: string }>('读取部门文档', 'SELECT doc_id AS "docId" FROM doc_orgs WHERE org_id = $1 ORDER BY doc_id', [orgId])).map((r) => r.docId)
  }

  async setDeadline(financeOrgId: number, year: number, dueAt: number | null): Promise<void> {
    await (dueAt === null
      ? this.rows('设置报送截止日期', 'DELETE FROM org_deadlines WHERE finance_org_id = $1 AND year = $2', [financeOrgId, year])
      : this.rows('设置报送截止日期', 'INSERT INTO org_deadlines (finance_org_id, year, due_at) VALUES ($1, $2, $3) ON CONFLICT (finance_org_id, year) DO UPDATE SET due_at = excluded.due_at', [financeOrgId, year, dueAt]))
  }

  async deadlines(financeOrgId: number): Promise<Deadline[]> {
    return this.rows<Deadline>('读取报送截止日期', 'SELECT year, due_at AS "dueAt" FROM org_deadlines WHERE finance_org_id = $1 ORDER BY year', [financeOrgId])
  }

  async invite({ orgId, userId, role, invitedBy, at }: Omit<Invitation, 'id'>): Promise<Invitation> {
    const sql = `INSERT INTO org_invitations (org_id, user_id, role, invited_by, at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, invited_by = excluded.invited_by, at = excluded.at RETURNING ${INVITATION}`
    return (await this.rows<Invitation>('邀请加入组织', sql, [orgId, userId, role, invitedBy, at]))[0]!
  }

  async invitationsOf(userId: number): Promise<Invitation[]> {
    return this.rows<Invitation>('读取邀请', `SELECT ${INVITATION} FROM org_invitations WHERE user_id = $1 ORDER BY at, id`, [userId])
  }

  async invitationsTo(orgId: number): Promise<Invitation[]> {
    return this.rows<Invitation>('读取邀请', `SELECT ${INVITATION} FROM org_invitations WHERE org_id = $1 ORDER BY at, id`, [orgId])
  }

  async withdrawInvitation(id: number, orgId: number): Promise<Invitation | undefined> {
    return (await this.rows<Invitation>('撤回邀请', `DELETE FROM org_invitations WHERE id = $1 AND org_id = $2 RETURNING ${INVITATION}`, [id, orgId]))[0]
  }

  async answerInvitation(id: number, userId: number, accept: boolean): Promise<Invitation | undefined> {
    // One statement: the invitation is taken and the membership made together, or neither.
    const sql = `WITH taken AS (DELETE FROM org_invitations WHERE id = $1 AND user_id = $2 RETURNING id, org_id, user_id, role, invited_by, at),
      joined AS (INSERT INTO org_members (org_id, user_id, role) SELECT org_id, user_id, role FROM taken WHERE $3 ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role)
      SELECT ${INVITATION} FROM taken`
    return (await this.rows<Invitation>('答复邀请', sql, [id, userId, accept]))[0]
  }

  private rows<T>(doing: string, sql: string, params: unknown[]): Promise<T[]> {
    return storageWork(doing, async () => (await this.pool.query(sql, params)).rows as T[], OrgExistsError)
  }
}
