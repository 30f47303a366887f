/**
 * A diff of two texts (Myers' O(ND) algorithm) as a reader of a compared
 * version sees it: insertions and deletions. Chinese is compared character
 * by character (it has no spaces to split on), but a number is one token
 * and a short field is one value: 0.40 → 12.00 reads as the old figure
 * struck and the new one inserted, never "0̶12.4̶00".
 */

export type TextSegment = { op: 'equal' | 'insert' | 'delete'; text: string }

/** Past this many differing tokens the texts are shown as replaced whole, not searched further. */
const MAX_EDIT_DISTANCE = 2_000
/** A field this short on both sides (an amount, a percentage, 指标值 like “≥15次”) changes as one value. */
export const SHORT_FIELD = 12

/** Numbers (with their decimals, thousands separators and % sign) and Latin words whole; any other character alone. */
const TOKEN = /[+-]?\d+(?:[.,．，]\d+)*[%％]?|[A-Za-z]+|[\s\S]/gu

const tokens = (text: string): string[] => text.match(TOKEN) ?? []

const replaced = (before: string, after: string): TextSegment[] => [
  ...(before ? [{ op: 'delete' as const, text: before }] : []),
  ...(after ? [{ op: 'insert' as const, text: after }] : []),
]

export function diffText(before: string, after: string): TextSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : []
  if ([...before].length <= SHORT_FIELD && [...after].length <= SHORT_FIELD) return replaced(before, after)
  const a = tokens(before)
  const b = tokens(after)
  // Common prefix and suffix first: most edits touch a small middle.
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++
  const midA = a.slice(start, a.length - end)
  const midB = b.slice(start, b.length - end)
  const middle = myers(midA, midB) ?? replaced(midA.join(''), midB.join(''))
  return merge([
    ...(start > 0 ? [{ op: 'equal' as const, text: a.slice(0, start).join('') }] : []),
    ...middle,
    ...(end > 0 ? [{ op: 'equal' as const, text: a.slice(a.length - end).join('') }] : []),
  ])
}

/** The edit script from a to b, or null when they differ in more than MAX_EDIT_DISTANCE tokens. */
function myers(a: readonly string[], b: readonly string[]): TextSegment[] | null {
  const n = a.length
  const m = b.length
  const max = Math.min(n + m, MAX_EDIT_DISTANCE)
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice())
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1
      let y = x - k
      while (x < n && y < m && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) return backtrack(a, b, trace, d, offset)
    }
  }
  return null
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[], depth: number, offset: number): TextSegment[] {
  const segments: TextSegment[] = []
  let x = a.length
  let y = b.length
  for (let d = depth; d > 0; d--) {
    const v = trace[d]!
    const k = x - y
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
    const prevK = down ? k + 1 : k - 1
    const prevX = v[offset + prevK]!
    const prevY = prevX - prevK
    while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
      segments.push({ op: 'equal', text: a[--x]! })
      y--
    }
    if (down) segments.push({ op: 'insert', text: b[--y]! })
    else segments.push({ op: 'delete', text: a[--x]! })
  }
  while (x > 0 && y > 0) {
    segments.push({ op: 'equal', text: a[--x]! })
    y--
  }
  return segments.reverse()
}

/** Adjacent segments of one kind joined. */
function merge(segments: TextSegment[]): TextSegment[] {
  const merged: TextSegment[] = []
  for (const segment of segments) {
    const last = merged.at(-1)
    if (last?.op === segment.op) last.text += segment.text
    else if (segment.text) merged.push({ ...segment })
  }
  return merged
}
