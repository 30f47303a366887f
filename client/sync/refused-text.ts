/**
 * The text a local copy holds that a document does not: what the server
 * refused (or never received), shown to the user so they can copy it, or
 * put back as suggestions where their role may suggest. Pure Yjs, no DOM.
 */
import * as Y from 'yjs'
import { contentOf } from '@shared/model/y-document'
import { TABLE_FIELDS } from '@shared/schema/fields'
import { MARK } from '@shared/schema/node-names'
import type { SuggestionInfo } from '@shared/schema/suggestion'
import { markedRunsOf } from '@shared/review/marked-runs'

/** A stretch of text the document lacks, as it stands in its field (pieces typed one by one, joined). */
export interface RefusedRun {
  text: string
  /** The character it follows (or, at the start of a field, precedes) that the document has, by id: where it goes back. */
  anchor: { id: Y.ID; after: boolean } | null
  /**
   * A figure's cell: the run is the cell's whole text as it was left, and goes back in place of the document's figure
   * (found by any of its characters, by id) — the digits typed are a number only with those kept beside them.
   */
  replaces?: Y.ID
  /**
   * Characters the document shows that the copy deleted just before this run (or, in a run of no text, alone): put
   * back as a suggested deletion beside the run, so 「≥90%」 retyped 「≥95%」 goes back as ≥90% → ≥95%, never as
   * 「≥90%≥95%」 with the old words left standing.
   */
  deletes?: Y.ID[]
  /** Their text, as the document has it — for a whole value, the value it replaces — for the panel. */
  deleted?: string
}

/**
 * The cells that hold one value (their node names): a figure, or an 指标值 or 实际完成值 (「≥90%」, 「96%」). A refused
 * edit in one is the whole value as typed, and goes back in place of the value there now — a colleague's newer one
 * included — never beside it, where the two would read as one value (「≥98%≥91%」).
 */
const FIGURE_CELLS: ReadonlySet<string> = new Set(TABLE_FIELDS.flatMap((f) => (f.node && (f.numeric || f.key === 'value' || f.key === 'actual') ? [f.node] : [])))

/** A field of the local copy with text the document lacks: the field (in the local copy, to name its place) and its runs in order. */
export interface RefusedField {
  field: Y.XmlText
  runs: RefusedRun[]
}

/** The local copy as a document of its own, to read its fields from. */
export function openLocalCopy(localState: Uint8Array): Y.Doc {
  const local = new Y.Doc()
  Y.applyUpdate(local, localState)
  return local
}

/**
 * The fields of `local` holding text that `doc` does not have and that is
 * still there in the local copy, in document order; in each, the runs of
 * such text as they read. Text typed a character at a time is many items,
 * not always each after the last (a figure's digits, as the editor wrote
 * them, came apart): what stands side by side in a field is one run. Deleted
 * text is not included: it is not text anybody could copy.
 */
