import { describe, expect, it } from 'vitest'
import { PeerWatch } from './peer-watch'

describe('peer watch', () => {
  it('reports a peer that stops beating once, never one that keeps beating, and a peer heard again as new', () => {
    const watch = new PeerWatch(6_000)
    watch.heard('a', 0)
    watch.heard('b', 0)
    for (const now of [2_000, 4_000]) {
      watch.heard('a', now)
      expect(watch.fallenSilent(now)).toEqual([])
    }
    watch.heard('a', 6_000)
    expect(watch.fallenSilent(6_000)).toEqual(['b'])
    expect(watch.fallenSilent(8_000)).toEqual([])
    watch.heard('b', 9_000)
    expect(watch.fallenSilent(15_000)).toEqual(['a', 'b'])
  })
})
