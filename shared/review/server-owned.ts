/**
 * `meta` (schema version, workflow status) belongs to the server: no
 * client update may write or delete anything in it. Decided from the
 * decoded update against the document, without applying anything — cheap
 * enough for every keystroke of every editor.
 *
 * An update names an item's parent only when the item has no neighbours;
 * otherwise the parent is that of its origin, which may be in the document
 * or earlier in the same update.
 */
import * as Y from 'yjs'
import { ROOT, metaOf } from '../model/y-document'

type Decoded = ReturnType<typeof Y.decodeUpdate>['structs'][number]

function rootOfType(type: Y.AbstractType<unknown>): string {
  return Y.findRootTypeKey(type)
}

export function touchesMeta(doc: Y.Doc, update: Uint8Array): boolean {
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

  if (structs.some((s: Decoded) => s instanceof Y.Item && rootOfItem(s, 0) === ROOT.meta)) return true
  const metaItems = [...(metaOf(doc) as unknown as { _map: Map<string, Y.Item> })._map.values()]
  return metaItems.some((item) => Y.isDeleted(ds, item.id))
}

function findInUpdate(items: Map<string, Y.Item>, id: Y.ID): Y.Item | undefined {
  // Items in an update may be merged runs: an ID can fall inside one.
  const exact = items.get(`${id.client}:${id.clock}`)
  if (exact) return exact
  for (const item of items.values()) {
    if (item.id.client === id.client && item.id.clock <= id.clock && id.clock < item.id.clock + item.length) return item
  }
  return undefined
}
