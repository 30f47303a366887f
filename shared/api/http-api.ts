/**
 * The HTTP API's JSON routes, as one table both sides are typed by: the
 * server registers each route's handler against its response type, the
 * client calls a route with its path parameters, query and body. A change
 * on one side that the other does not follow fails `tsc`.
 *
 * Request bodies are what the client sends; the server still checks every
 * field, since a request can come from anywhere. Routes that answer with a
 * file (export, the dashboard's CSV) are not in the table.
 */
import type { Finding } from '../checks/finding'
import type { ActivityView } from '../history/activity'
import type { SessionRanges } from '../history/authorship'
import type { DocumentDiff } from '../history/document-diff'
import type { VersionRecord } from '../history/version-record'
import type { StatusRecord } from '../review/workflow'
import type { DocumentKind } from '../model/document-kind'
import type { LastYearResult } from '../self-evaluation/last-year-result'

export type { LastYearResult }
import type { OrgKind, OrgRole } from '../protocol/org-role'
import type { Role, SharedRole } from '../protocol/role'

export interface User {
  id: number
  /** The login name. */
  name: string
  /** 姓名, as others see it. */
  displayName: string
}

/** Login name → display name, for everyone a response names. */
export type People = Record<string, string>

type Ok = { ok: true }

export interface DocumentSummary {
  id: string
  title: string
  /** What the document is: targets, a 监控 or a 自评. */
  kind: DocumentKind
  /** The approved targets document a 监控 or 自评 was made from (null: none). */
  basedOn: string | null
  role: Role
  owner: boolean
  /** The owner's display name ('' when nobody owns it, as for an imported demo). */
  ownerName: string
  createdAt: number
  /** The latest thing done to it (an edit, a comment, a step: then `step` is its label), and by whom (display name; null: the server). */
  lastChange: { at: number; by: string | null; step?: string } | null
  status: string
}

export interface DocumentMember {
  name: string
  displayName: string
  role: Role
}

export interface WorkflowState {
  status: StatusRecord
  /** The steps the caller may take now, with their labels. */
  actions: { action: string; label: string }[]
}

export interface Comparison {
  /** A version, or last year's document (与上一年度对比). */
  from: VersionRecord | { document: string; name: string }
  to: VersionRecord | 'now'
  diff: DocumentDiff
  people: People
}

export interface SubmissionDeadline {
  dueAt: number
  overdue: boolean
}

export interface QueueRow {
  id: string
  title: string
  /** What the document is: targets, a 监控 or a 自评. */
  kind: DocumentKind
  departmentOrg: string
  year: number | null
  status: StatusRecord
  submitted: { by: string; at: number } | null
  total: number
  /** Projects `total` leaves out (预算数 empty or not a number): the row says so beside the total. */
  leftOut: number
  findings: { error: number; warning: number; info: number }
  openThreads: number
  pendingSuggestions: number
  daysWaiting: number | null
  deadline: SubmissionDeadline | null
}

export interface Dashboard {
  rows: {
    department: string
    id: string
    title: string
    /** What the document is: targets, a 监控 or a 自评. */
    kind: DocumentKind
    year: number | null
    status: string
    lastChange: number
    total: number
    /** Projects `total` leaves out (预算数 empty or not a number): the page and the CSV mark such a total. */
    leftOut: number
    errors: number
    warnings: number
    approvedAt: number | null
    deadline: SubmissionDeadline | null
    /** A 监控's or 自评's 执行率 (its projects' money together, percent); null for targets or without figures. */
    rate: number | null
    /**
     * Why a 监控's or 自评's `rate` is null, each a count of its projects (one may be in several, none is in none):
     * no 执行数 written (but where the 全年预算数 is 0), no 全年预算数 written, a 全年预算数 or 执行数 that is no number.
     */
    missingExecuted: number
    missingBudget: number
    unreadableFunds: number
    /** A 自评's department 总分 (projects' 总分 weighted by 全年预算数) and grade; null for the others, or while `unscored` > 0. */
    earned: number | null
    grade: string | null
    /** A 自评's projects not yet scored. */
    unscored: number
    /** A 自评's scored projects `earned` leaves out: given no grade, their 分值 past full marks (`scoreLeavesOut` says so). */
    ungraded: number
    /** Targets: whether its money is in 按年度合计 (one document per department and year); null for a 监控 or 自评. */
    inYearTotal: boolean | null
  }[]
  /** Per project of every 监控 and 自评: its 执行率 and, for a 自评, its 总分 and grade (null while not all scored). */
  projects: {
    department: string
    id: string
    title: string
    year: number | null
    kind: string
    status: string
    code: string
    name: string
    rate: number | null
    earned: number | null
    grade: string | null
    /** Its 分值 added up where they pass full marks: no grade (`gradeText` says why); else null. */
    ungraded: number | null
    /** Its 全年预算数 or 执行数 is written but no number: why `rate` is null. */
    unreadable: boolean
  }[]
  /**
   * Per year: the money of one targets document per department (the approved one, else the furthest along, else the
   * last changed), how many were counted and approved, the projects whose 预算数 those could not read, and the others of a department's year, left out, each with the one counted instead.
   */
  byYear: { year: string; total: number; documents: number; approved: number; projectsLeftOut: number; leftOut: { department: string; id: string; title: string; countedId: string; countedTitle: string }[] }[]
}

