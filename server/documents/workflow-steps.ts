/**
 * The workflow's steps (报送, 开始审核, 退回修改, 审核通过, …): judged on the
 * document as everyone last saw it, then the status set through the live
 * document, the step kept as a version, recorded, and the people it
 * concerns told.
 */
import { metaOf } from '@shared/model/y-document'
import { approvalBlockers } from '@shared/review/approval'
import { availableTransitions, checkTransition, STATUS, STATUS_KEY, type StatusRecord } from '@shared/review/workflow'
import type { WorkflowState } from '@shared/api/http-api'
import type { User } from '../storage/account-store'
import { log } from '../log'
import { reach } from './document-access'
import { reviewRound } from './review-opinion'
import type { Ports } from './ports'
import { shownName } from './people'
import { Refusal } from './refusal'
import { followUpsOf, namedFollowUps } from './follow-ups'

export async function workflowState(p: Pick<Ports, 'documents' | 'permissions' | 'service'>, user: User, docId: string): Promise<WorkflowState> {
  const { doc, role } = await reach(p, docId, user)
  const status = await p.service.status(doc.id)
  return { status, actions: availableTransitions(status.value, role).map(({ action, label }) => ({ action, label })) }
}

/**
 * Takes a step with its note (trimmed; '' for none); refused as
 * `workflow-<reason>` when the step may not be taken now. `opinionUsed`:
 * the note was the caller's drafted 审核意见, which the step, once taken,
 * clears (and nothing else does).
 */
export async function takeStep(
  p: Pick<Ports, 'documents' | 'permissions' | 'service' | 'live' | 'notifier' | 'accounts' | 'orgs' | 'opinions'>,
  user: User,
  docId: string,
  action: string,
  note: string,
  opinionUsed = false,
): Promise<StatusRecord> {
  const { doc, role } = await reach(p, docId, user)
  const round = opinionUsed ? await reviewRound(p, doc.id) : 0
  // Flush what clients sent so far: the conditions are judged on the document as everyone last saw it.
  await p.live.flush()
  const blockers = action === 'approve' ? approvalBlockers(await p.service.approvalState(doc.id)) : []
  const current = (await p.service.status(doc.id)).value
  const result = checkTransition(current, action, role, { note, blockers })
  if (!result.ok) throw new Refusal(result.code === 'note-required' || result.code === 'note-sends-back' ? 'unprocessable' : 'conflict', `workflow-${result.code}`, result.reason)
  // The targets a 监控 or 自评 carries must stay the approved ones: reopened, they could change under it unsaid.
  if (result.transition.action === 'revoke-approval') {
    const followUps = await followUpsOf(p, doc.id)
    if (followUps.length > 0) {
      throw new Refusal('conflict', 'workflow-has-follow-ups', `已据“${doc.title}”新建了${namedFollowUps(followUps)}，它们所依据的是审核通过的目标，不能撤销审核通过：如确需调整目标，请部门先删除尚未报送的这些文档`)
    }
  }
  // A 报送 nobody can review would read as sent while it sits in no queue.
  if (result.transition.to === STATUS.submitted && (await p.notifier.peopleWithRole(doc.id, 'reviewer')).length === 0) {
    throw new Refusal('conflict', 'workflow-no-reviewer', '没有财政局审核人员能审核这份文档，报送后不会出现在任何审核队列：请确认文档所属部门，并请财政局为该部门指定审核人员')
  }
  const record: StatusRecord = { value: result.transition.to, by: user.name, at: Date.now(), ...(note ? { note } : {}) }
  await p.live.applyServerChange(doc.id, (ydoc) => metaOf(ydoc).set(STATUS_KEY, record), { step: true })
  const overridden = blockers.length > 0 ? `（未满足：${blockers.join('；')}）` : ''
  const name = `${result.transition.label}（${await shownName(p, user)}）`
  const versionId = await p.documents.saveVersion(doc.id, { name, status: record.value, byUser: user.name, createdAt: record.at, note: note ? `${note}${overridden}` : '' })
  const step = { kind: 'workflow', action: result.transition.label, from: current, to: record.value, ...(note ? { note } : {}), versionId } as const
  await p.documents.record(doc.id, [{ at: record.at, by: user.name, event: step }])
  if (opinionUsed && note) await p.opinions.put(doc.id, user.id, round, '', record.at)
  await p.notifier.workflowStep(doc.id, result.transition.action, result.transition.label, user.id, note)
  log('info', 'workflow', { docId: doc.id, user: user.name, action: result.transition.action, to: record.value, ...(overridden ? { overridden: blockers } : {}) })
  return record
}
