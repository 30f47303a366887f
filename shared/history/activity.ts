/**
 * A document's activity log: what happened to it, by whom, when. Edits are
 * not logged one by one: they are the log's updates, summarised per person
 * per session (`authorship.ts`). Everything else is an event the server
 * records as it happens — it decided or applied each of them, so the names
 * are the accounts that did them.
 */
import type { Role } from '../protocol/role'
import { AuthorIndex, editSessions, joinSessions, SESSION_GAP_MS, type AuthoredUpdate, type EditSession } from './authorship'

export type ActivityEvent =
  | ({ kind: 'edits' } & EditSession)
  /** versionId: the version the step kept (absent in entries recorded before it was). */
  | { kind: 'workflow'; action: string; from: string; to: string; note?: string; versionId?: number }
  | {
      kind: 'comment'
      action: 'created' | 'replied' | 'resolved' | 'reopened'
      quote: string
      text: string
      /** Who wrote in the thread before (logins): a reply is news to them. */
      participants?: string[]
      /** Names written as @name in the comment, as written. */
      mentions?: string[]
    }
  | { kind: 'suggestions'; accepted: number; rejected: number; authors: string[] }
  | { kind: 'version'; name: string; versionId: number }
  | { kind: 'restore'; name: string; versionId: number; project?: string }
  | { kind: 'role'; user: string; role: Role | null }
  | { kind: 'refused'; rule: string; reason: string }
  /**
   * Text that went with something deleted though nobody chose to delete it (`@shared/review/lost-text`):
   * `unseen`, others' text inside what the entry's author deleted without having seen it; `into-deleted`, the
   * author's own text, written into what someone had deleted meanwhile.
   */
  | { kind: 'lost'; cause: 'unseen' | 'into-deleted'; texts: LostPiece[] }
  /** from: next year's draft of that document; cleared: what the draft did not carry over (`successor.ts`). */
  | { kind: 'created'; from?: { docId: string; title: string }; cleared?: string[] }

/** One piece of lost text: who wrote it (a login; null when unknown), the words, the field and the project they were in. */
export interface LostPiece {
  author: string | null
  text: string
  field: string
  project: string
  /** Written into something deleted: who had deleted it, when the log says (a login). */
  deletedBy?: string
}

/** Where a lost piece was, as much of it as is known: （项目“…”的指标值）. */
export function lostPlace(piece: LostPiece): string {
  const where = [piece.project && `项目“${piece.project}”`, piece.field].filter(Boolean).join('的')
  return where ? `（${where}）` : ''
}

export interface ActivityEntry {
  at: number
  /** The account that did it; null for the server itself (an import, a migration). */
  by: string | null
  event: ActivityEvent
}

/** An edit session as the activity log shows it: counts, not the id ranges behind them. */
export type EditSummary = Omit<EditSession, 'insertedRanges' | 'deletedRanges' | 'markBounds'>

export type ActivityView = { at: number; by: string | null } & (
  | ({ kind: 'edits' } & EditSummary)
  | Exclude<ActivityEvent, { kind: 'edits' }>
)

/** Every edit session: those folded by compaction and those of the log not yet folded, joined across the seam. */
export function allSessions(stored: readonly ActivityEntry[], tail: readonly AuthoredUpdate[]): EditSession[] {
  const folded = stored.flatMap((e) => (e.event.kind === 'edits' ? [e.event] : []))
  // A workflow step parts a person's typing: before 报送 and after 退回 are read as two sessions, each in its place.
  const steps = stepTimes(stored)
  return joinSessions([...folded, ...editSessions(tail, SESSION_GAP_MS, steps)], SESSION_GAP_MS, steps)
}

/** When the workflow steps were taken. */
export const stepTimes = (stored: readonly ActivityEntry[]): number[] => stored.flatMap((e) => (e.event.kind === 'workflow' ? [e.at] : []))

/** The log as people read it, newest first. */
export function activityLog(stored: readonly ActivityEntry[], tail: readonly AuthoredUpdate[]): ActivityView[] {
  const events: ActivityView[] = stored.flatMap((e) => (e.event.kind === 'edits' ? [] : [{ ...e.event, at: e.at, by: e.by }]))
  // A comment, a reply, a thread resolved: map entries, which a session counts as no text. Such a session beside
  // that person's comment line in its time was the comment, and read "输入 0 字" under it.
  const commented = (s: EditSession) =>
    events.some((e) => e.kind === 'comment' && e.by === s.by && e.at >= s.from - COMMENT_SLACK_MS && e.at <= s.to + COMMENT_SLACK_MS)
  const edits: ActivityView[] = allSessions(stored, tail)
    .filter((s) => s.by !== null && !(s.inserted === 0 && s.deleted === 0 && commented(s)))
    .map(({ insertedRanges: _i, deletedRanges: _d, markBounds: _m, ...summary }) => ({ kind: 'edits', at: summary.to, ...summary }))
  return [...edits, ...events].sort((a, b) => b.at - a.at)
}

/** A comment's event is recorded as its update is applied: within this of the update's time. */
const COMMENT_SLACK_MS = 2_000

/**
 * When `activityLog`'s newest entry happened, and whose it is, read off the
 * entries' times without decoding a single update: what a list of
 * documents shows as the last change.
 */
/** The newest entry of a document's activity log: when, by whom, and which workflow step it was, if it was one. */
export interface LatestActivity {
  at: number
  by: string | null
  /** The step's label (报送, 审核通过, …) when the newest entry is a workflow step: a list names it rather than call it a change. */
  step?: string
}

export function latestActivity(stored: readonly ActivityEntry[], tail: readonly AuthoredUpdate[]): LatestActivity | undefined {
  let latest: LatestActivity | undefined
  const consider = (at: number, by: string | null, step?: string) => {
    if (!latest || at > latest.at) latest = { at, by, ...(step ? { step } : {}) }
  }
  // Edits before events: of two entries at the same time, the log lists the edit first.
  for (const e of stored) if (e.event.kind === 'edits' && e.event.by !== null) consider(e.event.to, e.event.by)
  for (const update of tail) if (update.by !== null) consider(update.at, update.by)
  // A refusal changed nothing: the step or edit before it stays the last thing done.
  for (const e of stored) if (e.event.kind !== 'edits' && e.event.kind !== 'refused') consider(e.at, e.by, e.event.kind === 'workflow' ? e.event.action : undefined)
  return latest
}

/** Everyone `activityLog` names (logins), read without decoding an update. */
export const activityActors = (stored: readonly ActivityEntry[], tail: readonly AuthoredUpdate[]): string[] => [
  ...new Set([...stored, ...tail].flatMap((entry) => (entry.by === null ? [] : [entry.by]))),
]

/** Who inserted and deleted each item, as of `until` (default: now). */
export const authorIndexOf = (stored: readonly ActivityEntry[], tail: readonly AuthoredUpdate[], until?: number): AuthorIndex =>
  new AuthorIndex(allSessions(stored, tail), until)
