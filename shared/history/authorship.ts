/**
 * Who wrote what, from the server's log of accepted updates. Every Yjs item
 * carries an id (client, clock); the server knows which account sent the
 * update that inserted it, and which update deleted it. Those two facts,
 * kept per range of ids, outlive compaction (the log's updates are folded
 * into a snapshot, their ranges are kept as edit sessions) and answer
 * "who last changed this cell, and when" for any item still in the document.
 *
 * The attribution is the server's, not the client's: a client cannot claim
 * another person's edits, because only the account a connection logged in
 * with is ever recorded.
 */
import * as Y from 'yjs'
import { MARK } from '../schema/node-names'
import { isSuggestionInfo } from '../schema/suggestion'

/** One accepted update as the log keeps it: the update, the account that sent it (null: the server itself), and when. */
export interface AuthoredUpdate {
  update: Uint8Array
  by: string | null
  at: number
}

/** Item ids [from, to) of one client, inserted or deleted at `at`. */
export type IdRange = [client: number, from: number, to: number, at: number]

/**
 * A bound of a review mark an update wrote (a format item: where a
 * suggested insertion or deletion begins or ends), with whose suggestion it
 * opens (null: it closes one). Kept because the server's documents collect
 * a deleted item's content: once a suggestion is decided, its bounds are
 * deleted ids that no longer say they were marks, and attribution needs to
 * know that the text between them was someone's suggestion.
 */
export type MarkBound = [client: number, clock: number, mark: 'insertion' | 'deletion', author: string | null]

/**
 * One person's stretch of editing: updates by the same account with no
 * pause longer than SESSION_GAP_MS. What the activity log shows as
 * "王芳 编辑了 … 输入 120 字、删除 8 字", and what attribution reads.
 */
export interface EditSession {
  by: string | null
  from: number
  to: number
  /** Item clocks inserted and deleted: characters, mostly (marks and nodes count too; settings — attributes, map entries, comments — do not). */
  inserted: number
  deleted: number
  insertedRanges: IdRange[]
  deletedRanges: IdRange[]
  /** The review marks' bounds among the inserted ids (absent in sessions kept before they were recorded). */
  markBounds?: MarkBound[]
}

/** What attribution needs of a session: who, the ids they wrote and deleted, and which of those were review marks' bounds. */
export type SessionRanges = Pick<EditSession, 'by' | 'insertedRanges' | 'deletedRanges' | 'markBounds'>

export const SESSION_GAP_MS = 10 * 60_000

/** The review mark an item is a bound of, or null. */
function markBoundOf(struct: Y.Item): MarkBound | null {
  const content = struct.content
  if (!(content instanceof Y.ContentFormat)) return null
  const mark = content.key.startsWith(MARK.insertion) ? 'insertion' : content.key.startsWith(MARK.deletion) ? 'deletion' : null
  return mark && [struct.id.client, struct.id.clock, mark, isSuggestionInfo(content.value) ? content.value.author : null]
}

/**
 * The id ranges an update inserts and deletes, which of the inserted are
 * settings (a map entry or an attribute: a figure cell's record of what was
 * typed, say) rather than content, and which are review marks' bounds. A
 * malformed update (never stored) yields nothing.
 */
function rangesOf(update: Uint8Array, at: number, known: Settings): { inserted: IdRange[]; deleted: IdRange[]; settings: IdRange[]; marks: MarkBound[] } {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return { inserted: [], deleted: [], settings: [], marks: [] }
  }
  const inserted: IdRange[] = []
  const settings: IdRange[] = []
  const marks: MarkBound[] = []
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue
    const range: IdRange = [struct.id.client, struct.id.clock, struct.id.clock + struct.length, at]
    appendRange(inserted, range)
    if (!(struct instanceof Y.Item)) continue
    // A setting that replaces another is written after it, without its key: it is known by its left origin. A map or
    // an array made (a comment, its replies: the document's text is all XML types) is no text either.
    const madeMapOrArray = struct.content instanceof Y.ContentType && (struct.content.type instanceof Y.Map || struct.content.type instanceof Y.Array)
    if (struct.parentSub !== null || madeMapOrArray || (struct.origin !== null && known.has(struct.origin))) {
      settings.push([...range])
      known.add([...range])
    }
    const bound = markBoundOf(struct)
    if (bound) marks.push(bound)
  }
  const deleted: IdRange[] = []
  for (const [client, items] of decoded.ds.clients) for (const item of items) appendRange(deleted, [client, item.clock, item.clock + item.len, at])
  return { inserted, deleted, settings, marks }
}

