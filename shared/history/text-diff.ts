/**
 * A character diff of two texts (Myers' O(ND) algorithm): what a reader of
 * a compared version sees as insertions and deletions. Characters, not
 * words: Chinese has no spaces to split on.
 */

export type TextSegment = { op: 'equal' | 'insert' | 'delete'; text: string }

/** Past this many differing characters the texts are shown as replaced whole, not searched further. */
const MAX_EDIT_DISTANCE = 2_000

export function diffText(before: string, after: string): TextSegment[] {
  if (before === after) return before ? [{ op: 'equal', text: before }] : []
  // Common prefix and suffix first: most edits touch a small middle.
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let end = 0
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++
  const a = before.slice(start, before.length - end)
  const b = after.slice(start, after.length - end)
  const middle = myers(a, b) ?? [...(a ? [{ op: 'delete' as const, text: a }] : []), ...(b ? [{ op: 'insert' as const, text: b }] : [])]
  return merge([
    ...(start > 0 ? [{ op: 'equal' as const, text: before.slice(0, start) }] : []),
    ...middle,
    ...(end > 0 ? [{ op: 'equal' as const, text: before.slice(before.length - end) }] : []),
  ])
}

/** The edit script from a to b, or null when they differ in more than MAX_EDIT_DISTANCE characters. */
function myers(a: string, b: string): TextSegment[] | null {
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

function backtrack(a: string, b: string, trace: Int32Array[], depth: number, offset: number): TextSegment[] {
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
