/**
 * A document's life: made (blank, imported, or as next year's draft from
 * this year's), listed, renamed, shared, deleted. Making one stores the
 * document, its creator's role and the record that it was made together.
 */
import type { DocumentText } from '@shared/model/document-text'
import { emptyDocumentText } from '@shared/model/template'
import { successorText } from '@shared/history/successor'
import { kindOf } from '@shared/kinds/registry'
import { KIND_OFFERS } from '@shared/kinds/kind-offers'
import type { ActivityEntry } from '@shared/history/activity'
import type { DocumentMember, DocumentSummary } from '@shared/api/http-api'
import type { Role, SharedRole } from '@shared/protocol/role'
import { STATUS, statusOf, type Status } from '@shared/review/workflow'
import type { User } from '../storage/account-store'
import { nameBureauReviewer, namingConflict } from '../auth/bureau-reviewer'
import { sharingConflict } from '../auth/review-separation'
import type { DocumentRecord } from '../storage/document-log'
import type { Org } from '../storage/org-store'
import { accountNamed } from './accounts'
import { isOperator, OPERATOR, type Actor } from './actor'
import { liveOr, reach, reachAsOwner } from './document-access'
import { followUpsOf, namedFollowUps } from './follow-ups'
import { displayNames } from './people'
import type { Ports } from './ports'
import { forbidden, invalid, Refusal, separated } from './refusal'

type Store = Pick<Ports, 'service' | 'orgs'>

export interface NewDocument {
  text: DocumentText
  title: string
  /** Who made it: the owner and its first editor (none for a document the CLI stores for nobody). */
  by: User | null
  /** A department it belongs to. */
  org?: number | undefined
  id?: string | undefined
  predecessor?: string | undefined
  /** The approved targets document a 监控 or 自评 was made from. */
  basedOn?: string | undefined
  /** Roles others get on it at once (next year's draft carries this year's). */
  roles?: { userId: number; role: Role }[]
  created?: ActivityEntry['event']
}

/**
 * Stores a new document, its owner's editor role, the roles it carries,
 * its department and the record of its making in one transaction: a
 * document never exists without the department it was made for.
 */
export async function storeNewDocument(p: Pick<Ports, 'service'>, made: NewDocument): Promise<string> {
  const roles = [...(made.roles ?? []).filter((r) => r.userId !== made.by?.id), ...(made.by ? [{ userId: made.by.id, role: 'editor' as const }] : [])]
  const activity = made.by ? [{ at: Date.now(), by: made.by.name, event: made.created ?? { kind: 'created' as const } }] : []
  return p.service.create(made.text, { title: made.title, ownerId: made.by?.id ?? null, id: made.id, predecessor: made.predecessor, basedOn: made.basedOn, madeBy: made.by?.name }, { roles, orgId: made.org, activity })
}

/**
 * The department a new document belongs to: the one it inherits (next
 * year's draft: this year's), else the one named — which must be one the
 * maker is 管理员 or 编制人员 of — else the maker's only department. A
 * maker of several departments must name one; a maker of none (an
 * operator, a shared editor) makes a document of no department.
 */
export async function departmentFor(p: Pick<Ports, 'orgs'>, user: User, requested: number | undefined, inherited?: number): Promise<number | undefined> {
  if (inherited !== undefined) return inherited
  const memberships = (await p.orgs.membershipsOf(user.id)).filter((m) => m.role === 'admin' || m.role === 'staff')
  const departments = (await Promise.all(memberships.map((m) => p.orgs.orgById(m.orgId)))).filter((o) => o?.kind === 'department').map((o) => o!.id)
  if (requested !== undefined) {
    if (!departments.includes(requested)) throw forbidden()
    return requested
  }
  if (departments.length > 1) throw new Refusal('invalid', 'department-required', '你属于多个部门：请先选择新文档所属的部门')
  return departments[0]
}

/**
 * Whom a new document is made by, and for which department: a person makes
 * their own, in a department of theirs (`departmentFor`); the operator
 * (`doc create`, `doc import`) makes it for the account named as `owner`,
 * or nobody's, in any department named (the caller resolved the names).
 */
export interface MadeFor {
  org?: number | undefined
  /** The operator's only: whom the document is made for. */
  owner?: User | undefined
  /** The operator's only: the id to store it under. */
  id?: string | undefined
}

