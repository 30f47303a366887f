/**
 * Organisations: one's own, their members (set by a 管理员), new accounts
 * for colleagues, password resets, the bureau's 报送 deadlines and its
 * reviewers' assignments to departments. The operator who runs the server
 * (the command line's `org` commands) does the same by name, without
 * belonging to any organisation: the last section.
 */
import type { InvitationView, OrgMember as OrgMemberView, PendingInvitation, ReviewerAssignment } from '@shared/api/http-api'
import { reviewedDepartments } from '../auth/assigned-reviewers'
import { membershipChange, setMembership } from '../auth/org-membership'
import { assignmentConflict, joiningConflict } from '../auth/review-separation'
import { impersonationMessage, ShownNames } from '../auth/shown-names'
import type { User } from '../storage/account-store'
import { ORG_KIND_LABEL, ORG_ROLE_LABEL, OrgExistsError, type Assignment, type Org, type OrgKind, type OrgMember, type OrgRole } from '../storage/org-store'
import { openAccount, replacePassword } from './accounts'
import { grantRole } from './document-lifecycle'
import { liveOr } from './document-access'
import { STATUS, statusOf } from '@shared/review/workflow'
import type { Ports } from './ports'
import { shownName } from './people'
import { forbidden, invalid, Refusal, separated, userNotFound } from './refusal'

/** The role `userId` holds in the organisation, if a member. */
async function roleIn(p: Pick<Ports, 'orgs'>, userId: number, orgId: number): Promise<OrgRole | undefined> {
  return (await p.orgs.membershipsOf(userId)).find((m) => m.orgId === orgId)?.role
}

/** The organisation and the caller's role in it; not found unless they belong to it (do not reveal it exists). */
async function membership(p: Pick<Ports, 'orgs'>, user: User, orgId: number): Promise<{ org: Org; role: OrgRole }> {
  const org = await p.orgs.orgById(orgId)
  const role = org && (await roleIn(p, user.id, org.id))
  if (!org || !role) throw new Refusal('not-found', 'org-not-found', '没有这个组织，或你不是它的成员')
  return { org, role }
}

/** The organisation, when the caller is its 管理员 (and, given `kind`, it is of that kind). */
async function administered(p: Pick<Ports, 'orgs'>, user: User, orgId: number, kind?: Org['kind']): Promise<Org> {
  const { org, role } = await membership(p, user, orgId)
  if (role !== 'admin' || (kind && org.kind !== kind)) throw forbidden()
  return org
}

/** A role the organisation's kind does not have: the edges may word it in their own terms (the CLI in its `--role` values). */
export class RoleNotForKind extends Refusal {
  constructor(readonly orgKind: OrgKind) {
    super('invalid', 'bad-request', orgKind === 'finance' ? '财政局的成员角色是管理员或审核人员' : '部门的成员角色是管理员或编制人员')
  }
}

/** Departments have 管理员 and 编制人员; the bureau 管理员 and 审核人员. */
function checkedRole(org: Org, role: OrgRole): OrgRole {
  if (role === (org.kind === 'finance' ? 'staff' : 'reviewer')) throw new RoleNotForKind(org.kind)
  return role
}

/** The organisations one belongs to, with one's role in each. */
export async function myOrgs(p: Pick<Ports, 'orgs'>, user: User): Promise<(Org & { role: OrgRole })[]> {
  const memberships = await p.orgs.membershipsOf(user.id)
  return Promise.all(memberships.map(async (m) => ({ ...(await p.orgs.orgById(m.orgId))!, role: m.role })))
}

/**
 * The members, and for the bureau its assignments. A department's member
 * who also reviews it (stored before reviewing and writing were kept
 * apart) is marked `reviewsHere`: taking them out does not close the
 * department's documents to them, and the 管理员 is told so.
 */
