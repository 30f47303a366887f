/**
 * The operator (the CLI, run on the server) naming a reviewer by document:
 * `token --role reviewer`, `doc share --role reviewer`. A per-document 审核
 * grant counts only for a member of a finance organisation
 * (`document-permissions.ts`), so the operator, acting for the bureau,
 * also makes the account one of its 审核人员 — of the finance organisation
 * when there is one (the first, when several), of a new 财政局 when there
 * is none. Through the API nobody can do this: sharing grants 编辑/只读 only.
 * A department's member is never made the bureau's (`namingConflict`):
 * reviewing and writing are kept apart (`review-separation.ts`).
 */
import type { Org, OrgStore } from '../storage/org-store'
import { joiningConflict } from './review-separation'

export const DEFAULT_BUREAU_NAME = '财政局'

/** The finance organisations, and whether the user already belongs to one. */
async function bureaus(orgs: OrgStore, userId: number): Promise<{ finance: Org[]; member: boolean }> {
  const finance = (await orgs.orgs()).filter((o) => o.kind === 'finance')
  const theirs = new Set((await orgs.membershipsOf(userId)).map((m) => m.orgId))
  return { finance, member: finance.some((o) => theirs.has(o.id)) }
}

/** Why the user may not be named a reviewer (they would join the bureau from a department), or undefined; `who`: their login name. */
export async function namingConflict(orgs: OrgStore, userId: number, who: string): Promise<string | undefined> {
  const { finance, member } = await bureaus(orgs, userId)
  if (member) return undefined
  return joiningConflict(orgs, userId, finance[0] ?? { id: 0, name: DEFAULT_BUREAU_NAME, kind: 'finance', code: '' }, who)
}

/** Makes the user a bureau member if they are none; returns the organisation they joined, or undefined when they already belonged to one. Ask `namingConflict` first. */
export async function nameBureauReviewer(orgs: OrgStore, userId: number): Promise<Org | undefined> {
  const { finance, member } = await bureaus(orgs, userId)
  if (member) return undefined
  const bureau = finance[0] ?? (await orgs.addOrg({ name: DEFAULT_BUREAU_NAME, kind: 'finance', code: '' }))
  await orgs.setMember(bureau.id, userId, 'reviewer')
  return bureau
}