export function refusedFields(local: Y.Doc, doc: Y.Doc): RefusedField[] {
  const known = Y.decodeStateVector(Y.encodeStateVector(doc))
  const has = (id: Y.ID) => id.clock < (known.get(id.client) ?? 0)
  const shownInDoc = showsCharacter(doc, has)
  const fields: RefusedField[] = []
  for (const field of textsOf(contentOf(local))) {
    const runs: { run: RefusedRun; first: Y.Item | null }[] = []
    let current: RefusedRun | null = null
    // The last character before here that the document has: where text after it goes back.
    let before: Y.ID | null = null
    // What the copy deleted of the document's text since the last character it kept: the next run replaces it.
    let dropped: { ids: Y.ID[]; text: string } = { ids: [], text: '' }
    const withDropped = (run: RefusedRun): RefusedRun => (dropped.ids.length > 0 ? { ...run, deletes: dropped.ids, deleted: dropped.text } : run)
    const endDropped = () => {
      if (dropped.ids.length > 0) runs.push({ run: withDropped({ text: '', anchor: null }), first: null })
      dropped = { ids: [], text: '' }
    }
    for (let item = field._start; item !== null; item = item.right) {
      const shown = !item.deleted && item.countable
      if (has(item.id)) {
        before = Y.createID(item.id.client, item.id.clock + item.length - 1)
        if (item.deleted) {
          for (let k = 0; k < item.length; k++) {
            const id = Y.createID(item.id.client, item.id.clock + k)
            const character = shownInDoc(id)
            if (!character) continue
            dropped.ids.push(id)
            dropped.text += character
          }
        } else if (shown) {
          current = null
          endDropped()
        }
      } else if (shown && item.content instanceof Y.ContentString) {
        if (current) current.text += item.content.str
        else {
          current = withDropped({ text: item.content.str, anchor: before && { id: before, after: true } })
          dropped = { ids: [], text: '' }
          runs.push({ run: current, first: item })
        }
      } else if (shown) current = null
    }
    endDropped()
    // Text at a field's start goes back before the first character the document has after it.
    for (const { run, first } of runs) if (!run.anchor && first) run.anchor = nextKnown(first, has)
    const kept = runs.map(({ run }) => run).filter((run) => run.text.trim().length > 0 || run.deletes)
    if (kept.length === 0) continue
    // A figure is read whole: 24.00 with its 00 deleted and 80 typed is 24.80, not 「80」 put back after 24.00.
    const figure = field.parent instanceof Y.XmlElement && FIGURE_CELLS.has(field.parent.nodeName)
    fields.push({ field, runs: figure ? [shownBeside(doc, wholeFigure(field, has))] : kept })
  }
  return fields
}

/** The runs of every field with refused text (`refusedFields`), in document order. */
export const refusedRuns = (localState: Uint8Array, doc: Y.Doc): RefusedRun[] => refusedFields(openLocalCopy(localState), doc).flatMap((f) => f.runs)

/**
 * A figure cell's text as left in the local copy, to replace the document's figure: found by a character the
 * document has (even one deleted here). A suggested insertion the document has (a reviewer's figure, merged into
 * the copy before it was read) is no part of it: 21.00 typed offline beside a suggested 22.00 is 21.00.
 */
function wholeFigure(field: Y.XmlText, has: (id: Y.ID) => boolean): RefusedRun {
  let text = ''
  let known: Y.ID | undefined
  let suggested = false
  for (let item = field._start; item !== null; item = item.right) {
    if (!known && has(item.id)) known = item.id
    if (item.deleted) continue
    if (item.content instanceof Y.ContentFormat) {
      if (item.content.key === MARK.insertion) suggested = item.content.value !== null
    } else if (item.countable && item.content instanceof Y.ContentString && !(suggested && has(item.id))) text += item.content.str
  }
  return { text, anchor: null, ...(known ? { replaces: known } : {}) }
}

/** A whole value with the value it replaces as the document reads now (for the panel: 「3.00 → 3.50」). */
function shownBeside(doc: Y.Doc, run: RefusedRun): RefusedRun {
  const place = run.replaces ? placeOf(doc, { id: run.replaces, after: false }) : null
  const now = place ? markedRunsOf(place.text).filter((r) => !r.deletion).map((r) => r.text).join('') : ''
  return now && now !== run.text ? { ...run, deleted: now } : run
}

/** The character of `doc` with this id where the document still shows it ('' where it does not, or it is no character). */
function showsCharacter(doc: Y.Doc, has: (id: Y.ID) => boolean): (id: Y.ID) => string {
  const deletes = Y.createDeleteSetFromStructStore(doc.store)
  return (id) => {
    if (!has(id) || Y.isDeleted(deletes, id)) return ''
    const item = Y.getItem(doc.store, id)
    return item instanceof Y.Item && item.content instanceof Y.ContentString ? (item.content.str[id.clock - item.id.clock] ?? '') : ''
  }
}