export async function orgMembers(p: Pick<Ports, 'orgs'>, user: User, orgId: number): Promise<{ members: (OrgMember & { reviewsHere?: true })[]; assignments: Assignment[] }> {
  const { org } = await membership(p, user, orgId)
  const members = await p.orgs.members(org.id)
  if (org.kind === 'finance') return { members, assignments: await p.orgs.assignments({ financeOrgId: org.id }) }
  const marked = await Promise.all(members.map(async (m) => ((await reviewedDepartments(p.orgs, m.userId)).has(org.id) ? { ...m, reviewsHere: true as const } : m)))
  return { members: marked, assignments: [] }
}

/** Refused `review-separation` when the user may not join `org` (`joiningConflict`). */
async function mayJoin(p: Pick<Ports, 'orgs'>, userId: number, org: Org, who: string): Promise<void> {
  const conflict = await joiningConflict(p.orgs, userId, org, who)
  if (conflict) throw separated(conflict)
}

/**
 * An organisation's 管理员 sets who belongs and as what (department:
 * admin/staff; finance: admin/reviewer); null: out. Someone not yet a
 * member is invited, and joins by accepting (`membershipChange`) — unless
 * they are on the other side (the bureau's people join no department, a
 * department's no bureau): refused `review-separation`, at once rather
 * than at their acceptance.
 */
/** What `setOrgMember` did: a member's role set (`was`: their role before, if they were one), or an invitation made. */
export type MembershipOutcome = { change: 'changed'; was?: OrgRole } | { change: 'invited' }

export async function setOrgMember(p: Pick<Ports, 'orgs' | 'accounts' | 'documents' | 'live' | 'service'>, user: User, orgId: number, name: string, role: OrgRole | null): Promise<MembershipOutcome> {
  const org = await administered(p, user, orgId)
  const next = role === null ? null : checkedRole(org, role)
  const member = await p.accounts.userByName(name)
  if (member?.id === user.id && next !== 'admin') throw invalid('不能取消自己的管理员身份：请另一位管理员操作')
  const was = member ? await roleIn(p, member.id, org.id) : undefined
  if (member && next !== null && !was) await mayJoin(p, member.id, org, member.name)
  // Out of the bureau, their assignments go (`setMembership`): not while that leaves a department's 报送 with nobody.
  if (member && was && next === null && org.kind === 'finance') {
    for (const { departmentOrgId, financeOrgId } of await p.orgs.assignments({ userId: member.id })) {
      if (financeOrgId !== org.id) continue
      const department = await p.orgs.orgById(departmentOrgId)
      if (department) await refuseStranding(p, department, member)
    }
  }
  const change = await membershipChange(p.orgs, { orgId: org.id, userId: member?.id, role: next, by: user.id, at: Date.now() })
  if (change === 'invited') return { change }
  if (member && was && next === null) await dropMakersRoles(p, org, member, user)
  await p.live.recheckConnections({ publish: true })
  return { change, ...(was ? { was } : {}) }
}

/**
 * Someone taken out of a department keeps no right on its documents from having made them: their maker's 编辑,
 * stored as a share, kept them editing, submitting, sharing and deleting the department's document (a tryout).
 * Shares others gave them stay (the removal says so); the department's 管理员 act as the owner (`administers`).
 */
async function dropMakersRoles(p: Pick<Ports, 'orgs' | 'accounts' | 'documents' | 'live'>, org: Org, member: User, by: User): Promise<void> {
  for (const docId of await p.orgs.documentsOf(org.id)) {
    if ((await p.documents.get(docId))?.ownerId === member.id && (await p.accounts.roleOf(docId, member.id)) === 'editor') await grantRole(p, docId, member, null, by)
  }
}

/** One's open invitations to join an organisation, with who asked. */
export async function myInvitations(p: Pick<Ports, 'orgs' | 'accounts'>, user: User): Promise<InvitationView[]> {
  const views = await Promise.all(
    (await p.orgs.invitationsOf(user.id)).map(async ({ id, orgId, role, invitedBy, at }) => {
      const org = await p.orgs.orgById(orgId)
      const by = invitedBy === null ? undefined : await p.accounts.userById(invitedBy)
      return org ? [{ id, org: { id: org.id, name: org.name, kind: org.kind }, role, invitedBy: by ? await shownName(p, by) : null, at }] : []
    }),
  )
  return views.flat()
}

