/**
 * The HTTP API as typed functions, over the route table both sides share
 * (`@shared/api/http-api`). Failures become `ApiFailure` with the
 * server's Chinese message, or a network message when there is no server.
 */
import { fillPath, splitRoute, type ApiInput, type ApiResponse, type ApiRoute, type OrgMember } from '@shared/api/http-api'
import type { OrgRole } from '@shared/protocol/org-role'
import type { SharedRole } from '@shared/protocol/role'
import { T } from '../i18n/zh-CN'

export type { Comparison, DocumentSummary, InvitationView, OrgMember, PendingInvitation, QueueRow, User, WorkflowState } from '@shared/api/http-api'
export type { OrgRole } from '@shared/protocol/org-role'

export class ApiFailure extends Error {
  override readonly name = 'ApiFailure'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** One call of a route of the table: its path filled in, its query appended, its body sent as JSON (or as the file it is; `{}` when a route that changes something has none). */
async function call<R extends ApiRoute>(route: R, ...[input]: {} extends ApiInput<R> ? [input?: ApiInput<R>] : [input: ApiInput<R>]): Promise<ApiResponse<R>> {
  const { method, path } = splitRoute(route)
  const { params, query, body } = (input ?? {}) as { params?: Record<string, string | number>; query?: Record<string, string | undefined>; body?: unknown }
  const search = new URLSearchParams(Object.entries(query ?? {}).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''))
  // A call that changes something goes as JSON even with nothing to send (logout, say): the server's CSRF guard
  // refuses any other content type (`server/http/request-guard.ts`), so an empty object is sent.
  const init: RequestInit =
    body instanceof Blob ? { method, headers: { 'Content-Type': 'application/octet-stream' }, body }
    : body === undefined && method === 'GET' ? { method }
    : { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body ?? {}) }
  const response = await reach(`${fillPath(path, params)}${search.size ? `?${search}` : ''}`, init)
  return (await response.json().catch(() => null)) as ApiResponse<R>
}

/** The server's answer to `url`, or ApiFailure: offline, or the server's Chinese message when it refused. */
async function reach(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init })
  } catch {
    throw new ApiFailure(0, 'offline', T.offline)
  }
  if (response.ok) return response
  const answer = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null
  throw new ApiFailure(response.status, answer?.error?.code ?? 'http', answer?.error?.message ?? T.networkError)
}

/**
 * Downloads a file the server writes, or throws ApiFailure with the server's reason. A plain download link that
 * the server refuses fails in the browser's downloads list and the page says nothing (a reviewer's 附审核意见
 * before any opinion is drafted).
 */
export async function download(url: string): Promise<void> {
  const response = await reach(url)
  const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1]
  const link = document.createElement('a')
  link.href = URL.createObjectURL(await response.blob())
  link.download = name ? decodeURIComponent(name) : ''
  link.click()
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000)
}

