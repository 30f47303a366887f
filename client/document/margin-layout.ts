/**
 * Where comment cards go in the margin, as in Word or Google Docs: each at
 * the height of its text, pushed down when the one above would overlap it,
 * and the active card exactly at its text, with the cards above it pushed
 * up to make room (never above the margin's top).
 */

export interface MarginCard {
  /** Where its text is, from the margin's top; null for a card with no text (placed after the rest). */
  desired: number | null
  height: number
}

export const CARD_GAP = 8

/** Each card's top, in the order given (which must be the text's order). */
export function layOutMargin(cards: readonly MarginCard[], active: number | null, top = 0): number[] {
  const tops = cards.map(() => 0)
  let below = top
  cards.forEach((card, i) => {
    tops[i] = Math.max(card.desired ?? below, below)
    below = tops[i]! + card.height + CARD_GAP
  })
  const pinned = active === null ? null : cards[active]
  if (active === null || pinned?.desired == null || tops[active] === pinned.desired) return tops
  // The active card to its text; those above it up as far as needed, those below it down.
  tops[active] = Math.max(pinned.desired, top + cards.slice(0, active).reduce((sum, c) => sum + c.height + CARD_GAP, 0))
  for (let i = active - 1; i >= 0; i--) tops[i] = Math.min(tops[i]!, tops[i + 1]! - CARD_GAP - cards[i]!.height)
  for (let i = active + 1; i < cards.length; i++) tops[i] = Math.max(cards[i]!.desired ?? 0, tops[i - 1]! + cards[i - 1]!.height + CARD_GAP)
  return tops
}
