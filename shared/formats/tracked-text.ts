/**
 * Pending suggestions carried through the text model, for exports that can
 * show them (Word's tracked changes). The content is rewritten so that
 * `readDocument` keeps every suggested insertion and deletion in its field,
 * each wrapped in a token naming its kind, author and time; `trackedRuns`
 * splits a field back into plain, inserted and deleted runs.
 *
 * A clean copy never goes through here: `readDocument` on the content as it
 * is reads the agreed text (`readTracked` reads the other).
 */
import type { DocumentText } from '../model/document-text'
import type { NodeJSON } from '../model/node-json'
import { mergedFiguresOf, readDocument } from '../model/read-document'
import { MARK } from '../schema/node-names'
import { isRowSuggestion, isSuggestionInfo, type SuggestionInfo } from '../schema/suggestion'

const OPEN = '\uE010'
const SEP = '\uE013'
const TEXT = '\uE011'
const CLOSE = '\uE012'

export interface TrackedRun {
  text: string
  change?: { kind: 'insert' | 'delete'; author: string; time: number }
}

const wrap = (text: string, kind: 'I' | 'D', info: SuggestionInfo) => `${OPEN}${kind}${SEP}${info.author}${SEP}${info.time}${TEXT}${text}${CLOSE}`

/** A text node's suggestion, and the node without its review marks. */
function textSuggestion(node: NodeJSON): { kind: 'I' | 'D'; info: SuggestionInfo } | null {
  for (const mark of node.marks ?? []) {
    if (!isSuggestionInfo(mark.attrs)) continue
    if (mark.type === MARK.insertion) return { kind: 'I', info: mark.attrs }
    if (mark.type === MARK.deletion) return { kind: 'D', info: mark.attrs }
  }
  return null
}

function rewrite(node: NodeJSON, row: { kind: 'I' | 'D'; info: SuggestionInfo } | null): NodeJSON {
  if (node.type === 'text') {
    const own = textSuggestion(node) ?? row
    const marks = (node.marks ?? []).filter((m) => m.type !== MARK.insertion && m.type !== MARK.deletion)
    return { ...node, text: own ? wrap(node.text ?? '', own.kind, own.info) : node.text, ...(marks.length > 0 ? { marks } : { marks: undefined }) }
  }
  const suggestion = node.attrs?.suggestion
  const rowChange = isRowSuggestion(suggestion) ? { kind: suggestion.kind === 'insert' ? ('I' as const) : ('D' as const), info: suggestion } : row
  const attrs = isRowSuggestion(suggestion) ? { ...node.attrs, suggestion: null } : node.attrs
  return { ...node, ...(attrs ? { attrs } : {}), ...(node.content ? { content: node.content.map((c) => rewrite(c, rowChange)) } : {}) }
}

/** The content with every pending suggestion kept as tokens in its text. */
export const trackedContent = (content: NodeJSON): NodeJSON => rewrite(content, null)

/**
 * The document read with its pending suggestions as tokens. Its merged figures are those of the agreed text: read
 * from the tokens, a typed figure with a reviewer's suggestion on it ("0.45" → "0.50") would count as a merge.
 */
export function readTracked(content: NodeJSON): DocumentText {
  const { mergedFigures: _, ...tracked } = readDocument(trackedContent(content))
  const merged = mergedFiguresOf(content)
  return merged.length > 0 ? { ...tracked, mergedFigures: merged } : tracked
}

/** The agreed text of a field of the tracked text: suggested insertions left out, suggested deletions kept. */
export const agreedOf = (field: string): string =>
  trackedRuns(field)
    .filter((run) => run.change?.kind !== 'insert')
    .map((run) => run.text)
    .join('')

const TOKEN = new RegExp(`${OPEN}([ID])${SEP}([^${SEP}]*)${SEP}(\\d+)${TEXT}([^${CLOSE}]*)${CLOSE}`, 'g')

/** A field of the tracked text as runs: plain text, suggested insertions and deletions. */
export function trackedRuns(field: string): TrackedRun[] {
  const runs: TrackedRun[] = []
  let at = 0
  for (const match of field.matchAll(TOKEN)) {
    if (match.index! > at) runs.push({ text: field.slice(at, match.index) })
    runs.push({ text: match[4]!, change: { kind: match[1] === 'I' ? 'insert' : 'delete', author: match[2]!, time: Number(match[3]) } })
    at = match.index! + match[0].length
  }
  if (at < field.length) runs.push({ text: field.slice(at) })
  return runs
}
