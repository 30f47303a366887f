/**
 * The gate every update a connection sends passes before it may enter the
 * document, in three steps: the causal gate (`analyseUpdate`: an update
 * that would leave anything pending is not applied — the document never
 * holds pending state, so the rules judge exactly what integrates), the
 * stored document's size cap, then the rules (`UpdatePolicy`). It judges
 * and changes nothing: what follows from a judgement is the room's.
 *
 * The gate keeps what the rules read beside the document: the trial
 * replica (where rules that read a change as events try it first) and the
 * known suggestions, both built on first use, so that loading does not pay
 * for following every stored update. The trial replica, a second copy of
 * the document, goes when the room is quiet (`dropTrial`).
 */
import type * as Y from 'yjs'
import { analyseUpdate, type IncomingUpdate, type UpdateLimits } from '@shared/review/incoming-update'
import { TrialReplica } from '@shared/review/trial-replica'
import { KnownSuggestions, type DeleteSet } from '@shared/review/suggestion-authors'
import { ProtocolError } from '@shared/protocol/protocol-error'
import type { ClientAccounts } from './client-accounts'
import type { Session } from './session'
import type { StoredSize } from './stored-size'
import { SERVER_CLIENT, type PolicyRule, type UpdatePolicy } from './update-policy'
import { TimedTrialReplica, updateTimings } from './update-timings'

/** Why an update was refused: a policy rule, or the gate's own reasons. */
export type RefusalRule = PolicyRule | 'structure' | 'size'

/** What the gate and the rules say of one update. */
export type Judgement =
  | { kind: 'accepted'; incoming: IncomingUpdate }
  /** Everything in it is known already (a reconnect's sync step 2): nothing to store or relay. */
  | { kind: 'nothing-new' }
  /** It builds on something the room lacks. */
  | { kind: 'incomplete'; reason: string }
  /** `stale`: the refusal may come from what the room lacks (a workflow step another instance took), not from the update. */
  | { kind: 'refused'; rule: RefusalRule; reason: string; stale: boolean }

export interface UpdateGatePorts {
  doc: Y.Doc
  policy: UpdatePolicy
  limits: { update: UpdateLimits; documentBytes: number }
  size: StoredSize
  accounts: ClientAccounts
}

export class UpdateGate {
  private trialReplica: TrialReplica | null = null
  private suggestions: KnownSuggestions | null = null
  // What the rules ask of the room, made once (not per update).
  private readonly suggestionAuthor = (id: string): string | undefined => this.suggestions?.authorOf(id)
  private readonly suggestionHeldOutside = (id: string, deleted: DeleteSet): boolean => this.suggestions?.heldOutside(id, deleted) ?? false
  private readonly othersSuggest = (userName: string): boolean => this.suggestions?.holdsOthersThan(userName) ?? false
  private readonly clientOwner = (client: number): string | undefined => (client === this.ports.doc.clientID ? SERVER_CLIENT : this.ports.accounts.accountOf(client))

  constructor(private readonly ports: UpdateGatePorts) {}

  /** Where rules that read a change as events try it first. */
  get trial(): TrialReplica {
    return (this.trialReplica ??= updateTimings ? new TimedTrialReplica(this.ports.doc, updateTimings) : new TrialReplica(this.ports.doc))
  }

  /** The gate, the size cap and the rules. Throws ProtocolError for an update that cannot be read. */
  judge(session: Session, update: Uint8Array): Judgement {
    const { doc, limits, size } = this.ports
    const start = updateTimings?.now()
    const analysis = analyseUpdate(doc, update, limits.update)
    const judged = start === undefined ? undefined : updateTimings!.since('gate', start)
    switch (analysis.kind) {
      case 'malformed':
        throw new ProtocolError('malformed-update', analysis.reason)
      case 'incomplete':
        return analysis
      case 'refused':
        return { ...analysis, stale: false }
      case 'integrates':
        break
    }
    const { incoming } = analysis
    if (incoming.empty) return { kind: 'nothing-new' }
    if (size.bytes + incoming.update.length > limits.documentBytes) {
      return { kind: 'refused', rule: 'size', reason: `文档已达到大小上限（${Math.round(limits.documentBytes / 1024 / 1024)} MiB），不能再增加内容`, stale: false }
    }
    this.suggestions ??= new KnownSuggestions(doc)
    const decision = this.ports.policy({
      role: session.role,
      userName: session.identity.userName,
      doc,
      incoming,
      trial: this.trial,
      suggestionAuthor: this.suggestionAuthor,
      suggestionHeldOutside: this.suggestionHeldOutside,
      othersSuggest: this.othersSuggest,
      clientOwner: this.clientOwner,
    })
    if (judged !== undefined) updateTimings!.since('rule', judged)
    if (!decision.allowed) return { kind: 'refused', rule: decision.rule, reason: decision.reason, stale: true }
    return { kind: 'accepted', incoming }
  }

  /**
   * After an accepted update: the gate let through something Yjs could not
   * integrate if the document holds pending state — a bug. It is dropped,
   * never kept for a later update to release; returns whether there was any.
   */
  droppedPending(): boolean {
    const { store } = this.ports.doc
    if (store.pendingStructs === null && store.pendingDs === null) return false
    store.pendingStructs = null
    store.pendingDs = null
    return true
  }

  /** Whether the trial replica is built (tests, diagnostics). */
  get holdsTrial(): boolean {
    return this.trialReplica !== null
  }

  /**
   * Lets go of the trial replica; the next rule that needs it builds it
   * again. The known suggestions stay: they remember suggestions the
   * document has since collected, which a rebuild could not find.
   */
  dropTrial(): void {
    this.trialReplica?.dispose()
    this.trialReplica = null
  }

  dispose(): void {
    this.trialReplica?.dispose()
    this.suggestions?.dispose()
  }
}
