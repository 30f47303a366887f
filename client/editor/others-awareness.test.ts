import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness'
import { onlyOwn, othersAwareness } from './others-awareness'

describe('othersAwareness', () => {
  it('tells its change listeners of other people, not of this client moving its own caret', () => {
    const mine = new Awareness(new Y.Doc())
    const theirs = new Awareness(new Y.Doc())
    const seen: number[][] = []
    const listener = (changes: { added: number[]; updated: number[] }) => seen.push([...changes.added, ...changes.updated])
    const others = othersAwareness(mine)
    others.on('change', listener)

    mine.setLocalStateField('cursor', { head: 1 })
    mine.setLocalStateField('cursor', { head: 2 })
    expect(seen).toEqual([])

    theirs.setLocalStateField('cursor', { head: 5 })
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote')
    expect(seen).toEqual([[theirs.clientID]])

    // Everything else is the real awareness: what it holds, and taking the listener off again.
    expect(others.getLocalState()).toEqual({ cursor: { head: 2 } })
    expect(others.clientID).toBe(mine.clientID)
    others.off('change', listener)
    theirs.setLocalStateField('cursor', { head: 6 })
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote')
    expect(seen).toHaveLength(1)
  })

  it('a change that adds or removes anyone is not only one’s own', () => {
    expect(onlyOwn({ added: [], updated: [7], removed: [] }, 7)).toBe(true)
    expect(onlyOwn({ added: [], updated: [7, 8], removed: [] }, 7)).toBe(false)
    expect(onlyOwn({ added: [8], updated: [], removed: [] }, 7)).toBe(false)
    expect(onlyOwn({ added: [], updated: [], removed: [8] }, 7)).toBe(false)
  })
})
