/**
 * Which roots of the document an update touches, decided from the decoded
 * update against the document without applying anything — cheap enough for
 * every keystroke of every editor. `meta` (schema version, workflow status)
 * belongs to the server: no client update may touch it; updates touching
 * `threads` get the comment rules.
 *
 * An update names an item's parent only when the item has no neighbours;
 * otherwise the parent is that of its origin, which may be in the document
 * or earlier in the same update.
 */
import * as Y from 'yjs'
import { ROOT } from '../model/y-document'

type Decoded = ReturnType<typeof Y.decodeUpdate>['structs'][number]

function rootOfType(type: Y.AbstractType<unknown>): string {
  let root = type
  while (root._item !== null) root = root._item.parent as Y.AbstractType<unknown>
  return Y.findRootTypeKey(root)
}

export function rootsTouched(doc: Y.Doc, update: Uint8Array): Set<string> {
  const { structs, ds } = Y.decodeUpdate(update)
  const inUpdate = new Map<string, Y.Item>()
  for (const struct of structs) if (struct instanceof Y.Item) inUpdate.set(`${struct.id.client}:${struct.id.clock}`, struct)

  const rootOfId = (id: Y.ID, depth: number): string | null => {
    const local = findInUpdate(inUpdate, id)
    if (local) return rootOfItem(local, depth + 1)
    try {
      const item = Y.getItem(doc.store, id)
      return item instanceof Y.Item ? rootOfType(item.parent as Y.AbstractType<unknown>) : null
    } catch {
      return null // not in the document: the update will stay pending and change nothing
    }
  }
  const rootOfItem = (item: Y.Item, depth: number): string | null => {
    if (depth > 10_000) return null
    const parent = item.parent as unknown
    if (typeof parent === 'string') return parent
    if (parent instanceof Y.ID) {
      try {
        const owner = Y.getItem(doc.store, parent)
        if (owner instanceof Y.Item) return rootOfType((owner.content as Y.ContentType).type)
      } catch {
        const local = findInUpdate(inUpdate, parent)
        return local ? rootOfItem(local, depth + 1) : null
      }
    }
    const neighbour = item.origin ?? item.rightOrigin
    return neighbour ? rootOfId(neighbour, depth) : null
  }

  const roots = new Set<string>()
  for (const struct of structs as Decoded[]) {
    if (!(struct instanceof Y.Item)) continue
    const root = rootOfItem(struct, 0)
    if (root !== null) roots.add(root)
  }
  // Deletions name only ids: find what they delete in the document.
  for (const [client, ranges] of ds.clients) {
    for (const range of ranges) {
      for (let clock = range.clock; clock < range.clock + range.len; ) {
        let item: Y.Item | Y.GC
        try {
          item = Y.getItem(doc.store, Y.createID(client, clock))
        } catch {
          break
        }
        if (item instanceof Y.Item) roots.add(rootOfType(item.parent as Y.AbstractType<unknown>))
        clock = item.id.clock + item.length
      }
    }
  }
  return roots
}

export const touchesMeta = (doc: Y.Doc, update: Uint8Array): boolean => rootsTouched(doc, update).has(ROOT.meta)

function findInUpdate(items: Map<string, Y.Item>, id: Y.ID): Y.Item | undefined {
  // Items in an update may be merged runs: an ID can fall inside one.
  const exact = items.get(`${id.client}:${id.clock}`)
  if (exact) return exact
  for (const item of items.values()) {
    if (item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length) return item
  }
  return undefined
}
