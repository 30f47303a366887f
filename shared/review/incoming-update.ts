/**
 * What an update would integrate into a document, worked out from the
 * update and the document's structures before anything is applied: the
 * causal gate every client update passes before a rule looks at it.
 *
 * Yjs keeps whatever it cannot integrate yet (an item whose origin or
 * parent it does not have, a deletion of an id it has not seen) as pending
 * state and integrates it later, inside somebody else's update — past every
 * rule. So an update is taken only when all of it integrates at once:
 * each client's new structs start where the document's end, every origin,
 * right origin and parent is in the document or earlier in the update,
 * and every deletion names ids that will then exist. Otherwise it is
 * `incomplete`, and the client is asked for its full state instead.
 *
 * What is judged is only what is new: structs beyond the document's state
 * vector and deletions of items still alive. A client reconnecting with
 * its whole history (every sync step 2 carries the full delete set,
 * including the server's own old deletions in `meta`) changes nothing and
 * touches nothing.
 *
 * The document holds only the roots of the layout (`content`, `meta`,
 * `threads`), and sizes are capped before anything is applied.
 */
import * as Y from 'yjs'
import { ROOT } from '../model/y-document'
import type { DeleteSet } from './lost-text'

export type RootName = (typeof ROOT)[keyof typeof ROOT]

export interface UpdateLimits {
  /** One update, as received. */
  updateBytes: number
  /** One item's content: a pasted text, a comment, an attribute value. */
  itemBytes: number
}

export const UPDATE_LIMITS: UpdateLimits = {
  updateBytes: 8 * 1024 * 1024,
  itemBytes: 1024 * 1024,
}

export interface IncomingUpdate {
  /** The update reduced to what the document lacks (known structs cut off). */
  update: Uint8Array
  /** Roots the update changes: new items in them, or live items of theirs it deletes. */
  roots: Set<RootName>
  /** Nothing would change: every struct is known and every deletion done. */
  empty: boolean
  /** The Yjs client ids it writes new structs under (items and collected ranges alike). */
  writers: number[]
  /** The new items of `update`, decoded once by the gate: rules read them instead of decoding the update again. */
  items: Y.Item[]
  /** What the update deletes (all it names, known or not): what its sender chose to delete (`lost-text.ts`). */
  deletes: DeleteSet
  /** Its new text that lands on collected garbage (inside something deleted meanwhile) and integrates as nothing. */
  onGarbage: Y.Item[]
}

export type UpdateAnalysis =
  | { kind: 'integrates'; incoming: IncomingUpdate }
  /** It depends on something the document does not have: the sender should send its full state. */
  | { kind: 'incomplete'; reason: string }
  /** Never acceptable, whatever the document holds: too large, or not the document's structure. */
  | { kind: 'refused'; rule: 'size' | 'structure'; reason: string }
  | { kind: 'malformed'; reason: string }