async function makerAndDepartment(p: Store, by: Actor, input: MadeFor): Promise<{ maker: User | null; org: number | undefined; id?: string | undefined }> {
  if (isOperator(by)) return { maker: input.owner ?? null, org: input.org, id: input.id }
  return { maker: by, org: await departmentFor(p, by, input.org) }
}

/** 新建空白文档: the empty template for `year` (default: next year), its cover naming the department and the bureau assigned to it. */
export async function createBlank(p: Store, by: Actor, input: MadeFor & { title?: string | undefined; year?: number | undefined }): Promise<string> {
  const year = input.year ?? new Date().getFullYear() + 1
  const { maker, org, id } = await makerAndDepartment(p, by, input)
  return storeNewDocument(p, { text: emptyDocumentText(year, await coverNames(p, org)), title: input.title || `${year}年部门预算绩效文本`, by: maker, org, id })
}

/** The department a blank document is for, and the finance bureau assigned to review it (the first, where several are). */
async function coverNames(p: Store, org: number | undefined): Promise<{ department?: string; bureau?: string }> {
  const department = org === undefined ? undefined : await p.orgs.orgById(org)
  if (!department) return {}
  const financeId = (await p.orgs.assignments({ departmentOrgId: department.id }))[0]?.financeOrgId
  const bureau = financeId === undefined ? undefined : await p.orgs.orgById(financeId)
  return { department: department.name, ...(bureau ? { bureau: bureau.name } : {}) }
}

/**
 * 导入: a document read from a file (`importedText`: in a file worker, under the size cap) or copied from a stored one.
 * Its name: the one given, else the document's own (文本标题, then its title line); the file's name only where the
 * document names itself nowhere — a file is often called "sample" or "副本(2)", which says nothing in a list.
 */
export async function createImported(p: Store, by: Actor, text: DocumentText, input: MadeFor & { title?: string | undefined; fileName?: string | undefined }): Promise<string> {
  const { maker, org, id } = await makerAndDepartment(p, by, input)
  return storeNewDocument(p, { text, title: input.title || ownTitle(text) || input.fileName || '导入的文档', by: maker, org, id })
}

/**
 * What a document calls itself, as the list names the demo: the department and the 文本标题
 * ("政法委部门 2022年部门预算绩效文本"), so that a bureau's list of many departments' imports tells them apart.
 */
function ownTitle(text: DocumentText): string {
  const { title, subtitle } = text
  if (title && subtitle && !subtitle.includes(title)) return `${title} ${subtitle}`
  return subtitle || title
}

/**
 * 以此为底稿新建下一年度: a new document for `year` (default: the next),
 * linked to this one, in this one's department (or, for a document of
 * none, the maker's: `org`), with the people it was shared with. Refused
 * (conflict) for a kind that next year is not made from (a 监控 or 自评).
 */
export async function createSuccessor(
  p: Store & Pick<Ports, 'permissions' | 'documents' | 'accounts'>,
  user: User,
  docId: string,
  input: { year?: number | undefined; keepBudget?: boolean | undefined; org?: number | undefined },
): Promise<{ id: string; title: string; cleared: string[] }> {
  const { doc, role } = await reach(p, docId, user)
  if (role !== 'editor') throw forbidden()
  const source = await p.service.text(doc.id)
  const kind = kindOf(source)
  if (!KIND_OFFERS[kind.id].nextYear) {
    throw new Refusal('conflict', 'successor-of-follow-up', `“${doc.title}”是${kind.label}文档，不能作为下一年度的底稿：下一年度请以审核通过的绩效目标文档新建（结果应用会自动对照上年自评）`)
  }
  const result = successorText(source, { ...(input.year !== undefined ? { year: input.year } : {}), keepBudget: input.keepBudget === true })
  if (!result.ok) throw new Refusal('unprocessable', 'successor-invalid', result.reason)
  // A title without the year (「政法委绩效文本」) is given it, or next year's draft reads as this one in every list.
  const title = doc.title.includes(String(result.from)) ? doc.title.replaceAll(String(result.from), String(result.year)) : `${doc.title}（${result.year}年）`
  const roles = await rolesOn(p, doc.id)
  const org = await departmentFor(p, user, input.org, await p.orgs.documentOrg(doc.id))
  const id = await storeNewDocument(p, { text: result.text, title, by: user, org, predecessor: doc.id, roles, created: { kind: 'created', from: { docId: doc.id, title: doc.title }, ...(result.cleared.length ? { cleared: result.cleared } : {}) } })
  return { id, title, cleared: result.cleared }
}

