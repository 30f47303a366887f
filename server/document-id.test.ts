import { describe, expect, it } from 'vitest'
import { isDocumentId, newDocumentId } from './document-service'

describe('new document ids', () => {
  it('are 12 URL-safe characters that never start with "-" or "_" (which the command line would read as an option)', () => {
    // One id in 32 started so before: 4,000 would all but surely have shown one.
    const ids = Array.from({ length: 4000 }, newDocumentId)
    expect(ids.filter((id) => !/^[A-Za-z0-9][A-Za-z0-9_-]{11}$/.test(id) || !isDocumentId(id))).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
  })
})
