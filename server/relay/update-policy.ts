/**
 * Which updates a connection's role may make. The relay asks on every
 * update before applying, storing or relaying it. Viewers may change
 * nothing. Editors may change the content while the workflow lets them,
 * comment under the thread rules, and never touch `meta`. Reviewers may
 * only suggest and comment: a rule that reads the update against the
 * document (`shared/review/reviewer-rule.ts`), passed in as `reviewerRule`.
 * Without one, reviewers' updates are refused rather than let through
 * unchecked.
 */
import type * as Y from 'yjs'
import type { Role } from '@shared/protocol/role'
import { ROOT } from '@shared/model/y-document'
import { judgeUpdate } from '@shared/review/reviewer-rule'
import { rootsTouched, type DecodedUpdate } from '@shared/review/server-owned'
import { threadsRule } from '@shared/review/threads'
import { mayEditDirectly, maySuggest, statusOf } from '@shared/review/workflow'

export type PolicyDecision = { allowed: true } | { allowed: false; reason: string }

export interface UpdateContext {
  role: Role
  userName: string
  /** The document as it is before the update (do not modify). */
  doc: Y.Doc
  update: Uint8Array
  /** `Y.decodeUpdate(update)`, already done by the relay. */
  decoded: DecodedUpdate
}

export type UpdatePolicy = (context: UpdateContext) => PolicyDecision

export const ALLOWED: PolicyDecision = { allowed: true }

export const refuseUncheckedReviewers: UpdatePolicy = () => ({
  allowed: false,
  reason: '服务器未配置审核规则，暂不接受审核人的修改',
})

/**
 * The policy for every role, given the document's workflow status: editors
 * change the content directly only while the document is the department's
 * (编制中, 退回修改); reviewers suggest until it is approved; `meta` is
 * written by the server alone.
 */
export function makeUpdatePolicy(reviewerRule: UpdatePolicy = refuseUncheckedReviewers): UpdatePolicy {
  return (context) => {
    const status = statusOf(context.doc)
    switch (context.role) {
      case 'editor': {
        const roots = rootsTouched(context.doc, context.decoded)
        if (roots.has(ROOT.meta)) return { allowed: false, reason: '文档信息和流程状态只能由服务器修改' }
        if (roots.has(ROOT.content) && !mayEditDirectly(status)) return { allowed: false, reason: `文档${status}，退回修改后才能直接编辑` }
        // Comments are personal: the same rules for everyone.
        if (roots.has(ROOT.threads)) return judgeUpdate(context.doc, context.update, { threads: (events) => threadsRule(events, context.userName) })
        return ALLOWED
      }
      case 'reviewer':
        if (!maySuggest(status)) return { allowed: false, reason: `文档${status}，不能再提出修改建议` }
        return reviewerRule(context)
      case 'viewer':
        return { allowed: false, reason: '只读权限不能修改文档' }
    }
  }
}