/** Settings inserted so far, per client in clock order: a deletion of one (a setting replaced) is no deleted text. */
class Settings {
  private readonly byClient = new Map<number, IdRange[]>()

  add(range: IdRange): void {
    const list = this.byClient.get(range[0]) ?? this.byClient.set(range[0], []).get(range[0])!
    list.push(range)
  }

  has(id: Y.ID): boolean {
    return this.overlap([id.client, id.clock, id.clock + 1, 0]) > 0
  }

  /** How many ids of `range` are settings. */
  overlap([client, from, to]: IdRange): number {
    const list = this.byClient.get(client)
    if (!list) return 0
    let [lo, hi] = [0, list.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]![2] <= from) lo = mid + 1
      else hi = mid
    }
    let n = 0
    for (let i = lo; i < list.length && list[i]![1] < to; i++) n += Math.min(to, list[i]![2]) - Math.max(from, list[i]![1])
    return n
  }
}

/** Appends a range, extending the last one when it continues it (typing yields one range per keystroke). */
function appendRange(ranges: IdRange[], range: IdRange): void {
  const last = ranges.at(-1)
  if (last && last[0] === range[0] && last[2] === range[1]) {
    last[2] = range[2]
    last[3] = Math.max(last[3], range[3])
  } else ranges.push(range)
}

const width = (ranges: readonly IdRange[]) => ranges.reduce((n, r) => n + r[2] - r[1], 0)

/** Whether a workflow step (at one of `breaks`) came after `to` and by `at`: a session never runs across one. */
const crossesStep = (breaks: readonly number[], to: number, at: number) => breaks.some((b) => b > to && b <= at)

/**
 * Groups logged updates, in log order, into each account's edit sessions.
 * `breaks`: the times of workflow steps — what was typed before 报送 and after 退回 are two sessions, however close.
 */
export function editSessions(log: readonly AuthoredUpdate[], gapMs = SESSION_GAP_MS, breaks: readonly number[] = []): EditSession[] {
  const open = new Map<string | null, EditSession>()
  const sessions: EditSession[] = []
  // The counts a person reads ("输入 4 字") are of content: settings are left out of them (not of the ranges).
  const settings = new Settings()
  const settingCount = new Map<EditSession, number>()
  for (const { update, by, at } of log) {
    let session = open.get(by)
    if (!session || at - session.to > gapMs || crossesStep(breaks, session.to, at)) {
      session = { by, from: at, to: at, inserted: 0, deleted: 0, insertedRanges: [], deletedRanges: [], markBounds: [] }
      open.set(by, session)
      sessions.push(session)
    }
    const { inserted, deleted, settings: set, marks } = rangesOf(update, at, settings)
    for (const range of inserted) appendRange(session.insertedRanges, range)
    for (const range of deleted) appendRange(session.deletedRanges, range)
    session.markBounds!.push(...marks)
    settingCount.set(session, (settingCount.get(session) ?? 0) + width(set))
    // Only text moves a session's end: a comment resolved after a morning's typing is not typing at that hour.
    const text = width(inserted) > width(set) || deleted.some((range) => range[2] - range[1] > settings.overlap(range))
    if (text) session.to = Math.max(session.to, at)
  }
  for (const session of sessions) {
    session.inserted = width(session.insertedRanges) - (settingCount.get(session) ?? 0)
    session.deleted = session.deletedRanges.reduce((n, range) => n + range[2] - range[1] - settings.overlap(range), 0)
  }
  return sessions
}

/**
 * Sessions that continue each other across a compaction (the same account,
 * no long pause) read as one. Input in time order.
 */
export function joinSessions(sessions: readonly EditSession[], gapMs = SESSION_GAP_MS, breaks: readonly number[] = []): EditSession[] {
  const joined: EditSession[] = []
  const last = new Map<string | null, EditSession>()
  for (const session of [...sessions].sort((a, b) => a.from - b.from)) {
    const previous = last.get(session.by)
    if (previous && session.from - previous.to <= gapMs && !crossesStep(breaks, previous.to, session.from)) {
      previous.to = Math.max(previous.to, session.to)
      previous.inserted += session.inserted
      previous.deleted += session.deleted
      previous.insertedRanges.push(...session.insertedRanges)
      previous.deletedRanges.push(...session.deletedRanges)
      if (session.markBounds?.length) previous.markBounds = [...(previous.markBounds ?? []), ...session.markBounds]
      continue
    }
    const copy = { ...session, insertedRanges: [...session.insertedRanges], deletedRanges: [...session.deletedRanges], ...(session.markBounds && { markBounds: [...session.markBounds] }) }
    last.set(session.by, copy)
    joined.push(copy)
  }
  return joined
}

