/**
 * Organisations and the roles people hold in them: a department (部门) has
 * 管理员 and 编制人员, the finance bureau (财政局) 管理员 and 审核人员.
 */
export type OrgKind = 'department' | 'finance'
/** department: 管理员 admin / 编制人员 staff; finance: 管理员 admin / 审核人员 reviewer. */
export type OrgRole = 'admin' | 'staff' | 'reviewer'

export const ORG_KIND_LABEL: Record<OrgKind, string> = { department: '部门', finance: '财政局' }
export const ORG_ROLE_LABEL: Record<OrgRole, string> = { admin: '管理员', staff: '编制人员', reviewer: '审核人员' }

export const isOrgKind = (value: unknown): value is OrgKind => value === 'department' || value === 'finance'
export const isOrgRole = (value: unknown): value is OrgRole => value === 'admin' || value === 'staff' || value === 'reviewer'