function* textsOf(type: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText> {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) yield child
    else if (child instanceof Y.XmlElement) yield* textsOf(child)
  }
}

function nextKnown(item: Y.Item, has: (id: Y.ID) => boolean): RefusedRun['anchor'] {
  for (let next = item.right; next !== null; next = next.right) if (has(next.id)) return { id: next.id, after: false }
  return null
}

/** What `restoreAsSuggestions` could not put back, and why. */
export interface NotRestored {
  /** Runs whose place is gone (their anchor, or their field had nothing the document has): to be copied by hand. */
  homeless: RefusedRun[]
  /**
   * Runs whose place holds someone else's pending suggestion, with their user names: written beside it they would
   * read as part of it, which the server refuses (and the refusal would keep yet another copy). Once that
   * suggestion is accepted or rejected they can be put back.
   */
  blocked: { run: RefusedRun; by: string[] }[]
}

/**
 * Puts the runs back into `doc` as `author`'s suggested insertions, each
 * where it was typed (after the character the document has that it
 * followed, if that is still there); a figure as a suggested replacement of
 * the cell's figure (`replaces`). Each suggestion gets a new `mark()`: its
 * id and time. Returns the runs it did not put back.
 */
export function restoreAsSuggestions(doc: Y.Doc, runs: RefusedRun[], author: string, mark: () => Omit<SuggestionInfo, 'author'>): NotRestored {
  const left: NotRestored = { homeless: [], blocked: [] }
  const suggestion = (): SuggestionInfo => ({ ...mark(), author })
  doc.transact(() => {
    for (const run of runs) {
      const placed = placementOf(doc, run)
      if (!placed) {
        left.homeless.push(run)
        continue
      }
      const { position, dropped } = placed
      if (isBack(position, dropped, run, author)) continue
      const by = blockersAt(placed, run, author)
      if (by.length > 0) left.blocked.push({ run, by })
      else if (run.replaces) replaceFigure(position.text, run.text, suggestion(), suggestion())
      else {
        if (dropped) position.text.format(dropped.from, dropped.length, { [MARK.deletion]: suggestion() })
        if (run.text) position.text.insert(position.index, run.text, { [MARK.insertion]: suggestion() })
      }
    }
  })
  return left
}

/** Where a run goes back and what it deletes there; null where its place is gone. */
function placementOf(doc: Y.Doc, run: RefusedRun): { position: { text: Y.XmlText; index: number }; dropped: DroppedRange | null } | null {
  const position = placeOfRun(doc, run)
  const dropped = position ? droppedRange(doc, run, position.text) : undefined
  return position && dropped !== undefined ? { position, dropped } : null
}

/** Who other than `author` has a pending suggestion where the run goes: a figure's whole cell, or around the place it goes back and what it deletes. */
function blockersAt({ position, dropped }: NonNullable<ReturnType<typeof placementOf>>, run: RefusedRun, author: string): string[] {
  const [from, to] = run.replaces ? [0, position.text.length] : [Math.min(position.index, dropped?.from ?? position.index) - 1, position.index + 1]
  return othersSuggesting(position.text, from, to, author)
}

/** Who holds `run` back now (`NotRestored.blocked`): [] once their suggestion is decided, or where nobody does. */
export function blockedBy(doc: Y.Doc, run: RefusedRun, author: string): string[] {
  const placed = placementOf(doc, run)
  return placed ? blockersAt(placed, run, author) : []
}

/** Whether `run` is in `doc` already as `author`'s suggestion (put back before: by a second press, or before a reload). */
export function alreadyBack(doc: Y.Doc, run: RefusedRun, author: string): boolean {
  const placed = placementOf(doc, run)
  return placed !== null && isBack(placed.position, placed.dropped, run, author)
}

