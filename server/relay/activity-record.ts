/**
 * The activity log of a room's batches: comments, suggestion decisions and
 * refusals, recorded once the updates they came with are stored, then
 * told to whoever listens (notifications). The log is history, not the
 * document: a failure to record it is logged and never touches editing.
 */
import * as Y from 'yjs'
import { authorIndexOf, type LostPiece } from '@shared/history/activity'
import type { TransactionOrigin } from '@shared/protocol/origin'
import type { IncomingUpdate } from '@shared/review/incoming-update'
import { lostText, type LostRun } from '@shared/review/lost-text'
import { suggestionDecisions } from '@shared/review/suggestion-decisions'
import { threadActivity } from '@shared/review/thread-activity'
import { log } from '../log'
import type { ActivityEntry, DocumentLog } from '../storage/document-log'
import type { AfterStore, StoredBatch } from './after-store'
import { updateTimings } from './update-timings'

export class ActivityRecord implements AfterStore {
  constructor(
    private readonly docId: string,
    private readonly log: DocumentLog,
    private readonly recorded?: (activity: ActivityEntry[]) => void,
  ) {}

  async afterStore({ activity }: StoredBatch): Promise<void> {
    if (activity.length === 0) return
    try {
      await this.nameDeleters(activity)
      await this.log.record(this.docId, activity)
      this.recorded?.(activity)
    } catch (error) {
      log('error', 'activity-record-failed', { docId: this.docId, error: (error as Error).message })
    }
  }

  /**
   * Text written into something deleted and collected says what it was written into (`within`): who deleted
   * that, the log knows — read only then, for the rare change that lost text so.
   */
  private async nameDeleters(activity: ActivityEntry[]): Promise<void> {
    const pieces = activity.flatMap((entry) => (entry.event.kind === 'lost' ? (entry.event.texts as (LostPiece & Pick<LostRun, 'within'>)[]) : []))
    if (!pieces.some((piece) => piece.within)) return
    // Unread, the entry is recorded all the same, without the name.
    const index = await this.log.history(this.docId).then(({ entries, tail }) => authorIndexOf(entries, tail), () => null)
    for (const piece of pieces) {
      if (!piece.within) continue
      const deletedBy = index?.deleted(Y.createID(...piece.within))?.by
      if (deletedBy) piece.deletedBy = deletedBy
      delete piece.within
    }
  }
}

/** Comments and suggestion decisions in a change someone sent (read before garbage collection), for the activity log. */
function activityOf(transaction: Y.Transaction): ActivityEntry[] {
  const origin = transaction.origin as TransactionOrigin | null
  if (origin?.kind !== 'remote' || !origin.by) return []
  const at = Date.now()
  const entries: ActivityEntry[] = []
  for (const event of threadActivity(transaction)) entries.push({ at, by: origin.by, event })
  const { accepted, rejected, places } = suggestionDecisions(transaction)
  if (accepted.length + rejected.length === 0) return entries
  const authors = [...new Set([...accepted, ...rejected].map((s) => s.author))]
  // In 处 (places), as every count of suggestions reads: not ids, which 全部替换 shares over all its places.
  entries.push({ at, by: origin.by, event: { kind: 'suggestions', accepted: places.accepted, rejected: places.rejected, authors } })
  return entries
}

/** At most this many pieces, each of at most this many characters, in one entry: enough for a person to find and retype them. */
const LOST_PIECES = 20
const LOST_CHARACTERS = 200

/**
 * Text a client's change took with it that nobody chose to delete (`lost-text.ts`), as activity of its sender;
 * `accountOf`: who wrote under a client id.
 */
export function lostActivity(transaction: Y.Transaction, incoming: Pick<IncomingUpdate, 'deletes' | 'onGarbage'>, accountOf: (client: number) => string | undefined): ActivityEntry[] {
  const origin = transaction.origin as TransactionOrigin | null
  const by = origin?.kind === 'remote' ? origin.by : undefined
  if (!by) return []
  const { unseen, intoDeleted } = lostText(transaction, incoming.deletes, incoming.onGarbage)
  const entry = (cause: 'unseen' | 'into-deleted', runs: LostRun[]): ActivityEntry[] => {
    const texts = runs
      .filter((run) => run.text.trim() !== '')
      .slice(0, LOST_PIECES)
      // The sender's new text is the sender's (its client ids are bound once the change is in).
      .map((run): LostPiece & Pick<LostRun, 'within'> => ({
        author: cause === 'into-deleted' ? by : (accountOf(run.client) ?? null),
        text: run.text.slice(0, LOST_CHARACTERS),
        field: run.field,
        project: run.project,
        ...(run.within ? { within: run.within } : {}),
      }))
    return texts.length === 0 ? [] : [{ at: Date.now(), by, event: { kind: 'lost', cause, texts } }]
  }
  return [...entry('unseen', unseen), ...entry('into-deleted', intoDeleted)]
}

/** `activityOf`, counted as the `activity` stage when JIXIAO_UPDATE_TIMINGS is on. */
export const readActivity: (transaction: Y.Transaction) => ActivityEntry[] = updateTimings ? timedActivityOf : activityOf

function timedActivityOf(transaction: Y.Transaction): ActivityEntry[] {
  const start = updateTimings!.now()
  const activity = activityOf(transaction)
  updateTimings!.since('activity', start)
  return activity
}