/**
 * The organisation's invitations not yet answered, with whom they ask and
 * as what: readable by whoever may read its members (`orgMembers`), so
 * that a 管理员 sees an invitation sent to the wrong name or with the
 * wrong role, and withdraws it (`withdrawInvitation`).
 */
export async function pendingInvitations(p: Pick<Ports, 'orgs' | 'accounts'>, user: User, orgId: number): Promise<PendingInvitation[]> {
  const { org } = await membership(p, user, orgId)
  const views = await Promise.all(
    (await p.orgs.invitationsTo(org.id)).map(async ({ id, userId, role, invitedBy, at }) => {
      const [invitee, by] = await Promise.all([p.accounts.userById(userId), invitedBy === null ? undefined : p.accounts.userById(invitedBy)])
      return invitee ? [{ id, name: invitee.name, displayName: invitee.displayName, role, invitedBy: by ? await shownName(p, by) : null, at }] : []
    }),
  )
  return views.flat()
}

/**
 * The organisation's 管理员 withdraws an invitation not yet answered: the
 * invitee can no longer accept it (answered then as one that does not
 * exist) nor sees it. Refused `forbidden` for its other members,
 * `org-not-found` for anyone else, and `invitation-not-found` for an
 * invitation already answered or withdrawn, or another organisation's.
 */
export async function withdrawInvitation(p: Pick<Ports, 'orgs'>, user: User, orgId: number, id: number): Promise<void> {
  const org = await administered(p, user, orgId)
  // Found among the organisation's own first: an id that is none of them (another's, or no number at all) is never sent to the store.
  const invitation = (await p.orgs.invitationsTo(org.id)).find((i) => i.id === id)
  if (!invitation || !(await p.orgs.withdrawInvitation(invitation.id, org.id))) throw new Refusal('not-found', 'invitation-not-found', '没有这个邀请，或已被接受、拒绝或撤回')
}

/**
 * The invitee accepts (joining with the role offered) or declines. An
 * acceptance that would put them on both sides — the invitation made
 * before the rule, or before they joined the other side — is refused
 * `review-separation` and the invitation kept, to decline.
 */
export async function answerInvitation(p: Pick<Ports, 'orgs'>, user: User, id: number, accept: boolean, shown?: OrgRole): Promise<void> {
  const notFound = () => new Refusal('not-found', 'invitation-not-found', '没有这个邀请，或已答复')
  if (accept) {
    const invitation = (await p.orgs.invitationsOf(user.id)).find((i) => i.id === id)
    const org = invitation && (await p.orgs.orgById(invitation.orgId))
    if (!org) throw notFound()
    // Invited again meanwhile, as another role (it changes in place): accepted, it made them what they never saw offered.
    if (shown !== undefined && invitation.role !== shown) {
      throw new Refusal('conflict', 'invitation-changed', `这份邀请已改为“${ORG_ROLE_LABEL[invitation.role]}”：请刷新后再答复`)
    }
    await mayJoin(p, user.id, org, '你')
  }
  if (!(await p.orgs.answerInvitation(id, user.id, accept))) throw notFound()
}

/** An organisation's 管理员 opens an account for a new colleague, who joins the organisation at once. */
export async function addOrgUser(p: Pick<Ports, 'orgs' | 'accounts' | 'logins'>, user: User, orgId: number, input: OrgMemberView & { password: string }): Promise<OrgMemberView> {
  const org = await administered(p, user, orgId)
  const role = checkedRole(org, input.role)
  const impersonated = await new ShownNames(p.accounts, p.orgs).impersonated(input.displayName, [org.id])
  if (impersonated) throw new Refusal('conflict', 'name-impersonates', impersonationMessage(input.displayName, impersonated))
  const added = await openAccount(p, user, input)
  await p.orgs.setMember(org.id, added.id, role)
  return { name: added.name, displayName: added.displayName, role }
}