/** Someone in an organisation, with their role there. */
export interface OrgMember {
  name: string
  displayName: string
  role: OrgRole
}

/** One of the bureau's reviewers assigned to a department, as its 管理员 sees it (names, as the PUT takes them). */
export interface ReviewerAssignment {
  department: string
  /** The reviewer's login, and 姓名. */
  reviewer: string
  reviewerName: string
}

/** An invitation to join an organisation, as its invitee sees it. */
export interface InvitationView {
  id: number
  org: { id: number; name: string; kind: OrgKind }
  role: OrgRole
  /** The 管理员 who invited, by display name; null when that account is gone. */
  invitedBy: string | null
  at: number
}

/** An organisation's invitation not yet answered, as 人员管理 lists it: the invitee (login and 姓名), the role offered. */
export interface PendingInvitation {
  id: number
  name: string
  displayName: string
  role: OrgRole
  /** The 管理员 who invited, by display name; null when that account is gone. */
  invitedBy: string | null
  at: number
}

/** `lost`: text that went with a deletion nobody meant it to (`@shared/review/lost-text`). */
export type NoticeKind = 'workflow' | 'reply' | 'mention' | 'lost'

export interface Notice {
  id: number
  at: number
  kind: NoticeKind
  docId: string
  text: string
  read: boolean
}

