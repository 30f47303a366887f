/**
 * Whoever sends an update speaks for themselves: a suggestion (an
 * `insertion`/`deletion` mark on text, or a row's `suggestion` attribute)
 * that an update creates is in the sender's name, whatever the sender's
 * role. Otherwise an editor could type text marked as 王芳's insertion and
 * accept it, and the activity log and the Word export's tracked changes
 * would name 王芳.
 *
 * An update may still carry someone else's suggestion that the document
 * already held under the same id and author: a row moved with a reviewer's
 * pending insertion inside is deleted and inserted again, and undoing a
 * rejection brings the suggestion's text back. `KnownSuggestions` remembers
 * every suggestion a document held while it was followed (deleted ones
 * included, since the server's document collects their content), so such
 * a move or undo passes. What may not be written under another's
 * suggestion id is more of it: while the document still holds that
 * suggestion (a mark or row attribute naming it that is not deleted), an
 * update writing it elsewhere must delete every place it held it — a move
 * — or an editor could lengthen a reviewer's pending insertion with text
 * of their own.
 */
import * as Y from 'yjs'
import { MARK } from '../schema/node-names'
import type { TrialReplica } from './trial-replica'
import { isSuggestionInfo, type SuggestionInfo } from '../schema/suggestion'

const MARK_KEYS: readonly string[] = Object.values(MARK)

/** An update's deletions, as `Y.decodeUpdate` reads them (Yjs exports no name for the type). */
export type DeleteSet = ReturnType<typeof Y.createDeleteSet>
const ROW_KEY = 'suggestion'

/** The suggestion an item writes (a mark's value, a row's attribute), `invalid` for a malformed one, null for none (or a mark removed). */
function suggestionOf(item: Y.Item): SuggestionInfo | 'invalid' | null {
  let value: unknown
  if (item.content instanceof Y.ContentFormat && MARK_KEYS.includes(item.content.key)) value = item.content.value
  else if (item.parentSub === ROW_KEY && item.content instanceof Y.ContentAny) value = item.content.arr[0]
  else return null
  if (value === null || value === undefined) return null
  return isSuggestionInfo(value) ? value : 'invalid'
}

/** Every suggestion id a document held while followed, with its author. Dispose it with the document. */
export class KnownSuggestions {
  private readonly authors = new Map<string, string>()
  /** The items (a mark's format item, a row's attribute) that wrote each id, while any of them is not deleted. */
  private readonly holders = new Map<string, Y.Item[]>()
  private readonly follow = (transaction: Y.Transaction) => {
    for (const [client, after] of transaction.afterState) this.scan(client, transaction.beforeState.get(client) ?? 0, after)
  }

  constructor(private readonly doc: Y.Doc) {
    for (const [client, structs] of doc.store.clients) this.scan(client, 0, Y.getState(doc.store, client), structs)
    doc.on('afterTransaction', this.follow)
  }

  authorOf(id: string): string | undefined {
    return this.authors.get(id)
  }

  /** Whether the document holds a suggestion (not deleted) by anyone but `author`. */
  holdsOthersThan(author: string): boolean {
    for (const [id, holders] of this.holders) if (this.authors.get(id) !== author && holders.some((item) => !item.deleted)) return true
    return false
  }

  /** Whether the document holds the suggestion somewhere that `deleted` (an update's delete set) leaves standing. */
  heldOutside(id: string, deleted: DeleteSet): boolean {
    const holders = this.holders.get(id)
    if (!holders) return false
    const live = holders.filter((item) => !item.deleted)
    if (live.length === 0) this.holders.delete(id)
    else this.holders.set(id, live)
    return live.some((item) => !Y.isDeleted(deleted, item.id))
  }

  dispose(): void {
    this.doc.off('afterTransaction', this.follow)
  }

  private scan(client: number, from: number, to: number, structs = this.doc.store.clients.get(client)): void {
    if (!structs || from >= to) return
    for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) {
      const struct = structs[i]!
      if (!(struct instanceof Y.Item)) continue
      const found = suggestionOf(struct)
      if (!found || found === 'invalid') continue
      if (!this.authors.has(found.id)) this.authors.set(found.id, found.author)
      if (!struct.deleted) this.holders.set(found.id, [...(this.holders.get(found.id) ?? []), struct])
    }
  }
}

/**
 * Why the update may not be taken from `sender`, or null: every suggestion
 * it writes is the sender's own, or one the document held under the same
 * id and author and (`heldOutside`) no longer holds anywhere the update
 * leaves standing. `update` is what the document lacks (the causal gate's
 * `incoming.update`); `structs`, when given, are its structs already
 * decoded (the gate's `incoming.items`), so it is not decoded again.
 * Never throws.
 */
