/**
 * How a room answers an update it will not take. A refused one is answered
 * with `auth` (permission denied), logged, counted and noted in the
 * activity log; a connection refused again and again is closed (4422),
 * since trying a refused update costs the room a rebuild of its trial
 * replica. An incomplete one (it builds on something the room lacks) is
 * answered once with a sync step 1, which the stock client answers with
 * its whole state.
 */
import * as Y from 'yjs'
import { CLOSE } from '@shared/protocol/close-code'
import { encodePermissionDenied, encodeSyncStep1 } from '@shared/protocol/message'
import { log } from '../log'
import type { Metrics } from '../metrics'
import type { ActivityEntry } from '../storage/document-log'
import type { Outgoing } from './group-commit'
import type { Session } from './session'
import type { RefusalRule } from './update-gate'

export interface RefusalsPorts {
  docId: string
  doc: Y.Doc
  metrics: Metrics
  refusalsPerConnection: number
  /** Activity to record with the next batch. */
  note(entries: readonly ActivityEntry[]): void
  send(outgoing: Outgoing): void
}

export class Refusals {
  constructor(private readonly ports: RefusalsPorts) {}

  refuse(session: Session, rule: RefusalRule, reason: string): void {
    const { docId, metrics } = this.ports
    metrics.refuse(rule)
    this.ports.note([{ at: Date.now(), by: session.identity.userName, event: { kind: 'refused', rule, reason } }])
    log('warn', 'update-refused', { docId, user: session.identity.userName, role: session.role, rule, reason })
    this.ports.send({ frame: encodePermissionDenied(reason), to: session })
    if (++session.refusals > this.ports.refusalsPerConnection) session.close(CLOSE.refusedRepeatedly)
  }

  /**
   * The update builds on something the server does not have (one of the
   * sender's earlier updates was refused or lost, or it was crafted). Ask
   * once for the sender's whole state: the stock client answers a sync
   * step 1 with everything the server lacks, which then integrates whole.
   */
  askForFullState(session: Session, reason: string): void {
    this.ports.metrics.reject('incomplete')
    log('info', 'update-incomplete', { docId: this.ports.docId, user: session.identity.userName, reason })
    if (session.awaitingFullState) return
    session.awaitingFullState = true
    this.ports.send({ frame: encodeSyncStep1(Y.encodeStateVector(this.ports.doc)), to: session })
  }
}