/** The people a document is shared with, as roles a new document made from it carries. */
export async function rolesOn(p: Pick<Ports, 'accounts'>, docId: string): Promise<{ userId: number; role: Role }[]> {
  const roles = []
  for (const member of await p.accounts.membersOf(docId)) {
    const named = await p.accounts.userByName(member.name)
    if (named) roles.push({ userId: named.id, role: member.role })
  }
  return roles
}

/** The documents one may open, with one's role, owner, latest change and status. */
export async function listDocuments(p: Pick<Ports, 'permissions' | 'documents' | 'service' | 'accounts' | 'orgs' | 'live'>, user: User): Promise<DocumentSummary[]> {
  const roles = new Map((await p.permissions.rolesOfUser(user.id)).map((a) => [a.docId, a.role]))
  const administered = await p.permissions.administeredDocuments(user.id)
  const mine = (await p.documents.list()).filter((d) => roles.has(d.id))
  const latest = await Promise.all(mine.map((d) => p.service.lastChange(d.id)))
  const names = await displayNames(p, latest.map((a) => a?.by ?? null))
  return Promise.all(
    mine.map(async (d, i) => {
      const last = latest[i]
      const { kind, basedOn } = await p.service.identity(d.id)
      return {
        id: d.id,
        title: d.title,
        kind,
        basedOn,
        role: roles.get(d.id)!,
        owner: d.ownerId === user.id || administered.has(d.id),
        ownerName: d.ownerId === null ? '' : ((await p.accounts.userById(d.ownerId))?.displayName ?? ''),
        createdAt: d.createdAt,
        lastChange: last ? { ...last, by: last.by === null ? null : (names[last.by] ?? last.by) } : null,
        status: await liveOr(p, d.id, statusOf, async () => (await p.service.status(d.id)).value),
      }
    }),
  )
}

export async function renameDocument(p: Pick<Ports, 'documents' | 'permissions'>, user: User, docId: string, title: string): Promise<void> {
  const { doc, role, isOwner } = await reach(p, docId, user)
  if (!isOwner && role !== 'editor') throw forbidden()
  await p.documents.rename(doc.id, title)
}

/**
 * Statuses in which the bureau holds a document (in its queue, under review, approved), with the step that gives
 * it back to the department: until then it is no longer the department's to delete.
 */
const HELD_BY_THE_BUREAU: Partial<Record<Status, string>> = {
  [STATUS.submitted]: '需要作废时，请先撤回报送',
  [STATUS.reviewing]: '需要作废时，请财政局退回修改',
  [STATUS.approved]: '审核通过的文档是本年度的目标，需要作废时，请财政局撤销审核通过',
}

/**
 * Only its owner deletes a document, and only while it is the department's alone: not once 报送 put it in the
 * bureau's queue or approved it (the year's totals and the bureau's records count it), nor while a 监控 or 自评
 * is made from it. Its open connections close first, everywhere.
 */
export async function deleteDocument(p: Pick<Ports, 'documents' | 'permissions' | 'live' | 'service'>, user: User, docId: string): Promise<void> {
  const { doc } = await reachAsOwner(p, docId, user)
  const status = await liveOr(p, doc.id, statusOf, async () => (await p.service.status(doc.id)).value)
  const giveBack = HELD_BY_THE_BUREAU[status]
  const followUps = await followUpsOf(p, doc.id)
  // The approval is not revoked while a 监控 or 自评 is made from it (`takeStep`): said here, not found out there.
  const madeFrom = followUps.length > 0 ? `；已据此新建了${namedFollowUps(followUps)}，须先删除这些文档` : ''
  if (giveBack) throw new Refusal('conflict', 'document-held', `“${doc.title}”${status}，在财政局的审核队列或年度合计中，不能删除：${giveBack}${madeFrom}`)
  if (followUps.length > 0) throw new Refusal('conflict', 'document-has-follow-ups', `“${doc.title}”是${namedFollowUps(followUps)}的目标来源，不能删除：请先删除这些文档`)
  await p.live.closeDocument(doc.id)
  await p.documents.delete(doc.id)
}

export async function documentMembers(p: Pick<Ports, 'documents' | 'permissions' | 'accounts'>, user: User, docId: string): Promise<DocumentMember[]> {
  const { doc } = await reach(p, docId, user)
  return p.accounts.membersOf(doc.id)
}

