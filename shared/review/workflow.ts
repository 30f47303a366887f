/**
 * The submission workflow of a 绩效文本 between the department and the
 * finance bureau:
 *
 *   编制中 —报送→ 已报送 —开始审核→ 审核中 —退回修改→ 退回修改 —报送→ 已报送 …
 *                     ↖—撤回报送—/          —审核通过→ 审核通过
 *
 * Department staff (editors) edit directly only while the document is
 * theirs (编制中, 退回修改); reviewers may suggest until it is approved.
 * The status lives in `meta` and only the server writes it.
 */
import type * as Y from 'yjs'
import type { Role } from '../protocol/role'
import { metaOf } from '../model/y-document'

export const STATUS = {
  drafting: '编制中',
  submitted: '已报送',
  reviewing: '审核中',
  returned: '退回修改',
  approved: '审核通过',
} as const
export type Status = (typeof STATUS)[keyof typeof STATUS]

export type WorkflowAction = 'submit' | 'withdraw' | 'start-review' | 'return' | 'approve'

export interface Transition {
  action: WorkflowAction
  from: readonly Status[]
  to: Status
  by: Role
  label: string
}

export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: [STATUS.drafting, STATUS.returned], to: STATUS.submitted, by: 'editor', label: '报送' },
  { action: 'withdraw', from: [STATUS.submitted], to: STATUS.drafting, by: 'editor', label: '撤回报送' },
  { action: 'start-review', from: [STATUS.submitted], to: STATUS.reviewing, by: 'reviewer', label: '开始审核' },
  { action: 'return', from: [STATUS.reviewing], to: STATUS.returned, by: 'reviewer', label: '退回修改' },
  { action: 'approve', from: [STATUS.reviewing], to: STATUS.approved, by: 'reviewer', label: '审核通过' },
]

/** What `meta.status` holds: the status and who set it when. */
export interface StatusRecord {
  value: Status
  by: string
  at: number
}

export const STATUS_KEY = 'status'

export function statusOf(doc: Y.Doc): Status {
  const record = metaOf(doc).get(STATUS_KEY) as StatusRecord | undefined
  return record && (Object.values(STATUS) as string[]).includes(record.value) ? record.value : STATUS.drafting
}

export const mayEditDirectly = (status: Status): boolean => status === STATUS.drafting || status === STATUS.returned
export const maySuggest = (status: Status): boolean => status !== STATUS.approved

/** The transitions `role` can make from `status`. */
export const availableTransitions = (status: Status, role: Role): Transition[] =>
  TRANSITIONS.filter((t) => t.by === role && t.from.includes(status))

export type TransitionResult = { ok: true; transition: Transition } | { ok: false; reason: string }

export function checkTransition(status: Status, action: string, role: Role): TransitionResult {
  const transition = TRANSITIONS.find((t) => t.action === action)
  if (!transition) return { ok: false, reason: `未知操作：${action}` }
  if (transition.by !== role) return { ok: false, reason: `“${transition.label}”只能由${transition.by === 'editor' ? '部门填报人' : '财政审核人'}操作` }
  if (!transition.from.includes(status)) return { ok: false, reason: `文档当前状态为“${status}”，不能“${transition.label}”` }
  return { ok: true, transition }
}
