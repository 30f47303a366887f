import { afterEach, describe, expect, it, vi } from 'vitest'
import { IdleTrim } from './idle-trim'

afterEach(() => {
  vi.useRealTimers()
})

describe('idle trim', () => {
  it('trims once nothing touched the room for the whole quiet period, counting from the last touch', () => {
    vi.useFakeTimers()
    let trims = 0
    const idle = new IdleTrim(10_000, () => trims++)
    idle.touch()
    vi.advanceTimersByTime(6_000)
    idle.touch()
    vi.advanceTimersByTime(6_000)
    expect(trims).toBe(0)
    vi.advanceTimersByTime(4_001)
    expect(trims).toBe(1)
    vi.advanceTimersByTime(60_000)
    expect(trims).toBe(1)
  })

  it('arms again after a trim when touched, and never fires once disposed', () => {
    vi.useFakeTimers()
    let trims = 0
    const idle = new IdleTrim(1_000, () => trims++)
    idle.touch()
    vi.advanceTimersByTime(1_000)
    idle.touch()
    vi.advanceTimersByTime(1_000)
    expect(trims).toBe(2)
    idle.touch()
    idle.dispose()
    vi.advanceTimersByTime(5_000)
    expect(trims).toBe(2)
  })
})
