import { describe, expect, it } from 'vitest'
import { StoredReadings } from './stored-readings'

describe('stored readings', () => {
  it('reads a stored state once, again when its bytes change, and forgets the least recently used past capacity', async () => {
    const readings = new StoredReadings(2)
    let reads = 0
    const read = (key: string, bytes: number[]) => readings.get(key, [new Uint8Array(bytes)], async () => ++reads)
    expect([await read('a', [1]), await read('a', [1])]).toEqual([1, 1])
    expect(await read('a', [1, 2])).toBe(2)
    await read('b', [1])
    await read('a', [1, 2])
    await read('c', [1])
    // 'b' was the least recently used of three: forgotten; 'a' was kept.
    expect([await read('a', [1, 2]), await read('b', [1])]).toEqual([2, 5])
  })
})
