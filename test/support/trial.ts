/** One trial replica per document under test, following it as the test applies updates. */
import type * as Y from 'yjs'
import { TrialReplica } from '@shared/review/trial-replica'

const trials = new WeakMap<Y.Doc, TrialReplica>()

export function trialOf(doc: Y.Doc): TrialReplica {
  let trial = trials.get(doc)
  if (!trial) {
    trial = new TrialReplica(doc)
    trials.set(doc, trial)
  }
  return trial
}
