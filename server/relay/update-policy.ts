/**
 * Which updates a connection's role may make. The relay asks on every
 * update before applying, storing or relaying it. Editors may change
 * anything; viewers nothing. Reviewers may only suggest and comment: a rule
 * that reads the update against the document (`shared/review/reviewer-rule.ts`),
 * passed in as `reviewerRule`. Without one, reviewers' updates are refused
 * rather than let through unchecked.
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
