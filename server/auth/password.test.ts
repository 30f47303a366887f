import { randomBytes, scryptSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HashingBusyError, PRODUCTION_COST, hashCost, hashPassword, verifyAgainstDummy, verifyPassword } from './password'

describe('password hashing', () => {
  it('verifies, and a few hashes run at once: the rest wait in a short queue, past which a login is refused as busy', async () => {
    const stored = await hashPassword('正确的密码')
    expect(await verifyPassword('正确的密码', stored)).toBe(true)
    expect(await verifyPassword('错误', stored)).toBe(false)
    const flood = Array.from({ length: 40 }, () => verifyPassword('猜测', stored).then(() => 'checked', (e: unknown) => (e instanceof HashingBusyError ? 'busy' : 'error')))
    // An unknown user's login spends a hash too (its timing says nothing): under the flood it is refused as busy like any other.
    const unknown = verifyAgainstDummy('x').then(() => 'checked', (e: unknown) => (e instanceof HashingBusyError ? 'busy' : 'error'))
    const results = await Promise.all([...flood, unknown])
    expect(results.filter((r) => r === 'checked').length).toBe(34)
    expect(results.filter((r) => r === 'busy').length).toBe(7)
    expect(results.at(-1)).toBe('busy')
    // And once the flood is over, logins work again, unknown users' included.
    expect(await verifyPassword('正确的密码', stored)).toBe(true)
    expect(await verifyAgainstDummy('x')).toBe(false)
  }, 60_000)

  it('hashes at N=2^15 in a deployment: the low cost is a test run’s alone, and a hash of either cost verifies', async () => {
    expect(hashCost({})).toEqual({ N: 1 << 15, r: 8, p: 1 })
    expect(hashCost({ JIXIAO_TEST_PASSWORD_COST: 'low' })).toBe(PRODUCTION_COST)
    expect(hashCost({ NODE_ENV: 'production', JIXIAO_TEST_PASSWORD_COST: 'low' })).toBe(PRODUCTION_COST)
    expect(hashCost({ NODE_ENV: 'test' })).toBe(PRODUCTION_COST)
    expect(hashCost({ NODE_ENV: 'test', JIXIAO_TEST_PASSWORD_COST: 'low' }).N).toBeLessThan(PRODUCTION_COST.N)
    // A hash made at production cost (as every stored one is) verifies whatever the cost of new ones.
    const salt = randomBytes(16)
    const key = scryptSync('正确的密码', salt, 32, { ...PRODUCTION_COST, maxmem: 64 * 1024 * 1024 })
    const stored = `scrypt$${PRODUCTION_COST.N}$8$1$${salt.toString('base64')}$${key.toString('base64')}`
    expect(await verifyPassword('正确的密码', stored)).toBe(true)
    expect(await verifyPassword('错误', stored)).toBe(false)
  }, 30_000)
})