/**
 * An organisation's 管理员 sets a forgotten password — only for someone who
 * belongs to no organisation the 管理员 does not manage, so that no admin
 * can take over another organisation's account. Their logins and
 * connections end.
 */
export async function resetPassword(p: Pick<Ports, 'orgs' | 'accounts' | 'logins' | 'live'>, user: User, orgId: number, name: string, password: string): Promise<void> {
  const org = await administered(p, user, orgId)
  const member = await p.accounts.userByName(name)
  const theirs = member ? await p.orgs.membershipsOf(member.id) : []
  if (!member || !theirs.some((m) => m.orgId === org.id)) throw userNotFound('本组织没有这个成员')
  const managed = new Set((await p.orgs.membershipsOf(user.id)).filter((m) => m.role === 'admin').map((m) => m.orgId))
  if (theirs.some((m) => !managed.has(m.orgId))) throw new Refusal('forbidden', 'other-org-member', '此人也属于你不管理的组织：请由那里的管理员或系统管理员重置密码')
  await replacePassword(p, member, password)
}

/** The bureau's 管理员 sets the 报送 deadline for a budget year (`date` YYYY-MM-DD, the end of that day in China; null removes it). */
export async function setDeadline(p: Pick<Ports, 'orgs' | 'notifier'>, user: User, orgId: number, year: number, date: string | null): Promise<void> {
  await setBureauDeadline(p, await administered(p, user, orgId, 'finance'), year, date)
}

/** The bureau's 报送 deadlines, by budget year, as its 管理员 set them (`date` YYYY-MM-DD, the day in China); only its 管理员 may read them here, as only they may set them. */
export async function bureauDeadlines(p: Pick<Ports, 'orgs'>, user: User, orgId: number): Promise<{ year: number; date: string }[]> {
  const bureau = await administered(p, user, orgId, 'finance')
  const deadlines = [...(await p.orgs.deadlines(bureau.id))].sort((a, b) => a.year - b.year)
  // dueAt is the end of the day in China (UTC+8): shifted by eight hours, its UTC date is that day.
  return deadlines.map(({ year, dueAt }) => ({ year, date: new Date(dueAt + CHINA_OFFSET_MS).toISOString().slice(0, 10) }))
}

const CHINA_OFFSET_MS = 8 * 3600_000
/** The budget years a deadline may be set for, as the page offers them. */
const [MIN_YEAR, MAX_YEAR] = [2000, 2100]

/** The 报送 deadline of `bureau` for a budget year, as its 管理员 (above) or the operator (`operatorSetDeadline`) sets it; open documents show it at once. */
async function setBureauDeadline(p: Pick<Ports, 'orgs' | 'notifier'>, bureau: Org, year: number, date: string | null): Promise<void> {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw invalid(`年度应在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间`)
  const dueAt = date === null ? null : Date.parse(`${date}T23:59:59+08:00`)
  if (dueAt !== null && Number.isNaN(dueAt)) throw invalid('日期格式应为 YYYY-MM-DD')
  // 2026-02-30 parses, as 2026-03-02: stored, the deadline was a day nobody set.
  if (dueAt !== null && new Date(dueAt + CHINA_OFFSET_MS).toISOString().slice(0, 10) !== date) throw invalid(`没有 ${date} 这一天，请检查月份和日期`)
  await p.orgs.setDeadline(bureau.id, year, dueAt)
  p.notifier.deadlinesChanged()
}

/**
 * The bureau's 管理员 assigns its reviewers to departments (or takes one
 * off: also someone who has since left the bureau), through the same rules
 * as the operator (`setAssignment`); an unknown login name is answered as
 * someone not of the bureau.
 */
export async function assignReviewer(p: Pick<Ports, 'orgs' | 'accounts' | 'notifier' | 'live' | 'service'>, user: User, orgId: number, input: { department: string; reviewer: string; assigned: boolean }): Promise<void> {
  const org = await administered(p, user, orgId, 'finance')
  const department = await p.orgs.orgByName(input.department)
  const reviewer = await p.accounts.userByName(input.reviewer)
  if (department?.kind !== 'department') throw invalid('请指定部门名称')
  const notOurs = () => invalid('审核人员必须是本财政局的成员')
  if (!reviewer) throw notOurs()
  await setAssignment(p, org, department, reviewer, input.assigned, notOurs)
  if (!input.assigned) await p.live.recheckConnections({ publish: true })
}

