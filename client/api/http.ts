/**
 * The HTTP API as typed functions. Failures become `ApiFailure` with the
 * server's Chinese message, or a network message when there is no server.
 */
import type { ActivityView } from '@shared/history/activity'
import type { SessionRanges } from '@shared/history/authorship'
import type { Role } from '@shared/protocol/role'
import type { DocumentDiff } from '@shared/history/document-diff'
import type { VersionRecord } from '@shared/history/version-record'
import { T } from '../i18n/zh-CN'

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

export interface User {
  id: number
  name: string
  displayName: string
}

export interface DocumentSummary {
  id: string
  title: string
  role: Role
  owner: boolean
  /** The owner's display name ('' when nobody owns it, as for an imported demo). */
  ownerName: string
  createdAt: number
  status: string
}

export interface WorkflowState {
  status: { value: string; by: string; at: number; note?: string }
  actions: { action: string; label: string }[]
}

export interface Comparison {
  from: VersionRecord | { document: string; name: string }
  to: VersionRecord | 'now'
  diff: DocumentDiff
  /** Login → display name for everyone the diff names. */
  people: Record<string, string>
}

export interface QueueRow {
  id: string
  title: string
  departmentOrg: string
  year: number | null
  status: { value: string; by: string; at: number }
  submitted: { by: string; at: number } | null
  total: number
  findings: { error: number; warning: number; info: number }
  openThreads: number
  pendingSuggestions: number
  daysWaiting: number | null
  deadline: { dueAt: number; overdue: boolean } | null
}

/** Someone in an organisation, with their role there. */
export interface OrgMember {
  name: string
  displayName: string
  role: OrgRole
}

export type OrgRole = 'admin' | 'staff' | 'reviewer'

export interface ActivityLog {
  activity: ActivityView[]
  people: Record<string, string>
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init })
  } catch {
    throw new ApiFailure(0, 'offline', T.offline)
  }
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null
  if (!response.ok) throw new ApiFailure(response.status, body?.error?.code ?? 'http', body?.error?.message ?? T.networkError)
  return body as T
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })

export const api = {
  login: (name: string, password: string) => request<{ user: User }>('/api/login', json('POST', { name, password })),
  logout: () => request<{ ok: true }>('/api/logout', json('POST', {})),
  me: () => request<{ user: User }>('/api/me'),
  documents: () => request<{ documents: DocumentSummary[] }>('/api/docs'),
  create: (title: string) => request<{ id: string }>('/api/docs', json('POST', { title })),
  importFile: (file: File) => request<{ id: string }>(`/api/docs/import?title=${encodeURIComponent(file.name.replace(/\.(txt|docx|xlsx)$/i, ''))}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file }),
  importProjects: (id: string, file: File) => request<{ added: string[] }>(`/api/docs/${id}/projects/import`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file }),
  rename: (id: string, title: string) => request<{ ok: true }>(`/api/docs/${id}`, json('PATCH', { title })),
  setDisplayName: (displayName: string) => request<{ user: { id: number; name: string; displayName: string } }>('/api/me', json('PATCH', { displayName })),
  changePassword: (current: string, next: string) => request<{ ok: true }>('/api/me/password', json('POST', { current, next })),
  notifications: () => request<{ notifications: { id: number; at: number; kind: string; docId: string; text: string; read: boolean }[]; unread: number }>('/api/notifications'),
  deadline: (id: string) => request<{ deadline: { dueAt: number; overdue: boolean } | null }>(`/api/docs/${id}/deadline`),
  dashboard: () =>
    request<{
      rows: { department: string; id: string; title: string; year: number | null; status: string; lastChange: number; total: number; errors: number; warnings: number; approvedAt: number | null; deadline: { dueAt: number; overdue: boolean } | null }[]
      byYear: { year: string; total: number; documents: number; approved: number }[]
    }>('/api/dashboard'),
  orgs: () => request<{ orgs: { id: number; name: string; kind: 'department' | 'finance'; role: OrgRole }[] }>('/api/orgs'),
  orgMembers: (orgId: number) => request<{ members: OrgMember[] }>(`/api/orgs/${orgId}/members`),
  /** null removes the person from the organisation. */
  setOrgMember: (orgId: number, name: string, role: OrgRole | null) => request<{ ok: true }>(`/api/orgs/${orgId}/members/${encodeURIComponent(name)}`, json('PUT', { role })),
  createOrgUser: (orgId: number, user: OrgMember & { password: string }) => request<{ user: OrgMember }>(`/api/orgs/${orgId}/users`, json('POST', user)),
  resetPassword: (orgId: number, name: string, password: string) => request<{ ok: true }>(`/api/orgs/${orgId}/members/${encodeURIComponent(name)}/password`, json('POST', { password })),
  markNotificationsRead: () => request<{ ok: true }>('/api/notifications/read', json('POST', {})),
  queue: (sort: string, status: string) => request<{ queue: QueueRow[]; people: Record<string, string> }>(`/api/queue?sort=${sort}${status ? `&status=${encodeURIComponent(status)}` : ''}`),
  people: (id: string) => request<{ people: Record<string, string> }>(`/api/docs/${id}/people`),
  members: (id: string) => request<{ members: { name: string; displayName: string; role: Role }[] }>(`/api/docs/${id}/members`),
  share: (id: string, user: string, role: Role | null) => request<{ ok: true }>(`/api/docs/${id}/members/${encodeURIComponent(user)}`, json('PUT', { role })),
  exportUrl: (id: string, format: string, tracked = false) => `/api/docs/${id}/export?format=${format}${tracked ? '&suggestions=tracked' : ''}`,
  workflow: (id: string) => request<WorkflowState>(`/api/docs/${id}/workflow`),
  versions: (id: string) => request<{ versions: VersionRecord[] }>(`/api/docs/${id}/versions`),
  /** `from`: a version id or 'last-return'; compared with the document as it is now. */
  compare: (id: string, from: number | 'last-return' | 'predecessor') => request<Comparison>(`/api/docs/${id}/compare?from=${from}&to=now`),
  activity: (id: string) => request<ActivityLog>(`/api/docs/${id}/activity`),
  authorship: (id: string) => request<{ sessions: SessionRanges[]; people: Record<string, string> }>(`/api/docs/${id}/authorship`),
  saveVersion: (id: string, name: string) => request<{ version: { id: number } }>(`/api/docs/${id}/versions`, json('POST', { name })),
  /** The whole version, or one project's table from it. */
  restore: (id: string, versionId: number, project?: { code: string; name: string }) =>
    request<{ version: { id: number; name: string } }>(`/api/docs/${id}/versions/${versionId}/restore`, json('POST', project ? { project } : {})),
  /** Next year's document from this one; the year is the document's own plus one. */
  successor: (id: string, keepBudget: boolean) => request<{ id: string; title: string }>(`/api/docs/${id}/successor`, json('POST', { keepBudget })),
  transition: (id: string, action: string, note?: string) => request<{ status: WorkflowState['status'] }>(`/api/docs/${id}/workflow`, json('POST', { action, note })),
}
