/**
 * Moves everything from one storage to another — a district's SQLite data
 * up to PostgreSQL, say — through the ports alone, so any adapter moves to
 * any other. Accounts keep their password hashes (everyone logs in with
 * the same password); organisations keep their members, assignments and
 * documents; documents keep their id, title, owner, roles and
 * versions and activity; each document's snapshot and log become one
 * state, the log's authors kept as edit sessions. Then every
 * document is read back from the target and compared with the source.
 * Not moved: login sessions and access tokens (people log in again), and
 * reviewers' unsent 审核意见 drafts.
 */
import * as Y from 'yjs'
import { contentOf, metaOf, threadsOf } from '@shared/model/y-document'
import { stateOf } from './merge-state'
import type { Storage } from './storage'
import { stepTimes } from '@shared/history/activity'
import { foldedActivity } from './document-log'

export interface MigrationReport {
  users: number
  documents: number
  versions: number
  /** Documents whose state read back from the target differs from the source (should be none). */
  mismatched: string[]
}

export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError'
  constructor() {
    super('目标存储中已有用户或文档；迁移只能写入空的存储')
  }
}

export async function migrateStorage(from: Storage, to: Storage, progress: (line: string) => void = () => {}): Promise<MigrationReport> {
  if ((await to.accounts.listUsers()).length > 0 || (await to.documents.list()).length > 0) throw new TargetNotEmptyError()

  const userIds = new Map<number, number>()
  const users = await from.accounts.listUsers()
  for (const user of users) {
    const hash = await from.accounts.passwordHash(user.name)
    if (hash === undefined) continue
    userIds.set(user.id, (await to.accounts.addUser(user.name, user.displayName, hash)).id)
  }
  progress(`用户：${userIds.size}`)

  const orgIds = new Map<number, number>()
  for (const org of await from.orgs.orgs()) {
    const { id, ...fields } = org
    const moved = await to.orgs.addOrg(fields)
    orgIds.set(id, moved.id)
    for (const member of await from.orgs.members(id)) {
      const user = userIds.get(member.userId)
      if (user !== undefined) await to.orgs.setMember(moved.id, user, member.role)
    }
  }
  for (const [fromId] of orgIds) {
    for (const a of await from.orgs.assignments({ financeOrgId: fromId })) {
      const [finance, department, user] = [orgIds.get(a.financeOrgId), orgIds.get(a.departmentOrgId), userIds.get(a.userId)]
      if (finance !== undefined && department !== undefined && user !== undefined) await to.orgs.setAssignment({ financeOrgId: finance, departmentOrgId: department, userId: user }, true)
    }
  }
  // Invitations still waiting for their invitee.
  for (const [fromUser, toUser] of userIds) {
    for (const { orgId, role, invitedBy, at } of await from.orgs.invitationsOf(fromUser)) {
      const org = orgIds.get(orgId)
      if (org !== undefined) await to.orgs.invite({ orgId: org, userId: toUser, role, invitedBy: invitedBy === null ? null : (userIds.get(invitedBy) ?? null), at })
    }
  }
  progress(`组织：${orgIds.size}`)

  const documents = await from.documents.list()
  let versions = 0
  for (const record of documents) {
    const stored = await from.documents.load(record.id)
    const ownerId = record.ownerId === null ? null : (userIds.get(record.ownerId) ?? null)
    await to.documents.create({ ...record, ownerId }, stateOf(stored.updates))
    // Whose each Yjs client id is moves too, or anyone could claim a colleague's after the move.
    await to.documents.append(record.id, [], { claims: stored.clients })
    const org = await from.orgs.documentOrg(record.id)
    if (org !== undefined && orgIds.has(org)) await to.orgs.setDocumentOrg(record.id, orgIds.get(org)!)
    const history = await from.documents.history(record.id)
    await to.documents.record(record.id, [...history.entries, ...foldedActivity(history.tail, stepTimes(history.entries))])
    for (const member of await from.accounts.membersOf(record.id)) {
      const user = await to.accounts.userByName(member.name)
      if (user) await to.accounts.setRole(record.id, user.id, member.role)
    }
    for (const version of await from.documents.versions(record.id)) {
      const versionState = await from.documents.versionState(record.id, version.id)
      if (!versionState) continue
      const { id: _id, ...fields } = version
      await to.documents.saveVersion(record.id, fields, versionState)
      versions++
    }
    progress(`文档 ${record.id}（${record.title}）`)
  }

  const mismatched: string[] = []
  for (const record of documents) {
    const [source, target] = await Promise.all([from.documents.load(record.id), to.documents.load(record.id)])
    if (!sameDocument(stateOf(source.updates), stateOf(target.updates))) mismatched.push(record.id)
  }
  return { users: userIds.size, documents: documents.length, versions, mismatched }
}

/** Same Yjs state (state vector, deletions) and the same content in every root. */
export function sameDocument(a: Uint8Array, b: Uint8Array): boolean {
  const [da, db] = [new Y.Doc(), new Y.Doc()]
  try {
    Y.applyUpdate(da, a)
    Y.applyUpdate(db, b)
    const vectors = Buffer.from(Y.encodeStateVector(da)).equals(Buffer.from(Y.encodeStateVector(db)))
    const roots = (doc: Y.Doc) =>
      JSON.stringify([contentOf(doc).toJSON(), metaOf(doc).toJSON(), threadsOf(doc).toJSON()])
    return vectors && roots(da) === roots(db)
  } finally {
    da.destroy()
    db.destroy()
  }
}
