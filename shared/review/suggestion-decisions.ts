/**
 * Which suggestions a transaction accepted or rejected, read from the
 * transaction itself (in an `afterTransaction` handler, before garbage
 * collection empties what it deleted), so the activity log can say
 * "张伟 接受了王芳的 3 处修订" from what the server applied — not from what
 * a client claims it did.
 *
 * Text suggestions are marks: a pending insertion whose mark goes away
 * while its text stays was accepted, one whose text goes was rejected; a
 * pending deletion whose text goes was accepted, one whose mark goes while
 * the text stays was rejected. Row suggestions are the `suggestion`
 * attribute: cleared with the row kept (insert accepted, delete rejected)
 * or the row removed (insert rejected, delete accepted).
 */
import * as Y from 'yjs'
import { isRowSuggestion, isSuggestionInfo, type SuggestionInfo } from '../schema/suggestion'
import { MARK } from '../schema/node-names'
import { pendingPlaces } from './pending-places'
import type { MarkedRun } from './replacements'

export interface SuggestionDecisions {
  accepted: SuggestionInfo[]
  rejected: SuggestionInfo[]
  /**
   * How many 处 each side decided, as `pendingPlaces` counts them: places in
   * the text (a replacement at one place is one; 全部替换's one pair of ids
   * over 48 places is 48) and rows.
   */
  places: { accepted: number; rejected: number }
}

type Pending = { kind: 'insert' | 'delete'; info: SuggestionInfo }

