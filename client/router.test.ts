import { describe, expect, it } from 'vitest'
import { hashOf, parseRoute, returnHash } from './router'

describe('the page a login comes back to', () => {
  it('is one of the app’s own pages, written anew from its route', () => {
    for (const hash of ['#/doc/abc_1-X', '#/queue', '#/dashboard', '#/admin', '#/account']) {
      expect(returnHash(hash)).toBe(hash)
      expect(hashOf(parseRoute(hash))).toBe(hash)
    }
  })

  it('is never an outside address nor anything that is not a route', () => {
    for (const kept of ['https://evil.example/#/doc/abc', '//evil.example', 'javascript:alert(1)', '#/doc/../x', '#/doc/abc?next=https://evil.example', '#/doc/', '#/queue/', ' #/queue', '']) {
      expect(returnHash(kept)).toBeNull()
    }
  })

  it('is neither the login page nor the list (where a login leads anyway), nor anything when none was kept', () => {
    expect(returnHash('#/login')).toBeNull()
    expect(returnHash('#/')).toBeNull()
    expect(returnHash(null)).toBeNull()
  })
})