export interface HttpApi {
  'POST /api/login': { body: { name: string; password: string }; response: { user: User } }
  'POST /api/logout': { response: Ok }
  'GET /api/me': { response: { user: User } }
  'PATCH /api/me': { body: { displayName: string }; response: { user: User } }
  'POST /api/me/password': { body: { current: string; next: string }; response: Ok }
  'GET /api/orgs': { response: { orgs: { id: number; name: string; kind: OrgKind; code: string; role: OrgRole }[] } }
  /** `reviewsHere`: a department's member who also reviews it (stored before reviewing and writing were kept apart) — they review, and taking them out leaves them reviewing. */
  'GET /api/orgs/:id/members': { response: { members: (OrgMember & { reviewsHere?: true })[]; assignments: { financeOrgId: number; departmentOrgId: number; userId: number }[] } }
  /** role null: out of the organisation. Someone not yet a member is invited (`invited`), and joins by accepting. */
  /** `invited`: the person was asked (they join on accepting); `was`: they were a member already, with that role. */
  'PUT /api/orgs/:id/members/:name': { body: { role: OrgRole | null }; response: Ok & { invited?: true; was?: OrgRole } }
  /** The organisation's invitations not yet answered, oldest first: for its members, as the members are. */
  'GET /api/orgs/:id/invitations': { response: { invitations: PendingInvitation[] } }
  /** Its 管理员 withdraws an invitation not yet answered: the invitee can no longer accept it. */
  'DELETE /api/orgs/:id/invitations/:invitation': { response: Ok }
  /** One's open invitations to join an organisation. */
  'GET /api/invitations': { response: { invitations: InvitationView[] } }
  /** Accept (join with the role offered) or decline. */
  /** `role`: the role the invitee was shown; an acceptance of another (the invitation changed since) is refused. */
  'POST /api/invitations/:id': { body: { accept: boolean; role?: OrgRole }; response: Ok }
  'POST /api/orgs/:id/users': { body: OrgMember & { password: string }; response: { user: OrgMember } }
  'POST /api/orgs/:id/members/:name/password': { body: { password: string }; response: Ok }
  /** The bureau's deadlines by budget year (date YYYY-MM-DD, the day in China); for its 管理员, as the PUT. */
  'GET /api/orgs/:id/deadlines': { response: { deadlines: { year: number; date: string }[] } }
  /** date YYYY-MM-DD; null removes the year's deadline. */
  'PUT /api/orgs/:id/deadlines': { body: { year: number; date: string | null }; response: Ok }
  /**
   * The bureau's reviewers' assignments to departments, for its 管理员: each assignment, the departments one may
   * be assigned to, and the bureau's 审核人员 (login and 姓名) — what 人员管理 › 审核分工 offers.
   */
  'GET /api/orgs/:id/assignments': { response: { assignments: ReviewerAssignment[]; departments: string[]; reviewers: { name: string; displayName: string }[] } }
  /** assigned false (or absent: true) takes the reviewer off the department. */
  'PUT /api/orgs/:id/assignments': { body: { department: string; reviewer: string; assigned?: boolean }; response: Ok }
  'GET /api/docs': { response: { documents: DocumentSummary[] } }
  /** org: the department it belongs to, for someone of several departments (one's only department otherwise). */
  'POST /api/docs': { body: { title?: string; year?: number; org?: number }; response: { id: string } }
  /** title: the name to give it; fileName: the file's, used only where the document names itself nowhere. */
  /** `warnings`: what the file holds that the import could not read (`DocumentText.unread`), for the person to fill in by hand. */
  'POST /api/docs/import': { query: { title?: string; fileName?: string; org?: string }; body: Blob; response: { id: string; warnings: string[] } }
  'PATCH /api/docs/:id': { body: { title: string }; response: Ok }
  'DELETE /api/docs/:id': { response: Ok }
  'GET /api/docs/:id/members': { response: { members: DocumentMember[] } }
  /** role null: no access any more. */
  'PUT /api/docs/:id/members/:name': { body: { role: SharedRole | null }; response: Ok }
  'GET /api/docs/:id/workflow': { response: WorkflowState }
  /** opinionUsed: the note is the caller's drafted 审核意见, cleared once the step is taken. */
  'POST /api/docs/:id/workflow': { body: { action: string; note?: string | null; opinionUsed?: boolean }; response: { status: StatusRecord } }
  /** The reviewer's drafted 审核意见 for the current review round (null: none). */
  'GET /api/docs/:id/opinion': { response: { opinion: { text: string; at: number } | null } }
  /** text '' removes the draft. */
  'PUT /api/docs/:id/opinion': { body: { text: string }; response: Ok }
  'GET /api/docs/:id/versions': { response: { versions: VersionRecord[] } }
  'POST /api/docs/:id/versions': { body: { name: string }; response: { version: { id: number } } }
  /** The whole version, or one project's table from it. */
  'POST /api/docs/:id/versions/:version/restore': { body: { project?: { code?: string; name?: string } }; response: { version: { id: number; name: string } } }
  /** from: a version id, 'last-return' or 'predecessor'; to: a version id or 'now'. */
  'GET /api/docs/:id/compare': { query: { from: string; to?: string }; response: Comparison }
  /** `warnings`: what the caller must hear though the import went ahead (a form of another year than the document's, what the file holds that was not read). */
  /** warnings: what the file held that no cell took, then anything else to say (another year's form); the first `noted` are kept in the document as comments. */
  'POST /api/docs/:id/projects/import': { body: Blob; response: { added: string[]; warnings: string[]; noted: number } }
  /** Next year's document from this one (year: the document's own plus one unless given), in this one's department (org: for one of none); cleared: what it did not carry over. */
  /** 新建运行监控 / 新建绩效自评 from an approved targets document (409 otherwise); asOf: a 监控's 截至月份 ("6月"), default the current month. */
  'POST /api/docs/:id/linked': { body: { kind: 'monitoring' | 'self-evaluation'; asOf?: string; org?: number }; response: { id: string; title: string } }
  'POST /api/docs/:id/successor': { body: { year?: number; keepBudget?: boolean; org?: number }; response: { id: string; title: string; cleared: string[] } }
  'GET /api/docs/:id/activity': { response: { activity: ActivityView[]; people: People } }
  'GET /api/docs/:id/people': { response: { people: People } }
  'GET /api/docs/:id/authorship': { response: { sessions: SessionRanges[]; people: People } }
  'GET /api/docs/:id/deadline': { response: { deadline: SubmissionDeadline | null } }
  'GET /api/docs/:id/checks': { response: { findings: Finding[] } }
  'GET /api/docs/:id/token': { response: { token: string } }
  /** sort: waiting (default), department or findings; status filters. */
  /** 结果应用: last year's approved 自评 of the document this draft was started from ([] when there is none). */
  'GET /api/docs/:id/last-year': { response: { results: LastYearResult[] } }
  'GET /api/queue': { query: { sort?: string; status?: string }; response: { queue: QueueRow[]; people: People } }
  'GET /api/dashboard': { response: Dashboard }
  'GET /api/notifications': { response: { notifications: Notice[]; unread: number } }
  /** ids: those read; all when left out. */
  'POST /api/notifications/read': { body: { ids?: number[] }; response: Ok }
}

export type ApiRoute = keyof HttpApi
export type ApiResponse<R extends ApiRoute> = HttpApi[R]['response']
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The path of a route, as Hono registers it (`/api/docs/:id`). */
export type ApiPath<R extends ApiRoute> = R extends `${ApiMethod} ${infer Path}` ? Path : never

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}` ? Name | ParamNames<Rest> : P extends `${string}:${infer Name}` ? Name : never

/** What a call of the route needs besides its name: path parameters, query, body — each only where the route has one. */
export type ApiInput<R extends ApiRoute> = ([ParamNames<R>] extends [never] ? unknown : { params: Record<ParamNames<R>, string | number> }) &
  (HttpApi[R] extends { query: infer Q } ? { query: Q } : unknown) &
  (HttpApi[R] extends { body: infer B } ? { body: B } : unknown)

export function splitRoute<R extends ApiRoute>(route: R): { method: ApiMethod; path: ApiPath<R> } {
  const space = route.indexOf(' ')
  return { method: route.slice(0, space) as ApiMethod, path: route.slice(space + 1) as ApiPath<R> }
}

/** The URL path of a call: each `:name` replaced by its parameter, encoded. */
export function fillPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`路径参数 ${name} 缺失：${path}`)
    return encodeURIComponent(String(params[name]))
  })
}
