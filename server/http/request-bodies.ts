/**
 * One check per JSON route of the shared table (`@shared/api/http-api`),
 * typed by it: a route the table gives a body has its check here, or `tsc`
 * fails. Checks say what is wrong and where; rules that need the stores
 * (who may, whether it exists) are the use cases' work.
 */
import type { HttpApi } from '@shared/api/http-api'
import { isOrgRole } from '@shared/protocol/org-role'
import { isLinkedKind } from '@shared/kinds/linked-text'
import { isSharedRole, type SharedRole } from '@shared/protocol/role'
import { Refusal } from '../documents/refusal'
import { arrayOf, boolean, integer, nullable, object, oneOf, optional, text, type Check } from './body-check'

/** The routes whose body is JSON (uploads are bytes, read by the importer). */
export type JsonBodyRoute = { [R in keyof HttpApi]: HttpApi[R] extends { body: infer B } ? (B extends Blob ? never : R) : never }[keyof HttpApi]

export const MAX_TITLE_LENGTH = 200
/** A drafted 审核意见 with its changes per project runs to a few thousand characters. */
export const MAX_NOTE_CHARS = 20_000

const year = optional(integer({ min: 2000, max: 2100, message: '年度必须是 2000 到 2100 之间的整数' }))
const department = optional(integer({ message: '部门必须是组织编号' }))
const displayName = text({ min: 1, max: 50, message: '姓名不能为空，且不超过 50 个字' })
const newPassword = text({ raw: true, min: 8, max: 1000, message: '密码至少 8 位' })
const orgRole = oneOf(isOrgRole, '成员角色必须是 admin、staff 或 reviewer')
/** What an owner may give by name: 审核 is the bureau's to give, by assigning its members (a refusal of its own, not a typo). */
const sharedRole: Check<SharedRole> = (value, path) => {
  if (value === 'reviewer') throw new Refusal('unprocessable', 'reviewer-not-shared', '审核权限由财政局分配，不能通过共享授予：请选择“编辑”或“只读”')
  return oneOf(isSharedRole, '权限必须是 editor（编辑）、viewer（只读），或 null（取消权限）')(value, path)
}
/** A login name people can type and read: lower-case letters first, then letters, digits, '.', '_' or '-'. */
const LOGIN_NAME = /^[a-z][a-z0-9._-]{1,31}$/

export const REQUEST_BODIES: { [R in JsonBodyRoute]: Check<HttpApi[R]['body']> } = {
  'POST /api/login': object({ name: text({ raw: true, max: 100, message: '请输入用户名和密码' }), password: text({ raw: true, max: 1000, message: '请输入用户名和密码' }) }),
  'PATCH /api/me': object({ displayName }),
  'POST /api/me/password': object({
    current: text({ raw: true, max: 1000, message: '请输入当前密码和新密码' }),
    next: (value, path) => {
      const next = text({ raw: true, max: 1000, message: '请输入当前密码和新密码' })(value, path)
      return text({ raw: true, min: 8, message: '新密码至少 8 位' })(next, path)
    },
  }),
  'PUT /api/orgs/:id/members/:name': object({ role: nullable(orgRole) }),
  'POST /api/orgs/:id/users': object({
    name: text({ pattern: LOGIN_NAME, message: '登录名用 2–32 位小写字母、数字、“.”“_”“-”，以字母开头，如 wangfang' }),
    displayName,
    password: newPassword,
    role: orgRole,
  }),
  'POST /api/orgs/:id/members/:name/password': object({ password: newPassword }),
  'PUT /api/orgs/:id/deadlines': object({
    year: integer({ message: '请指定年度' }),
    date: nullable(text({ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式应为 YYYY-MM-DD' })),
  }),
  'PUT /api/orgs/:id/assignments': object({
    department: text({ min: 1, message: '请指定部门名称' }),
    reviewer: text({ min: 1, message: '审核人员必须是本财政局的成员' }),
    assigned: optional(boolean()),
  }),
  'POST /api/docs': object({
    title: optional(text({ max: MAX_TITLE_LENGTH, message: `文档名称必须是文字，且不超过 ${MAX_TITLE_LENGTH} 个字` })),
    year,
    org: department,
  }),
  'PATCH /api/docs/:id': object({ title: text({ min: 1, max: MAX_TITLE_LENGTH, message: `文档名称不能为空，且不超过 ${MAX_TITLE_LENGTH} 个字` }) }),
  'PUT /api/docs/:id/members/:name': object({ role: nullable(sharedRole) }),
  'POST /api/docs/:id/workflow': object({
    action: text({ raw: true, message: '请指定流程操作' }),
    note: optional(nullable(text({ max: MAX_NOTE_CHARS, message: `意见必须是文字，且不超过 ${MAX_NOTE_CHARS} 个字` }))),
    opinionUsed: optional(boolean()),
  }),
  'PUT /api/docs/:id/opinion': object({ text: text({ raw: true, max: MAX_NOTE_CHARS, message: `审核意见必须是文字，且不超过 ${MAX_NOTE_CHARS} 个字` }) }),
  'POST /api/docs/:id/versions': object({ name: text({ min: 1, max: 100, message: '版本名称不能为空，且不超过 100 个字' }) }),
  'POST /api/docs/:id/versions/:version/restore': object({
    project: optional(object({ code: optional(text()), name: optional(text()) }, '请指定要恢复的项目（项目编码或项目名称）')),
  }),
  'POST /api/docs/:id/linked': object({
    kind: oneOf(isLinkedKind, 'kind 必须是 monitoring（绩效运行监控）或 self-evaluation（绩效自评）'),
    asOf: optional(text({ min: 1, max: 30, message: '截至月份应为 1–30 个字，如“6月”' })),
    org: department,
  }),
  'POST /api/docs/:id/successor': object({ year, keepBudget: optional(boolean()), org: department }),
  'POST /api/invitations/:id': object({ accept: boolean('请指定接受或拒绝（accept: true 或 false）'), role: optional(orgRole) }),
  'POST /api/notifications/read': object({ ids: optional(arrayOf(integer())) }),
}
