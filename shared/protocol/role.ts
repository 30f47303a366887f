/**
 * Roles a user can have on a document, and what each may do. The server
 * enforces these on every message; the client only mirrors them.
 */

export const ROLES = ['editor', 'reviewer', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value)

export const ROLE_LABEL: Record<Role, string> = {
  editor: '编辑',
  reviewer: '审核',
  viewer: '只读',
}

/** Whether the role may change the document at all (reviewers: through suggestions only). */
export const mayWrite = (role: Role): boolean => role !== 'viewer'
