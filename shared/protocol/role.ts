/**
 * Roles a user can have on a document, their labels, and those given by
 * name. The server enforces them on every message; the client only
 * mirrors them.
 */

export const ROLES = ['editor', 'reviewer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value)

export const ROLE_LABEL: Record<Role, string> = {
  editor: '编辑',
  reviewer: '审核',
  viewer: '只读',
}

/**
 * The roles a document's owner may give by name (共享). 审核 is not among
 * them: the reviewer role belongs to the finance bureau, which gives it by
 * assigning its members to departments.
 */
export const SHARED_ROLES = ['editor', 'viewer'] as const satisfies readonly Role[]
export type SharedRole = (typeof SHARED_ROLES)[number]

export const isSharedRole = (value: unknown): value is SharedRole => (SHARED_ROLES as readonly unknown[]).includes(value)