/** Back: its text among `author`'s suggested insertions there, and what it deleted suggested for deletion by them. */
const isBack = (position: { text: Y.XmlText }, dropped: DroppedRange | null, run: RefusedRun, author: string) =>
  (run.text === '' || suggestedBy(position.text, author).includes(run.text)) && (dropped === null || deletionBy(position.text, dropped, author))

/** Where the characters a run deleted stand in the document, side by side. */
interface DroppedRange {
  from: number
  length: number
}

/**
 * The document's characters `run` deleted, as one stretch of `field`, where the run goes back: null for none;
 * undefined where they no longer stand side by side there (a colleague wrote between them, or moved them): then
 * the run is put back by hand.
 */
function droppedRange(doc: Y.Doc, run: RefusedRun, field: Y.XmlText): DroppedRange | null | undefined {
  if (!run.deletes || run.deletes.length === 0) return null
  const places = run.deletes.map((id) => placeOf(doc, { id, after: false }))
  const first = places[0]
  if (!first || places.some((p, i) => !p || p.text !== field || p.index !== first.index + i)) return undefined
  return { from: first.index, length: places.length }
}

/** Whether every character of `range` in `text` is suggested for deletion by `author`. */
function deletionBy(text: Y.XmlText, range: DroppedRange, author: string): boolean {
  let at = 0
  for (const run of markedRunsOf(text)) {
    const length = Math.max(run.text.length, 1)
    if (at < range.from + range.length && at + length > range.from && run.deletion?.author !== author) return false
    at += length
  }
  return true
}

/** The runs of text `author` suggests inserting in `text`, each whole. */
function suggestedBy(text: Y.XmlText, author: string): string[] {
  const runs: string[] = []
  let open = false
  for (const run of markedRunsOf(text)) {
    const mine = run.text !== '' && run.insertion?.author === author
    if (mine && open) runs[runs.length - 1] += run.text
    else if (mine) runs.push(run.text)
    open = mine
  }
  return runs
}

/** Who other than `author` has a pending suggestion on the characters `from`..`to` (end excluded) of `text`. */
function othersSuggesting(text: Y.XmlText, from: number, to: number, author: string): string[] {
  const by = new Set<string>()
  let at = 0
  for (const run of markedRunsOf(text)) {
    // An embedded node is one position.
    const length = Math.max(run.text.length, 1)
    if (at < to && at + length > from) {
      for (const mark of [run.insertion, run.deletion]) if (mark && mark.author !== author) by.add(mark.author)
    }
    at += length
  }
  return [...by]
}

/**
 * The cell's figure proposed for deletion and `figure` for insertion: two suggestions side by side, by one
 * person at once, which every reader takes as one replacement (`shared/review/replacements.ts`): 24.00 → 24.80.
 */
function replaceFigure(cell: Y.XmlText, figure: string, deletion: SuggestionInfo, insertion: SuggestionInfo): void {
  const length = cell.length
  if (length > 0) cell.format(0, length, { [MARK.deletion]: deletion })
  cell.insert(length, figure, { [MARK.insertion]: insertion })
}

/**
 * Where a run goes back: its figure's cell (replaced whole), beside the character it was typed against, or — a
 * run of deletions alone — where they are.
 */
const placeOfRun = (doc: Y.Doc, run: RefusedRun) =>
  run.replaces ? placeOf(doc, { id: run.replaces, after: false }) : run.anchor ? placeOf(doc, run.anchor) : run.deletes?.[0] ? placeOf(doc, { id: run.deletes[0], after: false }) : null

function placeOf(doc: Y.Doc, anchor: NonNullable<RefusedRun['anchor']>): { text: Y.XmlText; index: number } | null {
  if (anchor.id.clock >= Y.getState(doc.store, anchor.id.client)) return null
  const relative = Y.createRelativePositionFromJSON({ item: { client: anchor.id.client, clock: anchor.id.clock }, assoc: anchor.after ? -1 : 0 })
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc)
  return absolute && absolute.type instanceof Y.XmlText ? { text: absolute.type, index: absolute.index } : null
}
