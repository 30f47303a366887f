import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle'

const policy = { windowMs: 60_000, accountFailures: 3, addressFailures: 5, baseLockMs: 1_000, maxLockMs: 8_000 }

describe('LoginThrottle', () => {
  it('locks an account after its failures, with a lock that doubles, and says when to retry in Chinese', () => {
    const throttle = new LoginThrottle(policy)
    for (let i = 0; i < 2; i++) throttle.failed('wang', `10.0.0.${i}`, 0)
    expect(throttle.check('wang', '10.0.0.9', 0)).toEqual({ ok: true })
    throttle.failed('wang', '10.0.0.3', 0)
    expect(throttle.check('wang', '10.0.0.9', 500)).toMatchObject({ ok: false, retryAfterMs: 500, message: expect.stringContaining('分钟后再试') })
    expect(throttle.check('wang', '10.0.0.9', 1_000)).toEqual({ ok: true })
    throttle.failed('wang', '10.0.0.3', 1_000)
    expect(throttle.check('wang', '10.0.0.9', 2_999)).toMatchObject({ ok: false })
    expect(throttle.check('wang', '10.0.0.9', 3_000)).toEqual({ ok: true })
    // Capped.
    for (let i = 0; i < 10; i++) throttle.failed('wang', '10.0.0.3', 3_000)
    expect(throttle.check('wang', '10.0.0.9', 3_000 + 8_000)).toEqual({ ok: true })
    // Other accounts are not affected.
    expect(throttle.check('li', '10.0.0.8', 3_000)).toEqual({ ok: true })
  })

  it('locks an address guessing at many accounts; a success clears the account only', () => {
    const throttle = new LoginThrottle(policy)
    for (let i = 0; i < 5; i++) throttle.failed(`user${i}`, '10.0.0.1', 0)
    expect(throttle.check('someone', '10.0.0.1', 10)).toMatchObject({ ok: false })
    expect(throttle.check('someone', '10.0.0.2', 10)).toEqual({ ok: true })
    throttle.succeeded('user1')
    expect(throttle.check('user1', '10.0.0.2', 10)).toEqual({ ok: true })
  })

  it('forgets failures outside the window', () => {
    const throttle = new LoginThrottle(policy)
    throttle.failed('wang', 'a', 0)
    throttle.failed('wang', 'a', 0)
    throttle.failed('wang', 'a', 61_000)
    expect(throttle.check('wang', 'a', 61_001)).toEqual({ ok: true })
  })
})