/**
 * Shares a document with someone by name (null: no longer). Their open
 * connections on this server follow at once (without `live`, as from the
 * command line, a running server notices within seconds), and the change
 * is recorded with who made it (`by`; null: the command line).
 */
export async function grantRole(p: Pick<Ports, 'accounts' | 'documents'> & Partial<Pick<Ports, 'live'>>, docId: string, member: User, role: Role | null, by: User | null): Promise<void> {
  await p.accounts.setRole(docId, member.id, role)
  p.live?.setRole(docId, member.id, role)
  if (by) await p.documents.record(docId, [{ at: Date.now(), by: by.name, event: { kind: 'role', user: member.name, role } }])
}

/**
 * The owner shares by login name, as 编辑 or 只读 (审核 is the bureau's to
 * give); the owner keeps editing. An unknown name is answered as a known
 * one, so that nobody learns which login names exist by sharing with them.
 * 编辑 for someone who reviews the document's department is refused
 * `review-separation` (`sharingConflict`).
 */
export async function setDocumentMember(p: Pick<Ports, 'accounts' | 'documents' | 'permissions' | 'orgs' | 'live'>, user: User, docId: string, name: string, role: SharedRole | null): Promise<void> {
  const { doc } = await reachAsOwner(p, docId, user)
  const member = await p.accounts.userByName(name)
  if (!member) return
  if (member.id === doc.ownerId && role !== 'editor' && !(await leftTheDepartment(p, doc.id, member.id))) throw invalid('文档所有者必须保留编辑权限')
  await refuseBothSides(p, doc.id, member, role)
  await grantRole(p, doc.id, member, role, user)
}

/** Whether the document's maker has since been taken out of the department it belongs to: no longer its owner but in name. */
async function leftTheDepartment(p: Pick<Ports, 'orgs'>, docId: string, userId: number): Promise<boolean> {
  const org = await p.orgs.documentOrg(docId)
  return org !== undefined && !(await p.orgs.membershipsOf(userId)).some((m) => m.orgId === org)
}

/** Refused `review-separation` when the role would make the person both review and write the document: 编辑 where they review, 审核 from a department. */
async function refuseBothSides(p: Pick<Ports, 'orgs'>, docId: string, member: User, role: Role | null): Promise<void> {
  const conflict = role === 'reviewer' ? await namingConflict(p.orgs, member.id, member.name) : await sharingConflict(p.orgs, member.id, docId, role, member.name)
  if (conflict) throw separated(conflict)
}

// ── The operator's: by name, for the command line ─────────────────────

/** Every stored document, whoever may open it (`doc list`). */
export async function allDocuments(p: Pick<Ports, 'documents'>): Promise<DocumentRecord[]> {
  return p.documents.list()
}

/**
 * The operator gives `member` a role on a document (null: none), recorded
 * as nobody's; a reviewer named so becomes one of the bureau's
 * (`nameBureauReviewer`: a per-document 审核 grant counts only for a
 * bureau member) — the bureau they joined is returned, for the command to
 * say so. Refused `document-not-found`, and `review-separation` as the
 * owner's sharing is (and for a department's member named reviewer).
 */
export async function operatorGrant(p: Pick<Ports, 'accounts' | 'documents' | 'permissions' | 'orgs' | 'live'>, docId: string, member: User, role: Role | null): Promise<Org | undefined> {
  const { doc } = await reach(p, docId, OPERATOR)
  await refuseBothSides(p, doc.id, member, role)
  await grantRole(p, doc.id, member, role, null)
  return role === 'reviewer' ? nameBureauReviewer(p.orgs, member.id) : undefined
}

/**
 * Whom the operator makes a document from `docId` as (`doc successor`,
 * `doc monitoring`, `doc self-evaluation`): the account named, else the
 * source's owner — undefined when it has none. The use case then checks
 * they may. Refused `document-not-found`, then `user-not-found`.
 */
export async function operatorMaker(p: Pick<Ports, 'accounts' | 'documents' | 'permissions'>, docId: string, name: string | undefined): Promise<User | undefined> {
  const { doc } = await reach(p, docId, OPERATOR)
  if (name !== undefined) return accountNamed(p, name)
  return doc.ownerId === null ? undefined : p.accounts.userById(doc.ownerId)
}