const insertedNow = (transaction: Y.Transaction, item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
const deletedNow = (transaction: Y.Transaction, item: Y.Item) => item.deleted && Y.isDeleted(transaction.deleteSet, item.id)

/** Mark state per review mark: the suggestion in force, before and after the transaction. */
interface MarkState {
  before: SuggestionInfo | null
  after: SuggestionInfo | null
}

const MARKS = [
  { name: MARK.insertion, kind: 'insert' },
  { name: MARK.deletion, kind: 'delete' },
] as const

/** Per suggestion id in one text: was it pending before, and is its text kept / is it still marked after. */
function textDecisions(transaction: Y.Transaction, text: Y.XmlText, found: Map<string, Pending & { kept: boolean; stillMarked: boolean }>): MarkedRun[] {
  /** The text as it was before the transaction, with its review marks: where the places are. */
  const before: MarkedRun[] = []
  const state = new Map<string, MarkState>(MARKS.map((m) => [m.name, { before: null, after: null }]))
  for (let item = text._start; item !== null; item = item.right as Y.Item | null) {
    const content = item.content
    if (content instanceof Y.ContentFormat) {
      const mark = MARKS.find((m) => content.key.startsWith(m.name))
      if (!mark) continue
      const value = isSuggestionInfo(content.value) ? content.value : null
      const s = state.get(mark.name)!
      if (!insertedNow(transaction, item) && (!item.deleted || deletedNow(transaction, item))) s.before = value
      if (!item.deleted) s.after = value
      continue
    }
    if (!item.countable || insertedNow(transaction, item) || (item.deleted && !deletedNow(transaction, item))) continue
    before.push({
      text: content instanceof Y.ContentString ? content.str : '',
      insertion: state.get(MARK.insertion)!.before,
      deletion: state.get(MARK.deletion)!.before,
    })
    for (const mark of MARKS) {
      const s = state.get(mark.name)!
      if (!s.before) continue
      const entry = found.get(s.before.id) ?? { kind: mark.kind, info: s.before, kept: false, stillMarked: false }
      if (!item.deleted) entry.kept = true
      if (!item.deleted && s.after?.id === s.before.id) entry.stillMarked = true
      found.set(s.before.id, entry)
    }
  }
  return before
}

/** A text's words now (deleted items left out), its marks aside. */
function wordsNow(text: Y.XmlText): string {
  let words = ''
  for (let item = text._start; item !== null; item = item.right as Y.Item | null) if (!item.deleted && item.content instanceof Y.ContentString) words += item.content.str
  return words
}

/**
 * Whether a text now reads as every suggestion decided in it accepted, or every one rejected (null: neither, or
 * both read alike). Its items do not always say: the editor's binding writes a decision as a diff of the words,
 * so "3.00 → 3.50" accepted may keep "3." of the old words and "50" of the new — and the deletion, its text
 * partly kept, would read as rejected.
 */
function verdictOf(runs: readonly MarkedRun[], decided: (id: string) => boolean, now: string): 'accepted' | 'rejected' | null {
  const reads = (accept: boolean) =>
    runs
      .filter((run) => (run.deletion && decided(run.deletion.id) ? !accept : run.insertion && decided(run.insertion.id) ? accept : true))
      .map((run) => run.text)
      .join('')
  const [ifAccepted, ifRejected] = [reads(true), reads(false)]
  if (ifAccepted === ifRejected) return null
  return now === ifAccepted ? 'accepted' : now === ifRejected ? 'rejected' : null
}

export function suggestionDecisions(transaction: Y.Transaction): SuggestionDecisions {
  // Every decision deletes something (text, a mark's bounds, an attribute, a row): plain typing — most
  // transactions — is passed over without walking anything. A text that never held formatting holds no marks.
  // Deleting text in an unformatted cell — most deletions — touches neither marks, nor a row's attribute,
  // nor a row (whose removal changes its parent, never a text): nothing to walk. Both are asked before
  // anything is made: this runs for every update the server takes.
  if (transaction.deleteSet.clients.size === 0 || !watchedChange(transaction)) return { accepted: [], rejected: [], places: { accepted: 0, rejected: 0 } }
  return walkedDecisions(transaction)
}

function walkedDecisions(transaction: Y.Transaction): SuggestionDecisions {
  const decisions: SuggestionDecisions = { accepted: [], rejected: [], places: { accepted: 0, rejected: 0 } }
  /** A row is one place; text places are counted from the texts once every id is decided. */
  const decide = (kind: 'insert' | 'delete', kept: boolean, info: SuggestionInfo, isRow = false) => {
    const side = (kind === 'insert') === kept ? 'accepted' : 'rejected'
    decisions[side].push(info)
    if (isRow) decisions.places[side]++
  }
  const texts = new Map<string, Pending & { kept: boolean; stillMarked: boolean }>()
  const textsBefore: MarkedRun[][] = []
  const wordsAfter: string[] = []
  for (const [type, keys] of transaction.changed) {
    if (type instanceof Y.XmlText) {
      if (type._hasFormatting) {
        textsBefore.push(textDecisions(transaction, type, texts))
        wordsAfter.push(wordsNow(type))
      }
    }
    else if (type instanceof Y.XmlElement && keys.has('suggestion')) {
      // The attribute cleared on a row that stays.
      // Removed: the map's item for the key is the deleted one; replaced: its left neighbour is.
      const current = type._map.get('suggestion')
      const previous = current && deletedNow(transaction, current) ? current : (current?.left as Y.Item | null | undefined)
      const before = previous && deletedNow(transaction, previous) && previous.content instanceof Y.ContentAny ? previous.content.getContent()[0] : undefined
      if (isRowSuggestion(before) && !isRowSuggestion(type.getAttribute('suggestion'))) decide(before.kind, true, before, true)
    }
  }
  const decided = (id: string) => texts.get(id)?.stillMarked === false
  /** By suggestion id, what its text reads as; where it reads as neither, its items say. */
  const verdicts = new Map<string, 'accepted' | 'rejected'>()
  textsBefore.forEach((runs, i) => {
    const verdict = verdictOf(runs, decided, wordsAfter[i]!)
    if (!verdict) return
    for (const run of runs) for (const info of [run.insertion, run.deletion]) if (info && decided(info.id) && !verdicts.has(info.id)) verdicts.set(info.id, verdict)
  })
  for (const entry of texts.values()) {
    if (entry.stillMarked) continue
    const verdict = verdicts.get(entry.info.id)
    decide(entry.kind, verdict ? (verdict === 'accepted') === (entry.kind === 'insert') : entry.kept, entry.info)
  }
  const accepted = new Set(decisions.accepted.map((info) => info.id))
  const rejected = new Set(decisions.rejected.map((info) => info.id))
  for (const runs of textsBefore) {
    decisions.places.accepted += pendingPlaces(runs, (info) => accepted.has(info.id))
    decisions.places.rejected += pendingPlaces(runs, (info) => rejected.has(info.id))
  }

  // Rows removed while they carried a suggestion.
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (!(struct instanceof Y.Item) || insertedNow(transaction, struct) || !(struct.content instanceof Y.ContentType)) return
    const element = struct.content.type
    if (!(element instanceof Y.XmlElement)) return
    // Deleting the row deleted its attributes with it: read the value the row had.
    const item = element._map.get('suggestion')
    const suggestion = item && (!item.deleted || deletedNow(transaction, item)) ? item.content.getContent()[0] : undefined
    if (isRowSuggestion(suggestion)) decide(suggestion.kind, false, suggestion, true)
  })
  return decisions
}

/** Whether the transaction changed anything but texts that never held formatting (an element's attribute, a row added or removed, a mark). */
function watchedChange(transaction: Y.Transaction): boolean {
  for (const type of transaction.changed.keys()) {
    if (!(type instanceof Y.Text) || type._hasFormatting) return true
  }
  return false
}
