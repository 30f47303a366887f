import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { issueToken, verifyToken } from './access-token'
import { issueDeviceCookie, verifyDeviceCookie } from './device-cookie'

const secret = randomBytes(32)

describe('device cookies', () => {
  it('name the account and device they were issued for, and nothing forged', () => {
    const cookie = issueDeviceCookie(secret, '王芳', 'dev1')
    expect(verifyDeviceCookie(secret, cookie)).toEqual({ account: '王芳', id: 'dev1' })
    expect(verifyDeviceCookie(randomBytes(32), cookie)).toBeNull()
    const [, id, signature] = cookie.split('.')
    expect(verifyDeviceCookie(secret, `${Buffer.from('li').toString('base64url')}.${id}.${signature}`)).toBeNull()
    expect(verifyDeviceCookie(secret, undefined)).toBeNull()
    expect(verifyDeviceCookie(secret, 'a.b')).toBeNull()
  })

  it('are never access tokens, nor tokens device cookies', () => {
    expect(verifyToken(secret, issueDeviceCookie(secret, 'wang'))).toBeNull()
    expect(verifyDeviceCookie(secret, issueToken(secret, { sub: 'wang', uid: 1, gen: 0, doc: 'd', exp: Date.now() + 1000 }))).toBeNull()
  })
})
