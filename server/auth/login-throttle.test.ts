import { describe, expect, it } from 'vitest'
import { MemoryLoginFailures } from '../storage/memory/memory-login-failures'
import { LoginThrottle, lockedUntil } from './login-throttle'

const policy = { windowMs: 60_000, accountFailures: 3, addressFailures: 5, baseLockMs: 1_000, maxLockMs: 8_000 }
const throttle = () => new LoginThrottle(new MemoryLoginFailures(), policy)

describe('LoginThrottle', () => {
  it('locks an account after its failures, with a lock that doubles, and says when to retry in Chinese', async () => {
    const t = throttle()
    for (let i = 0; i < 2; i++) await t.failed({ account: 'wang', address: `10.0.0.${i}` }, 0)
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 0)).toEqual({ ok: true })
    await t.failed({ account: 'wang', address: '10.0.0.3' }, 0)
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 500)).toMatchObject({ ok: false, retryAfterMs: 500, message: expect.stringContaining('分钟后再试') })
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 1_000)).toEqual({ ok: true })
    await t.failed({ account: 'wang', address: '10.0.0.3' }, 1_000)
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 2_999)).toMatchObject({ ok: false })
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 3_000)).toEqual({ ok: true })
    // Capped.
    for (let i = 0; i < 10; i++) await t.failed({ account: 'wang', address: '10.0.0.3' }, 3_000)
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 3_000 + 7_999)).toMatchObject({ ok: false })
    expect(await t.check({ account: 'wang', address: '10.0.0.9' }, 3_000 + 8_000)).toEqual({ ok: true })
    // Other accounts are not affected.
    expect(await t.check({ account: 'li', address: '10.0.0.8' }, 3_000)).toEqual({ ok: true })
  })

  it('locks an address guessing at many accounts; a success clears the account only', async () => {
    const t = throttle()
    for (let i = 0; i < 5; i++) await t.failed({ account: `user${i}`, address: '10.0.0.1' }, 0)
    expect(await t.check({ account: 'someone', address: '10.0.0.1' }, 10)).toMatchObject({ ok: false })
    expect(await t.check({ account: 'someone', address: '10.0.0.2' }, 10)).toEqual({ ok: true })
    await t.failed({ account: 'user1', address: '10.0.0.2' }, 10)
    await t.failed({ account: 'user1', address: '10.0.0.3' }, 10)
    await t.succeeded({ account: 'user1', address: '10.0.0.9' })
    await t.failed({ account: 'user1', address: '10.0.0.4' }, 10)
    expect(await t.check({ account: 'user1', address: '10.0.0.2' }, 10)).toEqual({ ok: true })
    expect(await t.check({ account: 'someone', address: '10.0.0.1' }, 10)).toMatchObject({ ok: false })
  })

  it('forgets failures outside the window', async () => {
    const t = throttle()
    await t.failed({ account: 'wang', address: 'a' }, 0)
    await t.failed({ account: 'wang', address: 'a' }, 0)
    await t.failed({ account: 'wang', address: 'a' }, 61_000)
    expect(await t.check({ account: 'wang', address: 'a' }, 61_001)).toEqual({ ok: true })
  })

  it('a trusted device counts only its own failures: guesses elsewhere and a busy address do not slow it down', async () => {
    const t = throttle()
    for (let i = 0; i < 5; i++) await t.failed({ account: `user${i}`, address: '10.0.0.1' }, 0)
    for (let i = 0; i < 3; i++) await t.failed({ account: 'wang', address: '10.0.0.2' }, 0)
    expect(await t.check({ account: 'wang', address: '10.0.0.1' }, 10)).toMatchObject({ ok: false })
    expect(await t.check({ account: 'wang', address: '10.0.0.1', device: 'desk' }, 10)).toEqual({ ok: true })
    // Its own failures make it wait like an account; its success clears them.
    for (let i = 0; i < 3; i++) await t.failed({ account: 'wang', address: '10.0.0.1', device: 'desk' }, 20)
    expect(await t.check({ account: 'wang', address: '10.0.0.1', device: 'desk' }, 30)).toMatchObject({ ok: false })
    expect(await t.check({ account: 'wang', address: '10.0.0.1', device: 'laptop' }, 30)).toEqual({ ok: true })
    await t.succeeded({ account: 'wang', address: '10.0.0.1', device: 'desk' })
    expect(await t.check({ account: 'wang', address: '10.0.0.1', device: 'desk' }, 30)).toEqual({ ok: true })
  })

  it('two throttles on one store are one throttle: a lock holds on every instance', async () => {
    const store = new MemoryLoginFailures()
    const [a, b] = [new LoginThrottle(store, policy), new LoginThrottle(store, policy)]
    await a.failed({ account: 'wang', address: '10.0.0.1' }, 0)
    await b.failed({ account: 'wang', address: '10.0.0.2' }, 0)
    await a.failed({ account: 'wang', address: '10.0.0.3' }, 0)
    expect(await b.check({ account: 'wang', address: '10.0.0.4' }, 1)).toMatchObject({ ok: false })
  })

  it('works the lock out from the failures’ times alone', () => {
    expect(lockedUntil([], 3, policy)).toBe(0)
    expect(lockedUntil([0, 10], 3, policy)).toBe(0)
    expect(lockedUntil([0, 10, 20], 3, policy)).toBe(1_020)
    expect(lockedUntil([0, 10, 20, 30], 3, policy)).toBe(2_030)
    // The first failure fell out of the last one's window.
    expect(lockedUntil([0, 10, 60_000], 3, policy)).toBe(0)
  })
})
