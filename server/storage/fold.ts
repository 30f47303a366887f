/**
 * What a compaction computes from the pieces it folds: the document's
 * state as one update (`mergeState`) and its updates' edit sessions
 * (`foldedActivity`). Each decodes every update again — at the forced
 * limit, 4,000 of them, ~100 ms of a busy server — so a log adapter takes
 * a `Fold` and stores what it answers: the server's folds a large log in
 * a worker (`offThreadFold`), and the event loop that every connection
 * shares goes on meanwhile; the CLI and small logs fold here.
 */
import type { ActivityEntry } from '@shared/history/activity'
import { foldedActivity, type LoggedUpdate } from './document-log'
import { mergeState } from './merge-state'

export interface Folded {
  state: Uint8Array
  activity: ActivityEntry[]
}

/**
 * `pieces`: the snapshot (if any) and then the updates of `tail`, as stored; `steps`: when the document's workflow
 * steps were taken (a session never runs across one).
 */
export type Fold = (pieces: readonly Uint8Array[], tail: readonly LoggedUpdate[], steps: readonly number[]) => Promise<Folded>

export const foldHere: Fold = async (pieces, tail, steps) => ({ state: mergeState(pieces), activity: foldedActivity(tail, steps) })

/**
 * Logs up to this size are folded on the calling thread: a worker's round
 * trip (the pieces copied there, the state back) would cost about what the
 * folding does. The sample's state alone is 42 KB, so a room's compaction
 * (1,000 updates) of any real document goes to a worker.
 */
export const FOLD_HERE_BYTES = 64 * 1024

/**
 * Folds larger logs with `workers`; when they are all busy (a queue of
 * readings), here, rather than leaving the log to grow.
 */
export function offThreadFold(workers: { fold: Fold }, isBusy: (error: unknown) => boolean, hereBytes = FOLD_HERE_BYTES): Fold {
  return async (pieces, tail, steps) => {
    let bytes = 0
    for (const piece of pieces) bytes += piece.length
    if (bytes <= hereBytes) return foldHere(pieces, tail, steps)
    try {
      return await workers.fold(pieces, tail, steps)
    } catch (error) {
      if (isBusy(error)) return foldHere(pieces, tail, steps)
      throw error
    }
  }
}
