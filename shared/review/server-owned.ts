/**
 * Which roots of the document an update touches, decided from the decoded
 * update against the document without applying anything — cheap enough for
 * every keystroke of every editor, and linear in the size of the update
 * (a client back from a day offline sends everything at once). `meta`
 * (schema version, workflow status) belongs to the server: no client update
 * may touch it; updates touching `threads` get the comment rules.
 *
 * An update names an item's parent only when the item has no neighbours;
 * otherwise the parent is that of its origin, which may be in the document
 * or earlier in the same update.
 */
import * as Y from 'yjs'

function rootOfType(type: Y.AbstractType<unknown>): string {
  let root = type
  while (root._item !== null) root = root._item.parent as Y.AbstractType<unknown>
  return Y.findRootTypeKey(root)
}

/** The items of an update by client, sorted by clock, found by binary search (an id may fall inside a run). */
function indexItems(items: Y.Item[]): (id: Y.ID) => Y.Item | undefined {
  const byClient = new Map<number, Y.Item[]>()
  for (const item of items) {
    const list = byClient.get(item.id.client) ?? []
    list.push(item)
    byClient.set(item.id.client, list)
  }
  for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock)
  return (id) => {
    const list = byClient.get(id.client)
    if (!list) return undefined
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const item = list[mid]!
      if (id.clock < item.id.clock) hi = mid - 1
      else if (id.clock >= item.id.clock + item.length) lo = mid + 1
      else return item
    }
    return undefined
  }
}

export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>

/** `decoded` is `Y.decodeUpdate(update)`: the relay has already decoded it to check it. */
export function rootsTouched(doc: Y.Doc, { structs, ds }: DecodedUpdate): Set<string> {
  const items = structs.filter((s): s is Y.Item => s instanceof Y.Item)
  const findInUpdate = indexItems(items)
  const known = new Map<Y.Item, string | null>()

  const inDocument = (id: Y.ID): Y.Item | null => {
    try {
      const found = Y.getItem(doc.store, id)
      return found instanceof Y.Item ? found : null
    } catch {
      return null
    }
  }
  /** Follows parents and origins (iteratively: an update can chain thousands of items). */
  const rootOf = (start: Y.Item): string | null => {
    const chain: Y.Item[] = []
    let item: Y.Item | undefined = start
    let root: string | null = null
    while (item && !known.has(item)) {
      chain.push(item)
      const parent = item.parent as unknown
      if (typeof parent === 'string') {
        root = parent
        break
      }
      if (parent instanceof Y.ID) {
        const owner = inDocument(parent)
        if (owner) {
          root = rootOfType((owner.content as Y.ContentType).type)
          break
        }
        item = findInUpdate(parent)
        continue
      }
      const neighbour = item.origin ?? item.rightOrigin
      if (!neighbour) break
      const there = inDocument(neighbour)
      if (there) {
        root = rootOfType(there.parent as Y.AbstractType<unknown>)
        break
      }
      item = findInUpdate(neighbour)
    }
    if (item && known.has(item)) root = known.get(item)!
    for (const visited of chain) known.set(visited, root)
    return root
  }

  const roots = new Set<string>()
  for (const item of items) {
    const root = rootOf(item)
    if (root !== null) roots.add(root)
  }
  // Deletions name only ids: find what they delete in the document.
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        let found: Y.Item | Y.GC
        try {
          found = Y.getItem(doc.store, Y.createID(client, clock))
        } catch {
          break
        }
        if (found instanceof Y.Item) roots.add(rootOfType(found.parent as Y.AbstractType<unknown>))
        clock = found.id.clock + found.length
      }
    }
  }
  return roots
}
