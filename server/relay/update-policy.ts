/**
 * Which updates a connection's role may make. The relay asks on every
 * update before applying, storing or relaying it. Editors may change
 * anything; viewers nothing. Reviewers may only add suggestions and
 * comments — a rule that needs to read the update against the document,
 * and that the review work plugs in here (`reviewerRule`). Until it does,
 * reviewers' updates are refused rather than let through unchecked.
 */
import type * as Y from 'yjs'
import type { Role } from '@shared/protocol/role'

export type PolicyDecision = { allowed: true } | { allowed: false; reason: string }

export interface UpdateContext {
  role: Role
  userName: string
  /** The document as it is before the update (do not modify). */
  doc: Y.Doc
  update: Uint8Array
}

export type UpdatePolicy = (context: UpdateContext) => PolicyDecision

export const ALLOWED: PolicyDecision = { allowed: true }

export const denyReviewerUntilRuleExists: UpdatePolicy = () => ({
  allowed: false,
  reason: '审核人只能批注和提出修改建议，该功能尚未开放',
})

export function makeUpdatePolicy(reviewerRule: UpdatePolicy = denyReviewerUntilRuleExists): UpdatePolicy {
  return (context) => {
    switch (context.role) {
      case 'editor':
        return ALLOWED
      case 'reviewer':
        return reviewerRule(context)
      case 'viewer':
        return { allowed: false, reason: '只读权限不能修改文档' }
    }
  }
}
