/**
 * 新建运行监控 / 新建绩效自评: a 监控 or 自评 made from an approved targets
 * document — the targets carried verbatim, the 资金 started from the
 * 预算数 (`shared/kinds/linked-text.ts`), in the same department, shared
 * with the same people, linked to the document it follows (meta
 * `basedOn`), and its making recorded — stored in one transaction as
 * next year's draft is (`document-lifecycle.ts`).
 */
import { KINDS } from '@shared/kinds/registry'
import { linkedText, type LinkedKind } from '@shared/kinds/linked-text'
import { STATUS, statusOf } from '@shared/review/workflow'
import type { User } from '../storage/account-store'
import { liveOr, reach } from './document-access'
import { departmentFor, rolesOn, storeNewDocument } from './document-lifecycle'
import type { Ports } from './ports'
import { forbidden, Refusal } from './refusal'

/** A 监控 or 自评 is made only from approved targets: what it follows must be settled. */
export const notApprovedTargets = (reason: string) => new Refusal('conflict', 'linked-source-not-approved', reason)

/**
 * Creates the linked document; resolves to its id and title. `asOf`: a
 * 监控's 截至月份 ("6月"); without one it starts unset (未设定) and a check
 * asks for it — the month measured against is the department's choice, not
 * the day the 监控 was made (December's 100% for a mid-year one). Refused unless
 * the source is a targets document, approved, that the caller edits.
 */
export async function createLinkedDocument(
  p: Pick<Ports, 'service' | 'orgs' | 'permissions' | 'documents' | 'accounts'> & Partial<Pick<Ports, 'live'>>,
  user: User,
  docId: string,
  input: { kind: LinkedKind; asOf?: string | undefined; org?: number | undefined },
): Promise<{ id: string; title: string }> {
  const { doc, role } = await reach(p, docId, user)
  if (role !== 'editor') throw forbidden()
  const label = KINDS[input.kind].label
  const source = await p.service.text(doc.id)
  if ((source.kind ?? 'targets') !== 'targets') {
    throw notApprovedTargets(`${label}只能从审核通过的绩效目标文档新建，“${doc.title}”是${KINDS[source.kind!].label}文档`)
  }
  // The command line has no live documents: it reads the stored status (a running server stores every step at once).
  const stored = async () => (await p.service.status(doc.id)).value
  const status = p.live ? await liveOr({ live: p.live }, doc.id, statusOf, stored) : await stored()
  if (status !== STATUS.approved) throw notApprovedTargets(`“${doc.title}”${status}，审核通过后才能新建${label}`)
  const text = linkedText(source, input.kind, input.asOf ?? '')
  const title = `${doc.title}（${label}）`
  const org = await departmentFor(p, user, input.org, await p.orgs.documentOrg(doc.id))
  const id = await storeNewDocument(p, {
    text, title, by: user, org, basedOn: doc.id, roles: await rolesOn(p, doc.id), created: { kind: 'created', from: { docId: doc.id, title: doc.title } },
  })
  return { id, title }
}
