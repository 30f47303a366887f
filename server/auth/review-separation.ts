/**
 * Reviewing and writing are kept apart. The finance bureau reviews what
 * the departments write; someone who could review a department's
 * documents and also write them would change figures without track
 * changes and submit to their own queue. So:
 *   - a member of a finance organisation belongs to no department, and a
 *     department's member to no finance organisation: the bureau's 管理员
 *     may assign any of its people to any department at any time, so the
 *     whole bureau is on the reviewing side (`joiningConflict`, asked when
 *     someone is invited, when they accept, and when the operator adds them);
 *   - nobody is assigned to review a department they are a member of, or
 *     one of whose documents they may edit by name (`assignmentConflict`);
 *   - nobody of the bureau is given 编辑 by name on a department's
 *     document (`sharingConflict`).
 * Each answers the refusal's Chinese message, or undefined when there is
 * none; the use cases refuse with it (409 `review-separation`). Data stored
 * before the rule may still hold both: there the reviewer's rights win
 * (`document-permissions.ts`).
 */
import type { AccountStore } from '../storage/account-store'
import type { Org, OrgStore } from '../storage/org-store'
import { reviewedDepartments } from './assigned-reviewers'

const WHY = '审核文档的人不能同时编制文档'

/** A login name stands apart from the Chinese around it (`wang 是…`); 你 does not. */
const subject = (who: string) => (/[\x21-\x7e]$/.test(who) ? `${who} ` : who)

/** The organisations of the other side than `kind` that the user belongs to. */
async function otherSide(orgs: OrgStore, userId: number, kind: Org['kind']): Promise<Org[]> {
  const theirs = await Promise.all((await orgs.membershipsOf(userId)).map((m) => orgs.orgById(m.orgId)))
  return theirs.filter((o): o is Org => o !== undefined && o.kind !== kind)
}

/**
 * Why the user may not join `org`, or undefined. `who` names them as the
 * asker reads it: their login name for a 管理员 or the operator, 你 for
 * themselves accepting.
 */
export async function joiningConflict(orgs: OrgStore, userId: number, org: Org, who: string): Promise<string | undefined> {
  const others = await otherSide(orgs, userId, org.kind)
  if (others.length === 0) return undefined
  const names = others.map((o) => o.name).join('、')
  return org.kind === 'department'
    ? `${subject(who)}是${names}的成员，不能同时加入${org.name}：${names}审核各部门的文档，${WHY}`
    : `${subject(who)}是${names}的成员，不能同时加入${org.name}：编制文档的人不能同时审核文档，须先退出${names}`
}

/** Why the user may not be assigned to review `department`, or undefined. `who`: their login name. */
export async function assignmentConflict(orgs: OrgStore, accounts: AccountStore, userId: number, department: Org, who: string): Promise<string | undefined> {
  if ((await orgs.membershipsOf(userId)).some((m) => m.orgId === department.id)) {
    return `${subject(who)}是${department.name}的成员，不能审核${department.name}的文档：${WHY}，须先由${department.name}的管理员将其移出`
  }
  const shared = (await accounts.rolesOfUser(userId)).filter((r) => r.role === 'editor')
  for (const { docId } of shared) {
    if ((await orgs.documentOrg(docId)) === department.id) return `${subject(who)}可以编辑${department.name}的文档（按文档共享），不能同时审核：${WHY}，须先由文档所有者取消其编辑权限`
  }
  return undefined
}

/** Why the user may not be given `role` by name on the document, or undefined. `who`: their login name. */
export async function sharingConflict(orgs: OrgStore, userId: number, docId: string, role: string | null, who: string): Promise<string | undefined> {
  if (role !== 'editor') return undefined
  const department = await orgs.documentOrg(docId)
  if (department === undefined) return undefined
  if ((await reviewedDepartments(orgs, userId)).has(department)) return `${subject(who)}负责审核${(await orgs.orgById(department))?.name ?? '本部门'}的文档，只能共享为只读：${WHY}`
  // The whole bureau is on the reviewing side: its 管理员, shared 编辑, could 报送 and 撤回 a department's document (a tryout).
  const bureaus = await Promise.all((await orgs.membershipsOf(userId)).map(async (m) => orgs.orgById(m.orgId)))
  const bureau = bureaus.find((org) => org?.kind === 'finance')
  return bureau ? `${subject(who)}是${bureau.name}的成员，只能共享为只读：${bureau.name}审核各部门的文档，${WHY}` : undefined
}
