import { describe, expect, it } from 'vitest'
import { CARD_GAP, layOutMargin } from './margin-layout'

const overlaps = (tops: number[], heights: number[]) => tops.some((t, i) => i > 0 && t < tops[i - 1]! + heights[i - 1]! + CARD_GAP)

describe('comment cards in the margin', () => {
  it('sit at their text when there is room', () => {
    expect(layOutMargin([{ desired: 10, height: 50 }, { desired: 300, height: 50 }], null)).toEqual([10, 300])
  })

  it('push the next card down instead of overlapping it, and keep cards without text last', () => {
    const heights = [100, 100, 40, 30]
    const tops = layOutMargin([{ desired: 10, height: 100 }, { desired: 20, height: 100 }, { desired: 500, height: 40 }, { desired: null, height: 30 }], null)
    expect(tops).toEqual([10, 10 + 100 + CARD_GAP, 500, 500 + 40 + CARD_GAP])
    expect(overlaps(tops, heights)).toBe(false)
  })

  it('put the active card exactly at its text, moving the ones above it up', () => {
    const cards = [{ desired: 300, height: 80 }, { desired: 310, height: 80 }, { desired: 320, height: 80 }]
    const tops = layOutMargin(cards, 2)
    expect(tops).toEqual([320 - 2 * (80 + CARD_GAP), 320 - 80 - CARD_GAP, 320])
    expect(overlaps(tops, [80, 80, 80])).toBe(false)
  })

  it('never above the margin’s top: the active card goes as high as the cards above it allow', () => {
    const cards = [{ desired: 40, height: 60 }, { desired: 50, height: 60 }]
    const tops = layOutMargin(cards, 1, 30)
    expect(tops).toEqual([30, 30 + 60 + CARD_GAP])
  })
})