export function foreignSuggestion(
  update: Uint8Array,
  sender: string,
  known: (id: string) => string | undefined,
  structs?: readonly (Y.Item | Y.GC | Y.Skip)[],
  heldOutside: (id: string, deleted: DeleteSet) => boolean = () => false,
  onlyReaffirm: (marks: readonly Y.Item[]) => boolean = () => false,
): string | null {
  let deleted: DeleteSet | null = null
  if (!structs) {
    try {
      ;({ structs, ds: deleted } = Y.decodeUpdate(update))
    } catch {
      return '无法读取此更新'
    }
  }
  const rewritten: Y.Item[] = []
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const suggestion = suggestionOf(struct)
    if (suggestion === null) continue
    if (suggestion === 'invalid') return '修订标记的格式不正确'
    if (suggestion.author === sender) continue
    if (known(suggestion.id) !== suggestion.author) return '新的修订建议只能以本人名义提出'
    // The deletions are read only here, for the rare update carrying someone else's suggestion (a move, an undo).
    deleted ??= Y.decodeUpdate(update).ds
    if (!heldOutside(suggestion.id, deleted)) continue
    if (!(struct.content instanceof Y.ContentFormat)) return LENGTHENED
    rewritten.push(struct)
  }
  return rewritten.length > 0 && !onlyReaffirm(rewritten) ? LENGTHENED : null
}

const LENGTHENED = '不能在他人的修订建议中加入内容：请另行提出自己的修订建议'

/**
 * Whether `marks` — an update's items writing someone else's pending
 * suggestion while the document holds it elsewhere — only mark again text
 * that was under that same suggestion already. Yjs writes them so: text
 * typed with marks of one's own at the edge of, or inside, a colleague's
 * pending insertion is followed by an item giving the rest back its mark —
 * 李娜's suggestion typed right after 王芳's carries 王芳's mark, governing
 * nothing new. Anything more (text of the update, or text that was not
 * under it) makes the suggestion say what its author did not. Tried on the
 * trial replica, which is not kept: the policy's other rules have yet to
 * judge the update (a rare case, met once where such typing starts).
 */
export function onlyReaffirms(trial: TrialReplica, update: Uint8Array, marks: readonly Y.Item[]): boolean {
  const doc = trial.document
  const isNew = (id: Y.ID) => id.clock >= Y.getState(doc.store, id.client)
  return trial.trial(
    (replica) => {
      Y.applyUpdate(replica, update)
      const placed = marks.map((mark) => Y.getItem(replica.store, mark.id) as Y.Item)
      const ours = new Set(placed)
      for (const text of new Set(placed.map((item) => item.parent))) {
        if (!(text instanceof Y.Text)) return false
        // Per key: the mark in force now (the item setting it), and the one the text had before the update.
        const now = new Map<string, Y.Item>()
        const before = new Map<string, unknown>()
        for (let item = text._start; item !== null; item = item.right) {
          if (item.content instanceof Y.ContentFormat) {
            if (item.deleted) continue
            now.set(item.content.key, item)
            if (!isNew(item.id)) before.set(item.content.key, item.content.value)
            continue
          }
          if (item.deleted || !item.countable) continue
          for (const [key, setter] of now) {
            if (!ours.has(setter)) continue
            const was = before.get(key)
            if (isNew(item.id) || !isSuggestionInfo(was) || was.id !== ((setter.content as Y.ContentFormat).value as SuggestionInfo).id) return false
          }
        }
      }
      return true
    },
    () => false,
  )
}

/**
 * Why the update may not be taken from `sender`, or null: text (or a node)
 * it adds inside someone else's pending suggestion — between the marks the
 * document already holds, so it would read as theirs (a run of text with
 * the same marks as its neighbour carries no marks of its own in Yjs). A
 * suggestion the update writes whole (a moved row, checked by
 * `foreignSuggestion`) may hold its own text. Tried on the trial replica,
 * where the update's text lands as Yjs integrates it; the replica is kept
 * when nothing is refused. `items`: the update's new items, as the causal
 * gate decoded them.
 */
export function writesIntoForeignSuggestion(trial: TrialReplica, update: Uint8Array, items: readonly Y.Item[], sender: string): string | null {
  const doc = trial.document
  const isNew = (id: Y.ID) => id.clock >= Y.getState(doc.store, id.client)
  const added = items.filter((s) => !(s.content instanceof Y.ContentFormat) && s.parentSub === null)
  if (added.length === 0) return null
  const refusal = trial.trial(
    (replica) => {
      Y.applyUpdate(replica, update)
      const texts = new Set<Y.Text>()
      for (const struct of added) {
        const parent = (Y.getItem(replica.store, struct.id) as Y.Item).parent
        if (parent instanceof Y.Text) texts.add(parent)
      }
      for (const text of texts) {
        const marks = new Map<string, { value: unknown; by: Y.Item }>()
        for (let item = text._start; item !== null; item = item.right) {
          if (item.deleted) continue
          if (item.content instanceof Y.ContentFormat) {
            if (item.content.value === null) marks.delete(item.content.key)
            else marks.set(item.content.key, { value: item.content.value, by: item })
            continue
          }
          if (!isNew(item.id) || !item.countable) continue
          for (const key of MARK_KEYS) {
            const mark = marks.get(key)
            if (mark && !isNew(mark.by.id) && isSuggestionInfo(mark.value) && mark.value.author !== sender) return '不能在他人的修订建议中加入内容：请先接受或拒绝该建议'
          }
        }
      }
      return null
    },
    (refused) => refused === null,
  )
  return refusal
}
