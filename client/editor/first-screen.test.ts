import type { EditorView } from '@tiptap/pm/view'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { drawRestAfterPaint, isNearWindow, remainingProjects, type Filler } from './first-screen'

describe('which tables the first screen draws', () => {
  const window = 900
  it('draws a table within one window of the screen, above or below, and not one further', () => {
    expect(isNearWindow({ top: 100, bottom: 1000 }, window)).toBe(true)
    expect(isNearWindow({ top: 1700, bottom: 2600 }, window)).toBe(true)
    expect(isNearWindow({ top: -1700, bottom: -850 }, window)).toBe(true)
    expect(isNearWindow({ top: 1801, bottom: 2700 }, window)).toBe(false)
    expect(isNearWindow({ top: -2000, bottom: -901 }, window)).toBe(false)
  })

  it('leaves to draw after the first paint the projects not drawn, in document order', () => {
    expect(remainingProjects(6, new Set([1, 2, 4]))).toEqual([0, 3, 5])
    expect(remainingProjects(3, new Set([0, 1, 2]))).toEqual([])
    expect(remainingProjects(0, new Set())).toEqual([])
  })
})

describe('the rest drawn after the first paint', () => {
  // A page in a hidden tab paints no frames: the first turn comes in the next task. No idle callbacks in Node: tasks too.
  // The time a draw takes is told by the clock the turns read, moved by the draws alone.
  let now = 0
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('document', { visibilityState: 'hidden' })
    now = 0
    vi.spyOn(performance, 'now').mockImplementation(() => now)
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  /** A document of `count` projects none drawn, each taking `ms` to draw; what was drawn, turn by turn. */
  function filling(count: number, ms: number) {
    const view = { isDestroyed: false, composing: false } as EditorView
    const drawn = new Set<number>()
    const turns: number[][] = [[]]
    let done = 0
    const filler: Filler = {
      remaining: () => remainingProjects(count, drawn),
      draw: (_view, projects) => {
        projects.forEach((p) => drawn.add(p))
        turns.at(-1)!.push(...projects)
        now += ms
      },
      done: () => done++,
    }
    // The turn waiting, and not the one it schedules.
    const nextTurn = () => {
      turns.push([])
      vi.runOnlyPendingTimers()
    }
    return { view, filler, turns, nextTurn, done: () => done }
  }

  it('draws one project at a time, as many in a turn as take the turn’s time, and says when all are drawn', () => {
    const { view, filler, turns, nextTurn, done } = filling(5, 5)
    drawRestAfterPaint(view, filler)
    expect(turns).toEqual([[]])
    nextTurn()
    // 5 ms each: the third passes 12 ms, and the turn ends there; a key typed meanwhile waits for no more.
    expect(turns.at(-1)).toEqual([0, 1, 2])
    expect(done()).toBe(0)
    nextTurn()
    expect(turns.at(-1)).toEqual([3, 4])
    expect(done()).toBe(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('draws nothing while an input method composes, and nothing once stopped (the editor gone)', () => {
    const { view, filler, turns, nextTurn, done } = filling(5, 20)
    const stop = drawRestAfterPaint(view, filler)
    ;(view as { composing: boolean }).composing = true
    nextTurn()
    nextTurn()
    expect(turns.flat()).toEqual([])
    ;(view as { composing: boolean }).composing = false
    nextTurn()
    expect(turns.at(-1)).toEqual([0])
    stop()
    expect(vi.getTimerCount()).toBe(0)
    expect(done()).toBe(0)
  })

  it('draws everything at once when a draw drew nothing, rather than asking again and again', () => {
    const view = { isDestroyed: false, composing: false } as EditorView
    const done = vi.fn()
    drawRestAfterPaint(view, { remaining: () => [2], draw: () => {}, done })
    vi.runOnlyPendingTimers()
    expect(done).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })
})
