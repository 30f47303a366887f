/**
 * 结果应用: next year's draft shows, beside each continuing project's
 * targets, what last year's approved 绩效自评 found — each indicator's
 * 实际完成值 and 得分, the project's 总分 and grade. Last year's 自评 is the
 * one made from the document the draft was started from (its predecessor),
 * in the same department, once approved. Read-only: the results are a
 * note for the people drafting, never text of the draft.
 */
import type { LastYearResult } from '@shared/api/http-api'
import { STATUS } from '@shared/review/workflow'
import type { User } from '../storage/account-store'
import { reach } from './document-access'
import type { Ports } from './ports'

export async function lastYearResults(p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'orgs'>, user: User, docId: string): Promise<LastYearResult[]> {
  const { doc } = await reach(p, docId, user)
  return approvedResultsBefore(p, doc.id)
}

/**
 * Last year's approved 自评 results for a document already reached (its
 * checks read them too); [] when there are none. `predecessor` when the
 * caller has read it already.
 */
export async function approvedResultsBefore(p: Pick<Ports, 'service' | 'orgs'>, docId: string, known?: { predecessor: string | undefined }): Promise<LastYearResult[]> {
  const predecessor = known ? known.predecessor : await p.service.predecessorOf(docId)
  if (!predecessor) return []
  const department = await p.orgs.documentOrg(docId)
  if (department === undefined) return []
  const ids = await p.orgs.documentsOf(department)
  const summaries = await p.service.summaries(ids)
  for (const id of ids) {
    const summary = summaries.get(id)
    if (summary?.kind !== 'self-evaluation' || summary.status.value !== STATUS.approved) continue
    if ((await p.service.identity(id)).basedOn !== predecessor) continue
    return p.service.lastYearResults(id)
  }
  return []
}
