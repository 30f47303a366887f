/**
 * Where one update's time goes on the relay, for `npm run bench -- relay`:
 * cheap counters of process.hrtime.bigint() per stage, switched on by
 * JIXIAO_UPDATE_TIMINGS=1 in the server's environment. Off (the default),
 * `updateTimings` is null and every call site is one null check.
 */
import type * as Y from 'yjs'
import { TrialReplica } from '@shared/review/trial-replica'

export const STAGES = ['decode', 'gate', 'rule', 'trial', 'apply', 'activity', 'store', 'broadcast'] as const
export type Stage = (typeof STAGES)[number]

export class UpdateTimings {
  private readonly ns = new Map<Stage, bigint>(STAGES.map((s) => [s, 0n]))
  /** Updates received from connections (the denominator). */
  updates = 0
  /** Appends to storage: updates / appends says how well group commit groups. */
  appends = 0

  now(): bigint {
    return process.hrtime.bigint()
  }

  /** Adds the time since `start` to `stage`; returns now, to start the next stage. */
  since(stage: Stage, start: bigint): bigint {
    const now = process.hrtime.bigint()
    this.ns.set(stage, this.ns.get(stage)! + (now - start))
    return now
  }

  /**
   * Microseconds per received update, by stage. The trial replica runs
   * inside a rule and reading activity inside applying: each is counted
   * on its own and taken out of the stage around it.
   */
  perUpdate(): Record<Stage, number> {
    const ns = new Map(this.ns)
    ns.set('rule', ns.get('rule')! - ns.get('trial')!)
    ns.set('apply', ns.get('apply')! - ns.get('activity')!)
    const per = {} as Record<Stage, number>
    for (const stage of STAGES) per[stage] = this.updates === 0 ? 0 : Number(ns.get(stage)!) / 1000 / this.updates
    return per
  }

  reset(): void {
    for (const stage of STAGES) this.ns.set(stage, 0n)
    this.updates = 0
    this.appends = 0
  }
}

export const updateTimings: UpdateTimings | null = process.env.JIXIAO_UPDATE_TIMINGS === '1' ? new UpdateTimings() : null

/** The trial replica, its time counted as the `trial` stage. */
export class TimedTrialReplica extends TrialReplica {
  constructor(
    doc: Y.Doc,
    private readonly timings: UpdateTimings,
  ) {
    super(doc)
  }

  override trial<T>(run: (replica: Y.Doc) => T, keep: (result: T) => boolean): T {
    const start = this.timings.now()
    try {
      return super.trial(run, keep)
    } finally {
      this.timings.since('trial', start)
    }
  }
}
