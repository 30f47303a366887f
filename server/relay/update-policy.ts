/**
 * Which updates a connection's role may make. The relay asks on every
 * update that passed the causal gate (`analyseUpdate`), before applying,
 * storing or relaying it, and only about what the update would change.
 * Viewers may change nothing. Whoever writes, writes under their own Yjs
 * client ids only (one bound to another account is refused: item, GC or
 * skip), and a suggestion they create is in their own name
 * (`suggestion-authors.ts`), and nobody adds projects past the limit
 * (`project-limit.ts`). Editors may change the
 * content while the workflow lets them, comment under the thread rules,
 * and of `meta` set only a 监控's 截至月份 (`as-of-rule.ts`), as they edit. Reviewers may only suggest and comment: a rule that tries the
 * update on the room's trial replica (`shared/review/reviewer-rule.ts`),
 * passed in as `reviewerRule`. Without one, reviewers' updates are refused
 * rather than let through unchecked.
 */
import type * as Y from 'yjs'
import type { Role } from '@shared/protocol/role'
import { ROOT } from '@shared/model/y-document'
import type { IncomingUpdate } from '@shared/review/incoming-update'
import { judgeUpdate } from '@shared/review/reviewer-rule'
import { carriedCellsRefusal } from '@shared/review/carried-cells'
import { asOfChangeRefusal } from '@shared/review/as-of-rule'
import { foreignSuggestion, onlyReaffirms, writesIntoForeignSuggestion, type DeleteSet } from '@shared/review/suggestion-authors'
import { threadsRule } from '@shared/review/threads'
import type { TrialReplica } from '@shared/review/trial-replica'
import { mayEditDirectly, maySuggest, statusOf, type Status } from '@shared/review/workflow'
import { projectLimitRefusal } from './project-limit'

/** Which rule refused an update: logged and counted in /metrics. */
export type PolicyRule = 'viewer' | 'meta' | 'workflow' | 'reviewer' | 'threads' | 'author' | 'client' | 'projects' | 'carried'

export type PolicyDecision = { allowed: true } | { allowed: false; rule: PolicyRule; reason: string }

export interface UpdateContext {
  role: Role
  userName: string
  /** The document as it is before the update (do not modify). */
  doc: Y.Doc
  /** What the update would integrate: new structs and deletions of live items. */
  incoming: IncomingUpdate
  /** Where rules that read the change as events try it. */
  trial: TrialReplica
  /** The author of a suggestion the document has held (`KnownSuggestions`), by id. */
  suggestionAuthor: (id: string) => string | undefined
  /** Whether the document still holds the suggestion somewhere the update's deletions leave standing (`KnownSuggestions.heldOutside`). */
  suggestionHeldOutside?: (id: string, deleted: DeleteSet) => boolean
  /** Whether the document holds a pending suggestion by anyone but this user (`KnownSuggestions.holdsOthersThan`). */
  othersSuggest?: (userName: string) => boolean
  /** The account a Yjs client id is bound to (`SERVER_CLIENT` for the server's own), if any. */
  clientOwner: (client: number) => string | undefined
}

/** The owner of the server's own client id: no account has an empty name. */
export const SERVER_CLIENT = ''

export type UpdatePolicy = (context: UpdateContext) => PolicyDecision

export const ALLOWED: PolicyDecision = { allowed: true }

const refuse = (rule: PolicyRule, reason: string): PolicyDecision => ({ allowed: false, rule, reason })

export const refuseUncheckedReviewers: UpdatePolicy = () => refuse('reviewer', '服务器未配置审核规则，暂不接受审核人的修改')

/**
 * The policy for every role, given the document's workflow status: editors
 * change the content directly only while the document is the department's
 * (编制中, 退回修改) — a 监控's 截至月份 in `meta` too; reviewers suggest
 * until it is approved; the rest of `meta` is written by the server alone.
 */
export function makeUpdatePolicy(reviewerRule: UpdatePolicy = refuseUncheckedReviewers): UpdatePolicy {
  return (context) => {
    const status = statusOf(context.doc)
    const { roots, writers } = context.incoming
    const squatted = writers.find((client) => (context.clientOwner(client) ?? context.userName) !== context.userName)
    if (squatted !== undefined && context.role !== 'viewer') return refuse('client', `客户端编号 ${squatted} 属于另一位用户，不能以它写入`)
    if (context.role !== 'viewer' && roots.has(ROOT.content)) {
      const { update, items } = context.incoming
      const foreign = foreignSuggestion(update, context.userName, context.suggestionAuthor, items, context.suggestionHeldOutside, (marks) => onlyReaffirms(context.trial, update, marks))
      if (foreign) return refuse('author', foreign)
    }
    const decision = roleDecision(context, status, reviewerRule)
    if (!decision.allowed || !roots.has(ROOT.content)) return decision
    // A 监控's or 自评's targets are carried from the approved document: nobody edits them, whatever their role.
    const carried = carriedCellsRefusal(context.doc, context.incoming.update, context.incoming.items)
    if (carried) return refuse('carried', carried)
    // Last: these try the update on the trial replica, after which a rule reading events there would see none.
    if (context.othersSuggest?.(context.userName)) {
      const into = writesIntoForeignSuggestion(context.trial, context.incoming.update, context.incoming.items, context.userName)
      if (into) return refuse('author', into)
    }
    const tooMany = projectLimitRefusal(context.doc, context.incoming.update, context.incoming.items, context.trial)
    return tooMany ? refuse('projects', tooMany) : ALLOWED
  }
}

/** What the sender's role allows of the update, given the workflow status. */
function roleDecision(context: UpdateContext, status: Status, reviewerRule: UpdatePolicy): PolicyDecision {
  const { roots } = context.incoming
  switch (context.role) {
    case 'editor': {
      if (roots.has(ROOT.content) && !mayEditDirectly(status)) return refuse('workflow', `文档${status}，退回修改后才能直接编辑`)
      if (!roots.has(ROOT.threads) && !roots.has(ROOT.meta)) return ALLOWED
      // Comments are personal: the same rules for everyone. Of meta, only a 监控's 截至月份 is theirs to set, as they edit.
      let rule: PolicyRule = 'threads'
      const decision = judgeUpdate(context.trial, context.incoming.update, {
        threads: (events) => threadsRule(events, context.userName),
        meta: (events, replica) => {
          const refusal = asOfChangeRefusal(events, replica)
          if (refusal) rule = 'meta'
          return refusal
        },
      })
      if (!decision.allowed) return refuse(rule, decision.reason)
      if (roots.has(ROOT.meta) && !mayEditDirectly(status)) return refuse('workflow', `文档${status}，退回修改后才能直接编辑`)
      return ALLOWED
    }
    case 'reviewer':
      if (!maySuggest(status)) return refuse('workflow', `文档${status}，不能再提出修改建议`)
      return reviewerRule(context)
    case 'viewer':
      return refuse('viewer', '只读权限不能修改文档')
  }
}

/** The reviewer rule as a policy: a refusal is the reviewer rule's. */
export const asReviewerPolicy = (check: (context: UpdateContext) => { allowed: true } | { allowed: false; reason: string }): UpdatePolicy =>
  (context) => {
    const decision = check(context)
    return decision.allowed ? ALLOWED : refuse('reviewer', decision.reason)
  }