/**
 * The bureau's assignments as its 管理员 manages them (人员管理 › 审核分工): who reviews which department, by
 * name, with every department one may be assigned to and the bureau's 审核人员, in the order they were made.
 */
export async function bureauAssignments(
  p: Pick<Ports, 'orgs' | 'accounts'>,
  user: User,
  orgId: number,
): Promise<{ assignments: ReviewerAssignment[]; departments: string[]; reviewers: { name: string; displayName: string }[] }> {
  const bureau = await administered(p, user, orgId, 'finance')
  const [orgs, members, assignments] = await Promise.all([p.orgs.orgs(), p.orgs.members(bureau.id), p.orgs.assignments({ financeOrgId: bureau.id })])
  const departmentName = new Map(orgs.filter((o) => o.kind === 'department').map((o) => [o.id, o.name]))
  // An assigned reviewer who has since left the bureau is still listed (so they can be taken off), named from their account.
  const people = new Map(members.map((m) => [m.userId, { name: m.name, displayName: m.displayName }]))
  const named = await Promise.all(
    assignments.map(async ({ departmentOrgId, userId }) => {
      const department = departmentName.get(departmentOrgId)
      const reviewer = people.get(userId) ?? (await p.accounts.userById(userId))
      return department && reviewer ? [{ department, reviewer: reviewer.name, reviewerName: reviewer.displayName }] : []
    }),
  )
  return {
    assignments: named.flat(),
    departments: [...departmentName.values()],
    reviewers: members.filter((m) => m.role === 'reviewer').map(({ name, displayName }) => ({ name, displayName })),
  }
}

/**
 * Assigns a reviewer to a department or takes them off: the one place
 * both the 管理员 and the operator come through. Refused `notOurs()` (as
 * each words it) when the reviewer is not the bureau's, `review-separation`
 * when they write for that department (`assignmentConflict`); taking off
 * only when it leaves a document with the bureau to nobody (`refuseStranding`).
 */
async function setAssignment(p: Pick<Ports, 'orgs' | 'accounts' | 'notifier' | 'service' | 'live'>, bureau: Org, department: Org, reviewer: User, assigned: boolean, notOurs: () => Refusal): Promise<void> {
  if (assigned) {
    if (!(await roleIn(p, reviewer.id, bureau.id))) throw notOurs()
    const conflict = await assignmentConflict(p.orgs, p.accounts, reviewer.id, department, reviewer.name)
    if (conflict) throw separated(conflict)
  }
  if (!assigned) await refuseStranding(p, department, reviewer)
  await p.orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: reviewer.id }, assigned)
  // A department's deadline is its reviewing bureaus' (`departmentDeadlines`): one assigned or taken off may change it.
  p.notifier.deadlinesChanged()
}

/**
 * Refused `assignment-strands-documents` when `reviewer` is the last to review `department` and it has documents
 * with the bureau (已报送, 审核中): taken off, they sat in nobody's queue, the department reading 「已报送」 unanswered
 * (a tryout) — what 报送 itself refuses (`workflow-no-reviewer`).
 */
async function refuseStranding(p: Pick<Ports, 'orgs' | 'service' | 'live'>, department: Org, reviewer: User): Promise<void> {
  const others = (await p.orgs.assignments({ departmentOrgId: department.id })).filter((a) => a.userId !== reviewer.id)
  if (others.length > 0) return
  const held: string[] = []
  for (const docId of await p.orgs.documentsOf(department.id)) {
    const status = await liveOr(p, docId, statusOf, async () => (await p.service.status(docId)).value)
    if (status === STATUS.submitted || status === STATUS.reviewing) held.push(docId)
  }
  if (held.length === 0) return
  throw new Refusal('conflict', 'assignment-strands-documents', `${reviewer.displayName}是${department.name}唯一的审核人员，${department.name}有 ${held.length} 份文档已报送或审核中：取消后这些文档将无人审核。请先为${department.name}分配另一位审核人员`)
}

