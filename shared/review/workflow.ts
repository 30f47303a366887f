/**
 * The submission workflow of a 绩效文本 between the department and the
 * finance bureau:
 *
 *   编制中 —报送→ 已报送 —开始审核→ 审核中 —退回修改→ 退回修改 —报送→ 已报送 …
 *                     ↖—撤回报送—/          —审核通过→ 审核通过 —撤销审核通过→ 审核中
 *
 * 退回修改 needs a written 退回意见, which staff see at the top of the
 * document. 审核通过 is a decision with conditions (`approval.ts`): over
 * pending suggestions, open threads or check errors only with a written
 * reason. Either text is kept in the status record and with the version.
 *
 * Department staff (editors) edit directly only while the document is
 * theirs (编制中, 退回修改); reviewers may suggest until it is approved.
 * The status lives in `meta` and only the server writes it.
 */
import type * as Y from 'yjs'
import type { Role } from '../protocol/role'
import { metaOf } from '../model/y-document'
import { sendsBack } from './sends-back'

export const STATUS = {
  drafting: '编制中',
  submitted: '已报送',
  reviewing: '审核中',
  returned: '退回修改',
  approved: '审核通过',
} as const
export type Status = (typeof STATUS)[keyof typeof STATUS]

export type WorkflowAction = 'submit' | 'withdraw' | 'start-review' | 'return' | 'approve' | 'revoke-approval'

export interface Transition {
  action: WorkflowAction
  from: readonly Status[]
  to: Status
  by: Role
  label: string
  /** A written note is required: the 退回意见 (`always`), or a reason when conditions are not met (`to-override`). */
  note?: 'always' | 'to-override'
}

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: [STATUS.drafting, STATUS.returned], to: STATUS.submitted, by: 'editor', label: '报送' },
  { action: 'withdraw', from: [STATUS.submitted], to: STATUS.drafting, by: 'editor', label: '撤回报送' },
  { action: 'start-review', from: [STATUS.submitted], to: STATUS.reviewing, by: 'reviewer', label: '开始审核' },
  { action: 'return', from: [STATUS.reviewing], to: STATUS.returned, by: 'reviewer', label: '退回修改', note: 'always' },
  { action: 'approve', from: [STATUS.reviewing], to: STATUS.approved, by: 'reviewer', label: '审核通过', note: 'to-override' },
  { action: 'revoke-approval', from: [STATUS.approved], to: STATUS.reviewing, by: 'reviewer', label: '撤销审核通过' },
]

/** What `meta.status` holds: the status, who set it when, and the note that came with it (退回意见, a reason to approve anyway). */
export interface StatusRecord {
  value: Status
  by: string
  at: number
  note?: string
}

/** The status record in `meta`, if it is one. */
export function statusRecordOf(doc: Y.Doc): StatusRecord | null {
  const record = metaOf(doc).get(STATUS_KEY) as Partial<StatusRecord> | undefined
  if (!record || typeof record !== 'object' || !(Object.values(STATUS) as unknown[]).includes(record.value)) return null
  return { value: record.value as Status, by: String(record.by ?? ''), at: Number(record.at ?? 0), ...(typeof record.note === 'string' ? { note: record.note } : {}) }
}

export const STATUS_KEY = 'status'

export function statusOf(doc: Y.Doc): Status {
  return statusRecordOf(doc)?.value ?? STATUS.drafting
}

export const mayEditDirectly = (status: Status): boolean => status === STATUS.drafting || status === STATUS.returned
export const maySuggest = (status: Status): boolean => status !== STATUS.approved

/** The transitions `role` can make from `status`. */
export const availableTransitions = (status: Status, role: Role): Transition[] =>
  TRANSITIONS.filter((t) => t.by === role && t.from.includes(status))

export type TransitionRefusal = 'unknown' | 'role' | 'status' | 'note-required' | 'note-sends-back' | 'conditions'

export type TransitionResult = { ok: true; transition: Transition } | { ok: false; code: TransitionRefusal; reason: string; blockers?: string[] }

/** A note shorter than this says nothing a reader could act on. */
export const MIN_NOTE_LENGTH = 4

/**
 * Whether `role` may take `action` now. `note` is what the person wrote;
 * `blockers` what stands in the way of the transition (for 审核通过, from
 * `approvalBlockers`), overridden only by a note.
 */
export function checkTransition(status: Status, action: string, role: Role, { note = '', blockers = [] }: { note?: string; blockers?: string[] } = {}): TransitionResult {
  const transition = TRANSITIONS.find((t) => t.action === action)
  if (!transition) return { ok: false, code: 'unknown', reason: `未知操作：${action}` }
  if (transition.by !== role) return { ok: false, code: 'role', reason: `“${transition.label}”只能由${transition.by === 'editor' ? '部门填报人' : '财政审核人'}操作` }
  if (!transition.from.includes(status)) return { ok: false, code: 'status', reason: `文档当前状态为“${status}”，不能“${transition.label}”` }
  const written = note.trim().length >= MIN_NOTE_LENGTH
  if (transition.note === 'always' && !written) return { ok: false, code: 'note-required', reason: `请填写${transition.label}的意见（至少 ${MIN_NOTE_LENGTH} 个字）` }
  if (transition.action === 'approve' && sendsBack(note)) {
    return { ok: false, code: 'note-sends-back', reason: '审核通过的理由要求修改后重新报送，与审核通过不一致：部门会读到它；请改写理由，或改为退回修改' }
  }
  if (transition.note === 'to-override' && blockers.length > 0 && !written) {
    // A reason too short to count is said as such: "请写明理由" after one was written reads as if it were lost.
    const short = note.trim().length > 0 ? `（已写的“${note.trim()}”不足 ${MIN_NOTE_LENGTH} 个字）` : ''
    return { ok: false, code: 'conditions', reason: `暂不能${transition.label}：${blockers.join('；')}。如确需${transition.label}，请写明理由，至少 ${MIN_NOTE_LENGTH} 个字${short}`, blockers }
  }
  return { ok: true, transition }
}
