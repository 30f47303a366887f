import { describe, expect, it } from 'vitest'
import { HashingBusyError, hashPassword, verifyAgainstDummy, verifyPassword } from './password'

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
})