// ── The operator's: by name, for the command line ─────────────────────

/** The organisation of that name and kind; refused `org-not-found` ("没有这个财政局：…"). */
export async function orgNamed(p: Pick<Ports, 'orgs'>, name: string, kind: OrgKind): Promise<Org> {
  const org = await p.orgs.orgByName(name)
  if (org?.kind !== kind) throw new Refusal('not-found', 'org-not-found', `没有这个${ORG_KIND_LABEL[kind]}：${name}`)
  return org
}

/** A new department or bureau; refused `org-exists` when the name is taken. */
export async function createOrg(p: Pick<Ports, 'orgs'>, input: Omit<Org, 'id'>): Promise<Org> {
  try {
    return await p.orgs.addOrg(input)
  } catch (error) {
    if (error instanceof OrgExistsError) throw new Refusal('conflict', 'org-exists', error.message)
    throw error
  }
}

/** Every organisation with its members, in the order they were made. */
export async function allOrgs(p: Pick<Ports, 'orgs'>): Promise<(Org & { members: OrgMember[] })[]> {
  return Promise.all((await p.orgs.orgs()).map(async (org) => ({ ...org, members: await p.orgs.members(org.id) })))
}

/**
 * Sets who belongs to an organisation and as what (null: out), at once:
 * the operator vouches for the account, so nobody is only invited as by a
 * 管理员 (`setOrgMember`). Refused `org-not-found`, `RoleNotForKind`,
 * `user-not-found`, in that order, and `review-separation` for someone of
 * the other side (`joiningConflict`), as a 管理员 is.
 */
export async function operatorSetMember(p: Pick<Ports, 'orgs' | 'accounts'>, input: { org: string; user: string; role: OrgRole | null }): Promise<{ org: Org; member: User }> {
  const org = await p.orgs.orgByName(input.org)
  if (!org) throw new Refusal('not-found', 'org-not-found', `没有这个组织：${input.org}`)
  const role = input.role === null ? null : checkedRole(org, input.role)
  const member = await p.accounts.userByName(input.user)
  if (!member) throw userNotFound(`没有这个用户：${input.user}`)
  if (role !== null && !(await roleIn(p, member.id, org.id))) await mayJoin(p, member.id, org, member.name)
  await setMembership(p.orgs, org.id, member.id, role)
  return { org, member }
}

/**
 * Assigns one of the bureau's reviewers to a department (or takes them
 * off). Refused `org-not-found` (bureau, then department),
 * `user-not-found`, then as `setAssignment` is.
 */
export async function operatorAssignReviewer(
  p: Pick<Ports, 'orgs' | 'accounts' | 'notifier' | 'service' | 'live'>,
  input: { bureau: string; department: string; reviewer: string; assigned: boolean },
): Promise<{ department: Org; reviewer: User }> {
  const bureau = await orgNamed(p, input.bureau, 'finance')
  const department = await orgNamed(p, input.department, 'department')
  const reviewer = await p.accounts.userByName(input.reviewer)
  if (!reviewer) throw userNotFound(`没有这个用户：${input.reviewer}`)
  await setAssignment(p, bureau, department, reviewer, input.assigned, () => new Refusal('invalid', 'not-a-member', `${reviewer.name} 不是 ${bureau.name} 的成员`))
  return { department, reviewer }
}

/** The bureau's 报送 deadline for a budget year (`date` YYYY-MM-DD; null removes it). Refused `org-not-found`, or `invalid` for a date that is none. */
export async function operatorSetDeadline(p: Pick<Ports, 'orgs' | 'notifier'>, bureau: string, year: number, date: string | null): Promise<void> {
  await setBureauDeadline(p, await orgNamed(p, bureau, 'finance'), year, date)
}
