/**
 * The reviewer's drafted 审核意见, kept on the server with the document:
 * per reviewer and per review round (each 报送 opens one), so it survives
 * every workflow step, a reload and another PC. A step that takes it as
 * its note clears it once the step has succeeded (`workflow-steps.ts`).
 */
import { STATUS } from '@shared/review/workflow'
import type { User } from '../storage/account-store'
import type { OpinionDraft } from '../storage/opinion-drafts'
import { reach } from './document-access'
import type { Ports } from './ports'
import { forbidden } from './refusal'

/** The review round the document is in: how many times it has been 报送 (0 before the first). */
export async function reviewRound(p: Pick<Ports, 'documents'>, docId: string): Promise<number> {
  const { entries } = await p.documents.history(docId)
  return entries.filter(({ event }) => event.kind === 'workflow' && event.to === STATUS.submitted).length
}

/** The caller's draft for the document's current round; reviewers only. */
export async function readOpinion(p: Pick<Ports, 'documents' | 'permissions' | 'opinions'>, user: User, docId: string): Promise<OpinionDraft | null> {
  const { doc, role } = await reach(p, docId, user)
  if (role !== 'reviewer') throw forbidden()
  return (await p.opinions.get(doc.id, user.id, await reviewRound(p, doc.id))) ?? null
}

/** Keeps the caller's draft for the current round ('' removes it); reviewers only. */
export async function keepOpinion(p: Pick<Ports, 'documents' | 'permissions' | 'opinions'>, user: User, docId: string, text: string): Promise<void> {
  const { doc, role } = await reach(p, docId, user)
  if (role !== 'reviewer') throw forbidden()
  await p.opinions.put(doc.id, user.id, await reviewRound(p, doc.id), text, Date.now())
}