/** Who did something, and when. */
export interface Attribution {
  by: string | null
  at: number
  /**
   * Whose suggestion the change was, when it was someone else's: `by`
   * accepted it, and the words are the suggester's. Absent for a change
   * `by` made themselves.
   */
  suggestedBy?: string
}

interface Owned {
  from: number
  to: number
  by: string | null
  at: number
}

/** Ranges of one kind per client, sorted, for lookups by id. */
class RangeIndex {
  private readonly byClient = new Map<number, Owned[]>()

  add(by: string | null, [client, from, to, at]: IdRange): void {
    const list = this.byClient.get(client) ?? []
    list.push({ from, to, by, at })
    this.byClient.set(client, list)
  }

  sort(): void {
    for (const list of this.byClient.values()) list.sort((a, b) => a.from - b.from)
  }

  /** The latest attribution among the ranges overlapping [clock, clock + length). */
  latest(client: number, clock: number, length: number): Attribution | null {
    const list = this.byClient.get(client)
    if (!list) return null
    // First range that ends after `clock`.
    let [lo, hi] = [0, list.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]!.to <= clock) lo = mid + 1
      else hi = mid
    }
    let best: Attribution | null = null
    for (let i = lo; i < list.length && list[i]!.from < clock + length; i++) {
      const owned = list[i]!
      if (!best || owned.at > best.at) best = { by: owned.by, at: owned.at }
    }
    return best
  }
}

/** A review mark's bound as `AuthorIndex.boundsIn` reports it. */
export interface Bound {
  clock: number
  mark: 'insertion' | 'deletion'
  /** Whose suggestion it opens; null for a closing bound. */
  author: string | null
}

/**
 * Lookups from item ids to who inserted and who deleted them, and which
 * were review marks' bounds, built from a document's edit sessions.
 * `until` leaves out what happened later (attribution of a version as it
 * was when it was saved).
 */
export class AuthorIndex {
  private readonly inserts = new RangeIndex()
  private readonly deletes = new RangeIndex()
  private readonly bounds = new Map<number, Bound[]>()

  constructor(sessions: readonly SessionRanges[], until = Number.POSITIVE_INFINITY) {
    for (const session of sessions) {
      for (const range of session.insertedRanges) if (range[3] <= until) this.inserts.add(session.by, range)
      for (const range of session.deletedRanges) if (range[3] <= until) this.deletes.add(session.by, range)
      // Which ids were bounds is a fact about the ids, true whenever they exist: no `until` needed.
      for (const [client, clock, mark, author] of session.markBounds ?? []) {
        const list = this.bounds.get(client) ?? this.bounds.set(client, []).get(client)!
        list.push({ clock, mark, author })
      }
    }
    this.inserts.sort()
    this.deletes.sort()
    for (const list of this.bounds.values()) list.sort((a, b) => a.clock - b.clock)
  }

  /** The review marks' bounds among one client's ids [from, to), in clock order (a deleted item may hold several, merged). */
  boundsIn(client: number, from: number, to: number): Bound[] {
    const list = this.bounds.get(client)
    if (!list) return []
    let [lo, hi] = [0, list.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid]!.clock < from) lo = mid + 1
      else hi = mid
    }
    const found: Bound[] = []
    for (let i = lo; i < list.length && list[i]!.clock < to; i++) found.push(list[i]!)
    return found
  }

  inserted(id: Y.ID, length = 1): Attribution | null {
    return this.inserts.latest(id.client, id.clock, length)
  }

  deleted(id: Y.ID, length = 1): Attribution | null {
    return this.deletes.latest(id.client, id.clock, length)
  }
}

/**
 * The later of two attributions. Of two at the same moment by the same
 * person, the one naming a suggestion: one transaction that accepted a
 * suggestion also deleted the text it replaced.
 */
export const later = (a: Attribution | null, b: Attribution | null): Attribution | null =>
  !a ? b : !b ? a : b.at > a.at || (b.at === a.at && b.by === a.by && b.suggestedBy !== undefined && a.suggestedBy === undefined) ? b : a
