import { describe, expect, it } from 'vitest'
import { fillPath, splitRoute } from './http-api'

describe('the HTTP API table’s routes', () => {
  it('split into method and the path Hono registers', () => {
    expect(splitRoute('POST /api/docs/:id/versions/:version/restore')).toEqual({ method: 'POST', path: '/api/docs/:id/versions/:version/restore' })
  })

  it('fill their path parameters, encoded, and refuse a missing one', () => {
    expect(fillPath('/api/docs/:id/members/:name', { id: 'd1', name: '王 芳/x' })).toBe('/api/docs/d1/members/%E7%8E%8B%20%E8%8A%B3%2Fx')
    expect(fillPath('/api/orgs/:id/members', { id: 7 })).toBe('/api/orgs/7/members')
    expect(() => fillPath('/api/docs/:id', {})).toThrow(/id/)
  })
})
