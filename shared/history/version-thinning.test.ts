import { describe, expect, it } from 'vitest'
import { versionsToThin } from './version-thinning'

const HOUR = 3600_000
const DAY = 24 * HOUR
const NOW = 100 * DAY

describe('versionsToThin', () => {
  it('keeps all of the last day, the newest of each hour for a week, of each day after; never a named version', () => {
    const at = (id: number, ago: number, automatic = true) => ({ id, createdAt: NOW - ago, automatic })
    const versions = [
      at(1, 1 * HOUR), at(2, 1 * HOUR + 60_000), // the last day: both kept
      at(3, 2 * DAY + 10 * 60_000), at(4, 2 * DAY + 20 * 60_000), // one hour, two days ago: the newer kept
      at(5, 20 * DAY + 2 * HOUR), at(6, 20 * DAY + 5 * HOUR), // one day, long ago: the newer kept
      at(7, 20 * DAY + 3 * HOUR, false), // a named version: kept
    ]
    // Buckets are calendar hours and days (NOW is on a day boundary, so each pair shares one).
    const thinned = versionsToThin(versions, NOW)
    expect(thinned).not.toContain(1)
    expect(thinned).not.toContain(2)
    expect(thinned).not.toContain(7)
    expect(thinned).toContain(4)
    expect(thinned).not.toContain(3)
    expect(thinned).toContain(6)
    expect(thinned).not.toContain(5)
  })
})
