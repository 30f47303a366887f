/**
 * A short document (up to `PLACEHOLDER_THRESHOLD` projects) opens with only
 * its first screen of tables drawn: the others are frames at first, as in
 * a long document (project-placeholders.ts), and are drawn right after the
 * first paint, a few at a time in idle moments, so that the page shows
 * sooner and a key typed meanwhile waits for one table at most. Once every
 * table is drawn the document is as it always was: all drawn, never a frame
 * again.
 *
 * What is here: which tables are near the window at the first build (read
 * from the frames' boxes, before the first frame is painted, so it shows
 * the tables and not their frames), which are left to draw, and the drawing
 * of those in turns. The plugin (project-placeholders.ts) holds which are
 * drawn; this module only asks it to draw more.
 */
import type { EditorView } from '@tiptap/pm/view'
import { afterPaint } from '../scheduling/after-paint'

/** A box on screen, as `getBoundingClientRect` gives it. */
export interface Box {
  top: number
  bottom: number
}

/**
 * Whether a table's box is within one window's height of the window: what
 * the near observer of project-placeholders.ts draws (its margin `100% 0px`).
 */
export const isNearWindow = (box: Box, windowHeight: number): boolean => box.bottom >= -windowHeight && box.top <= 2 * windowHeight

/** The projects not drawn yet, in document order: `count` projects, of which `drawn` (indices) are. */
export function remainingProjects(count: number, drawn: ReadonlySet<number>): number[] {
  const remaining: number[] = []
  for (let i = 0; i < count; i++) if (!drawn.has(i)) remaining.push(i)
  return remaining
}

/**
 * Time a turn may take before it yields: a table's DOM is some ms to build,
 * and the key a person types meanwhile waits for the turn to end.
 */
const TURN_MS = 12
/** An idle moment is waited for no longer than this: a page busy without pause still gets its tables. */
const IDLE_TIMEOUT_MS = 100

/** Runs `work` in the next idle moment (or a task soon, where the browser has no idle callbacks). Returns a cancel. */
function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS })
    return () => cancelIdleCallback(handle)
  }
  const timer = setTimeout(work, 0)
  return () => clearTimeout(timer)
}

export interface Filler {
  /** The projects still to draw, in the order to draw them ([] when all are, or the document is no longer short). */
  remaining(view: EditorView): readonly number[]
  /** Draws these projects (one transaction). */
  draw(view: EditorView, projects: readonly number[]): void
  /** Says every project is drawn (or the document became a long one, drawn near the window from now on). */
  done(view: EditorView): void
}

/**
 * After the first paint, draws what `filler` says remains, one project per
 * transaction, as many in a turn as fit in `TURN_MS`, each turn in an idle
 * moment; not while an input method composes (drawing would cut the
 * composition). Returns a function that stops it (the editor destroyed).
 */
export function drawRestAfterPaint(view: EditorView, filler: Filler): () => void {
  let cancel = afterPaint(() => turn())
  let stopped = false
  const next = () => {
    if (!stopped) cancel = whenIdle(turn)
  }
  const turn = () => {
    if (stopped || view.isDestroyed) return
    if (view.composing) return next()
    const started = performance.now()
    for (;;) {
      const remaining = filler.remaining(view)
      if (remaining.length === 0) {
        filler.done(view)
        stopped = true
        return
      }
      filler.draw(view, remaining.slice(0, 1))
      // A draw that drew nothing (never expected) would be asked for forever: everything is drawn at once instead.
      if (filler.remaining(view)[0] === remaining[0]) {
        filler.done(view)
        stopped = true
        return
      }
      if (performance.now() - started >= TURN_MS) return next()
    }
  }
  return () => {
    stopped = true
    cancel()
  }
}