export const api = {
  login: (name: string, password: string) => call('POST /api/login', { body: { name, password } }),
  logout: () => call('POST /api/logout'),
  me: () => call('GET /api/me'),
  documents: () => call('GET /api/docs'),
  /** org: the department it belongs to (needed from someone of several departments). */
  create: (title: string, org?: number) => call('POST /api/docs', { body: { title, org } }),
  importFile: (file: File, org?: number) => call('POST /api/docs/import', { query: { fileName: file.name.replace(/\.(txt|docx|xlsx)$/i, ''), org: org === undefined ? undefined : String(org) }, body: file }),
  importProjects: (id: string, file: File) => call('POST /api/docs/:id/projects/import', { params: { id }, body: file }),
  rename: (id: string, title: string) => call('PATCH /api/docs/:id', { params: { id }, body: { title } }),
  remove: (id: string) => call('DELETE /api/docs/:id', { params: { id } }),
  setDisplayName: (displayName: string) => call('PATCH /api/me', { body: { displayName } }),
  changePassword: (current: string, next: string) => call('POST /api/me/password', { body: { current, next } }),
  notifications: () => call('GET /api/notifications'),
  markNotificationsRead: () => call('POST /api/notifications/read', { body: {} }),
  deadline: (id: string) => call('GET /api/docs/:id/deadline', { params: { id } }),
  dashboard: () => call('GET /api/dashboard'),
  orgs: () => call('GET /api/orgs'),
  invitations: () => call('GET /api/invitations'),
  answerInvitation: (id: number, accept: boolean, role: OrgRole) => call('POST /api/invitations/:id', { params: { id }, body: { accept, role } }),
  orgMembers: (orgId: number) => call('GET /api/orgs/:id/members', { params: { id: orgId } }),
  /** The organisation's invitations not yet answered. */
  orgInvitations: (orgId: number) => call('GET /api/orgs/:id/invitations', { params: { id: orgId } }),
  withdrawInvitation: (orgId: number, id: number) => call('DELETE /api/orgs/:id/invitations/:invitation', { params: { id: orgId, invitation: id } }),
  /** null removes the person from the organisation. */
  setOrgMember: (orgId: number, name: string, role: OrgRole | null) => call('PUT /api/orgs/:id/members/:name', { params: { id: orgId, name }, body: { role } }),
  createOrgUser: (orgId: number, user: OrgMember & { password: string }) => call('POST /api/orgs/:id/users', { params: { id: orgId }, body: user }),
  resetPassword: (orgId: number, name: string, password: string) => call('POST /api/orgs/:id/members/:name/password', { params: { id: orgId, name }, body: { password } }),
  bureauDeadlines: (orgId: number) => call('GET /api/orgs/:id/deadlines', { params: { id: orgId } }),
  /** date YYYY-MM-DD; null removes the year's deadline. */
  setDeadline: (orgId: number, year: number, date: string | null) => call('PUT /api/orgs/:id/deadlines', { params: { id: orgId }, body: { year, date } }),
  /** The bureau's reviewers' assignments, the departments and its 审核人员 (for its 管理员). */
  reviewerAssignments: (orgId: number) => call('GET /api/orgs/:id/assignments', { params: { id: orgId } }),
  /** assigned false takes the reviewer off the department. */
  assignReviewer: (orgId: number, department: string, reviewer: string, assigned: boolean) =>
    call('PUT /api/orgs/:id/assignments', { params: { id: orgId }, body: { department, reviewer, assigned } }),
  queue: (sort: string, status: string) => call('GET /api/queue', { query: { sort, status } }),
  people: (id: string) => call('GET /api/docs/:id/people', { params: { id } }),
  members: (id: string) => call('GET /api/docs/:id/members', { params: { id } }),
  share: (id: string, user: string, role: SharedRole | null) => call('PUT /api/docs/:id/members/:name', { params: { id, name: user }, body: { role } }),
  exportUrl: (id: string, format: string, tracked = false, opinion = false) => `/api/docs/${id}/export?format=${format}${tracked ? '&suggestions=tracked' : ''}${opinion ? '&opinion=1' : ''}`,
  workflow: (id: string) => call('GET /api/docs/:id/workflow', { params: { id } }),
  versions: (id: string) => call('GET /api/docs/:id/versions', { params: { id } }),
  /** `from`: a version id, 'last-return' or last year's document; compared with the document as it is now. */
  compare: (id: string, from: number | 'last-return' | 'predecessor') => call('GET /api/docs/:id/compare', { params: { id }, query: { from: String(from), to: 'now' } }),
  activity: (id: string) => call('GET /api/docs/:id/activity', { params: { id } }),
  authorship: (id: string) => call('GET /api/docs/:id/authorship', { params: { id } }),
  saveVersion: (id: string, name: string) => call('POST /api/docs/:id/versions', { params: { id }, body: { name } }),
  /** The whole version, or one project's table from it. */
  restore: (id: string, versionId: number, project?: { code: string; name: string }) =>
    call('POST /api/docs/:id/versions/:version/restore', { params: { id, version: versionId }, body: project ? { project } : {} }),
  /** Next year's document from this one; the year is the document's own plus one, the department its own (org: for one of none). */
  successor: (id: string, keepBudget: boolean, org?: number) => call('POST /api/docs/:id/successor', { params: { id }, body: { keepBudget, org } }),
  /** 结果应用: last year's approved 自评 of the document this draft was started from. */
  lastYear: (id: string) => call('GET /api/docs/:id/last-year', { params: { id } }),
  /** A 绩效运行监控 or 绩效自评 from this approved targets document. */
  linked: (id: string, kind: 'monitoring' | 'self-evaluation') => call('POST /api/docs/:id/linked', { params: { id }, body: { kind } }),
  /** opinionUsed: the note is the reviewer's drafted 审核意见, which the server clears once the step is taken. */
  transition: (id: string, action: string, note?: string, opinionUsed = false) =>
    call('POST /api/docs/:id/workflow', { params: { id }, body: note === undefined ? { action } : { action, note, ...(opinionUsed ? { opinionUsed } : {}) } }),
  opinion: (id: string) => call('GET /api/docs/:id/opinion', { params: { id } }),
  keepOpinion: (id: string, text: string) => call('PUT /api/docs/:id/opinion', { params: { id }, body: { text } }),
}