const ROOT_NAMES: ReadonlySet<string> = new Set(Object.values(ROOT))
const isRoot = (name: string): name is RootName => ROOT_NAMES.has(name)
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`

/** Never throws; never changes `doc`. */
export function analyseUpdate(doc: Y.Doc, update: Uint8Array, limits: UpdateLimits = UPDATE_LIMITS): UpdateAnalysis {
  if (update.length > limits.updateBytes) return { kind: 'refused', rule: 'size', reason: `单次更新超过上限（${mib(limits.updateBytes)}）` }
  let diff: Uint8Array
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    diff = update
    decoded = Y.decodeUpdate(update)
    // A keystroke has nothing the document knows: only a resent or merged update needs cutting down (a re-encode).
    if (decoded.structs.some((s) => s.id.clock < Y.getState(doc.store, s.id.client))) {
      diff = Y.diffUpdate(update, Y.encodeStateVector(doc))
      decoded = Y.decodeUpdate(diff)
    }
  } catch (error) {
    return { kind: 'malformed', reason: `update cannot be decoded: ${(error as Error).message}` }
  }
  const byClient = groupByClient(decoded.structs)
  const frontier = integrationFrontier(doc, byClient)
  if (frontier === null) return { kind: 'incomplete', reason: '更新引用了服务器上没有的内容' }

  const items = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item)
  for (const item of items) {
    if (item.content instanceof Y.ContentDoc) return { kind: 'refused', rule: 'structure', reason: '文档中不能嵌入子文档' }
    if (contentBytes(item.content) > limits.itemBytes) return { kind: 'refused', rule: 'size', reason: `单项内容超过上限（${mib(limits.itemBytes)}）` }
    if (typeof item.parent === 'string') {
      if (!isRoot(item.parent)) return { kind: 'refused', rule: 'structure', reason: `不能新增文档部分“${String(item.parent).slice(0, 40)}”` }
      // `content` is a list of nodes, `meta` and `threads` are maps: an entry of the other kind would be invisible.
      if ((item.parent === ROOT.content) !== (item.parentSub === null)) return { kind: 'refused', rule: 'structure', reason: '更新的结构与文档不符' }
    }
  }
  const rootOf = makeRootFinder(doc, byClient)
  const roots = new Set<RootName>()
  const onGarbage: Y.Item[] = []
  for (const item of items) {
    const root = rootOf(item)
    if (root === 'invalid') return { kind: 'refused', rule: 'structure', reason: '更新的结构与文档不符' }
    if (root !== null) roots.add(root)
    else if (item.content instanceof Y.ContentString) onGarbage.push(item)
  }

  let liveDeletions = 0
  for (const [client, ranges] of decoded.ds.clients) {
    const known = Y.getState(doc.store, client)
    for (const { clock, len } of ranges) {
      if (clock + len > (frontier.get(client) ?? known)) return { kind: 'incomplete', reason: '删除引用了服务器上没有的内容' }
      // Deletions of the update's own new items count with those items; the document's are looked up.
      forEachLiveItem(doc, client, clock, Math.min(clock + len, known), (item) => {
        liveDeletions++
        const root = rootOfType(item.parent as Y.AbstractType<unknown>)
        if (isRoot(root)) roots.add(root)
      })
    }
  }
  return { kind: 'integrates', incoming: { update: diff, roots, empty: decoded.structs.length === 0 && liveDeletions === 0, writers: [...byClient.keys()], items, deletes: decoded.ds, onGarbage } }
}

type Struct = Y.Item | Y.GC | Y.Skip

function groupByClient(structs: Struct[]): Map<number, Struct[]> {
  const byClient = new Map<number, Struct[]>()
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? []
    list.push(struct)
    byClient.set(struct.id.client, list)
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  return byClient
}

/**
 * The clock each client reaches once the update is integrated, or null
 * when some of it would stay pending. Simulates Yjs's integration order:
 * a client's structs go in clock order, each once its origin, right origin
 * and parent exist; a struct blocked on another client waits until that
 * client gets far enough. A cycle or a gap blocks for good.
 */
function integrationFrontier(doc: Y.Doc, byClient: Map<number, Struct[]>): Map<number, number> | null {
  const frontier = new Map<number, number>()
  for (const [client, structs] of byClient) {
    let clock = Y.getState(doc.store, client)
    for (const struct of structs) {
      if (struct instanceof Y.Skip || struct.id.clock !== clock) return null
      clock += struct.length
    }
  }
  const next = new Map<number, number>()
  const waiting = new Map<number, number[]>()
  const queue = [...byClient.keys()]
  while (queue.length > 0) {
    const client = queue.pop()!
    const structs = byClient.get(client)!
    let i = next.get(client) ?? 0
    const start = i
    while (i < structs.length) {
      const blocker = missingFor(doc, frontier, structs[i]!)
      if (blocker) {
        waiting.set(blocker.client, [...(waiting.get(blocker.client) ?? []), client])
        break
      }
      frontier.set(client, structs[i]!.id.clock + structs[i]!.length)
      i++
    }
    next.set(client, i)
    if (i > start) {
      queue.push(...(waiting.get(client) ?? []))
      waiting.delete(client)
    }
  }
  for (const [client, structs] of byClient) if ((next.get(client) ?? 0) < structs.length) return null
  return frontier
}

/*
 * The helpers of the gate live at module level, not as closures inside the
 * functions that use them: the server runs under tsx, whose esbuild keeps
 * function names by wrapping every named closure in a defineProperty call
 * each time it is created — per update, measurable in the relay's profile.
 */

/** The id a struct needs that neither the document nor the update so far (`frontier`) has, or null. */
function missingFor(doc: Y.Doc, frontier: Map<number, number>, struct: Struct): Y.ID | null {
  if (!(struct instanceof Y.Item)) return null
  const { origin, rightOrigin, parent } = struct
  if (origin && origin.clock >= stateIn(doc, frontier, origin.client)) return origin
  if (rightOrigin && rightOrigin.clock >= stateIn(doc, frontier, rightOrigin.client)) return rightOrigin
  if (parent instanceof Y.ID && parent.clock >= stateIn(doc, frontier, parent.client)) return parent
  return null
}

const stateIn = (doc: Y.Doc, frontier: Map<number, number>, client: number) => frontier.get(client) ?? Y.getState(doc.store, client)

function rootOfType(type: Y.AbstractType<unknown>): string {
  let root = type
  while (root._item !== null) root = root._item.parent as Y.AbstractType<unknown>
  return Y.findRootTypeKey(root)
}

function itemInDocument(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  return Y.getItem(doc.store, id) as Y.Item | Y.GC
}

/**
 * Finds the root of each new item. An update names an item's parent only
 * when it has no neighbours; otherwise the parent is its origin's, which is
 * in the document or earlier in the update. Chains are followed
 * iteratively (an offline day is thousands of items) and memoised.
 * `null`: the item lands on collected garbage and integrates as nothing.
 * `invalid`: its parent is an item that is not a type.
 */
function makeRootFinder(doc: Y.Doc, byClient: Map<number, Struct[]>): (item: Y.Item) => RootName | null | 'invalid' {
  const known = new Map<Y.Item, RootName | null | 'invalid'>()
  return (start) => {
    const chain: Y.Item[] = []
    let item: Y.Item | undefined = start
    let root: RootName | null | 'invalid' = null
    while (item) {
      if (known.has(item)) {
        root = known.get(item)!
        break
      }
      chain.push(item)
      const parent = item.parent as unknown
      if (typeof parent === 'string') {
        root = isRoot(parent) ? parent : 'invalid'
        break
      }
      const via = parent instanceof Y.ID ? parent : (item.origin ?? item.rightOrigin)
      if (!via) break
      const there = itemInDocument(doc, via)
      if (there) {
        if (there instanceof Y.Item) {
          if (parent instanceof Y.ID) root = rootOfParentItem(there)
          else {
            const key = rootOfType(there.parent as Y.AbstractType<unknown>)
            root = isRoot(key) ? key : 'invalid'
          }
        }
        break
      }
      const inUpdate = findInUpdate(byClient, via)
      if (!(inUpdate instanceof Y.Item)) break
      if (parent instanceof Y.ID && !(inUpdate.content instanceof Y.ContentType)) {
        root = 'invalid'
        break
      }
      item = inUpdate
    }
    for (const visited of chain) known.set(visited, root)
    return root
  }
}

function rootOfParentItem(parent: Y.Item): RootName | null | 'invalid' {
  if (!(parent.content instanceof Y.ContentType)) return 'invalid'
  const root = rootOfType(parent.content.type)
  return isRoot(root) ? root : 'invalid'
}

/** The struct of the update that holds `id` (an id may fall inside a run), by binary search in its client's sorted structs. */
function findInUpdate(byClient: Map<number, Struct[]>, id: Y.ID): Struct | undefined {
  const list = byClient.get(id.client)
  if (!list) return undefined
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const struct = list[mid]!
    if (id.clock < struct.id.clock) hi = mid - 1
    else if (id.clock >= struct.id.clock + struct.length) lo = mid + 1
    else return struct
  }
  return undefined
}

/** Calls `found` for each item of the document in [from, to) that is not deleted yet. */
function forEachLiveItem(doc: Y.Doc, client: number, from: number, to: number, found: (item: Y.Item) => void): void {
  if (from >= to) return
  const structs = doc.store.clients.get(client)
  if (!structs) return
  for (let i = Y.findIndexSS(structs, from); i < structs.length; i++) {
    const struct = structs[i]!
    if (struct.id.clock >= to) break
    if (struct instanceof Y.Item && !struct.deleted) found(struct)
  }
}

/** The JSON length of a value, Infinity when it cannot be written. At module level: this runs for every new item. */
function json(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0
  } catch {
    return Infinity
  }
}

/** An upper bound of an item's encoded size, without encoding it. */
function contentBytes(content: Y.Item['content']): number {
  if (content instanceof Y.ContentString) return content.str.length * 3
  if (content instanceof Y.ContentBinary) return content.content.byteLength
  if (content instanceof Y.ContentAny) return json(content.arr)
  if (content instanceof Y.ContentJSON) return json(content.arr)
  if (content instanceof Y.ContentEmbed) return json(content.embed)
  if (content instanceof Y.ContentFormat) return content.key.length + json(content.value)
  return 0
}
