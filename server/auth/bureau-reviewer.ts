/**
 * The operator (the CLI, run on the server) naming a reviewer by document:
 * `token --role reviewer`, `doc share --role reviewer`. A per-document 审核
 * grant counts only for a member of a finance organisation
 * (`document-permissions.ts`), so the operator, acting for the bureau,
 * also makes the account one of its 审核人员 — of the finance organisation
 * when there is one (the first, when several), of a new 财政局 when there
 * is none. Through the API nobody can do this: sharing grants 编辑/只读 only.
 */
import type { Org, OrgStore } from '../storage/org-store'

export const DEFAULT_BUREAU_NAME = '财政局'

/** Makes the user a bureau member if they are none; returns the organisation they joined, or undefined when they already belonged to one. */
export async function nameBureauReviewer(orgs: OrgStore, userId: number): Promise<Org | undefined> {
  const all = await orgs.orgs()
  const finance = all.filter((o) => o.kind === 'finance')
  const theirs = new Set((await orgs.membershipsOf(userId)).map((m) => m.orgId))
  if (finance.some((o) => theirs.has(o.id))) return undefined
  const bureau = finance[0] ?? (await orgs.addOrg({ name: DEFAULT_BUREAU_NAME, kind: 'finance', code: '' }))
  await orgs.setMember(bureau.id, userId, 'reviewer')
  return bureau
}
