/**
 * Text a change removed that nobody chose to remove. Two people, one of
 * them offline: one deletes an indicator row (or a project), the other
 * types into it. Yjs merges the two without a conflict — the typed text
 * goes with the row — so the row is simply gone on both screens, and
 * whoever typed never learns that the words were dropped.
 *
 * Read from the transaction that applied the change (`afterTransaction`,
 * before garbage collection empties what it deleted): text it deleted
 * that the sender's own update (`sent`) did not delete. A client deleting
 * a row deletes every item of it that it has, so what the deletion
 * reaches beyond those the sender had never seen (`unseen`). Text the
 * update adds into something already deleted (`intoDeleted`) is deleted on
 * arrival, or — once the server has collected what was deleted — lands on
 * garbage and integrates as nothing (the gate finds it: `onGarbage`), its
 * place gone with it. Text deleted on purpose is in `sent`, and is not here.
 */
import * as Y from 'yjs'
import { FIELD_LABEL } from '../schema/field-labels'
import { NODE } from '../schema/node-names'

/** What Yjs calls a DeleteSet (not exported as a type): the ids a transaction or an update deletes. */
export type DeleteSet = Y.Transaction['deleteSet']

export interface LostRun {
  /** The Yjs client that wrote it: the sender's own for `intoDeleted`. */
  client: number
  text: string
  /** The field it was in (项目名称, 指标值…), '' when not a field of the form. */
  field: string
  /** The name of the project it was in, '' outside the projects. */
  project: string
  /** Written into something deleted and collected: an id of what it was written into, whose deleter the log knows. */
  within?: [client: number, clock: number]
}

export interface LostText {
  unseen: LostRun[]
  intoDeleted: LostRun[]
}

const NOTHING: LostText = Object.freeze({ unseen: [], intoDeleted: [] }) as LostText

/** The text a type holds, deleted or not: a deleted project's name still says which project it was. */
function wholeText(type: Y.AbstractType<any> | undefined): string {
  let text = ''
  for (let item = type?._start ?? null; item !== null; item = item.right) if (item.content instanceof Y.ContentString) text += item.content.str
  return text
}

function elementAbove(type: Y.AbstractType<any>): Y.XmlElement | null {
  const parent = type._item?.parent
  return parent instanceof Y.XmlElement ? parent : null
}

/** Where a piece of text lies: its field, and the name of the project around it. */
function placeOf(text: Y.XmlText): { field: string; project: string } {
  const field = elementAbove(text)
  let project = ''
  for (let at: Y.XmlElement | null = field; at !== null; at = elementAbove(at)) {
    if (at.nodeName !== NODE.project) continue
    const name = at.toArray().find((child): child is Y.XmlElement => child instanceof Y.XmlElement && child.nodeName === NODE.projectName)
    project = wholeText(name?.toArray().find((child) => child instanceof Y.XmlText))
    break
  }
  return { field: (field && FIELD_LABEL[field.nodeName]) ?? '', project }
}

/** The text of items that land on garbage, as runs: each item typed right after the last one (its origin) goes on a run; any other starts one — another field, another place. */
function garbageRuns(transaction: Y.Transaction, items: readonly Y.Item[]): LostRun[] {
  const runs: (LostRun & { end: number })[] = []
  /** What an item was written into (its parent, else its neighbour), when the document had it before: collected garbage now. */
  const within = (item: Y.Item): [number, number] | undefined => {
    const via = item.parent instanceof Y.ID ? item.parent : (item.origin ?? item.rightOrigin)
    return via && via.clock < (transaction.beforeState.get(via.client) ?? 0) ? [via.client, via.clock] : undefined
  }
  for (const item of items) {
    const str = (item.content as Y.ContentString).str
    const run = runs.at(-1)
    const follows = item.origin !== null && item.origin.client === item.id.client && item.origin.clock === item.id.clock - 1
    if (run && run.client === item.id.client && run.end === item.id.clock && follows) {
      run.text += str
      run.end += item.length
    } else {
      const place = within(item)
      runs.push({ client: item.id.client, text: str, field: '', project: '', ...(place ? { within: place } : {}), end: item.id.clock + item.length })
    }
  }
  return runs.map(({ end: _end, ...run }) => run)
}

export function lostText(transaction: Y.Transaction, sent: DeleteSet, onGarbage: readonly Y.Item[] = []): LostText {
  if (transaction.deleteSet.clients.size === 0 && onGarbage.length === 0) return NOTHING
  const found: LostText = { unseen: [], intoDeleted: garbageRuns(transaction, onGarbage) }
  /** Runs are joined while the same client goes on in the same text. */
  let last: { run: LostRun; parent: Y.XmlText } | null = null
  transaction.deleteSet.clients.forEach((ranges, client) => {
    const structs = transaction.doc.store.clients.get(client) ?? []
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const item = structs[i]
        if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentString) || !(item.parent instanceof Y.XmlText)) continue
        if (Y.isDeleted(sent, item.id)) continue
        const arrived = item.id.clock >= (transaction.beforeState.get(client) ?? 0)
        const list = arrived ? found.intoDeleted : found.unseen
        if (last && last.parent === item.parent && last.run.client === client && list.at(-1) === last.run) {
          last.run.text += item.content.str
          continue
        }
        const run: LostRun = { client, text: item.content.str, ...placeOf(item.parent) }
        list.push(run)
        last = { run, parent: item.parent }
      }
    }
  })
  return found
}
