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
 * a move or undo passes.
 */
import * as Y from 'yjs'
import { MARK } from '../schema/node-names'
import { isSuggestionInfo, type SuggestionInfo } from '../schema/suggestion'

const MARK_KEYS: readonly string[] = Object.values(MARK)
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

  dispose(): void {
    this.doc.off('afterTransaction', this.follow)
  }

  private scan(client: number, from: number, to: number, structs = this.doc.store.clients.get(client)): void {
    if (!structs || from >= to) return
    for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) {
      const struct = structs[i]!
      if (!(struct instanceof Y.Item)) continue
      const found = suggestionOf(struct)
      if (found && found !== 'invalid' && !this.authors.has(found.id)) this.authors.set(found.id, found.author)
    }
  }
}

/**
 * Why the update may not be taken from `sender`, or null: every suggestion
 * it writes is the sender's own, or one the document held under the same
 * id and author. `update` is what the document lacks (the causal gate's
 * `incoming.update`); `structs`, when given, are its structs already
 * decoded (the gate's `incoming.items`), so it is not decoded again.
 * Never throws.
 */
export function foreignSuggestion(update: Uint8Array, sender: string, known: (id: string) => string | undefined, structs?: readonly (Y.Item | Y.GC | Y.Skip)[]): string | null {
  if (!structs) {
    try {
      structs = Y.decodeUpdate(update).structs
    } catch {
      return '无法读取此更新'
    }
  }
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const suggestion = suggestionOf(struct)
    if (suggestion === null) continue
    if (suggestion === 'invalid') return '修订标记的格式不正确'
    if (suggestion.author === sender) continue
    if (known(suggestion.id) !== suggestion.author) return '新的修订建议只能以本人名义提出'
  }
  return null
}
