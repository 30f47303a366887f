/**
 * Login throttling cannot be turned on the owner. The attacks: a few
 * guesses at a named reviewer's password locked them out on deadline day;
 * ~30 failures from one address (an office behind NAT, everyone behind the
 * proxy) locked every account behind it; `POST /api/me/password` checked
 * the current password without any throttle. Real server, real HTTP,
 * cookies kept as a browser keeps them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** A browser's cookie jar, for one server. */
function browser() {
  const jar = new Map<string, string>()
  const call = async (path: string, body: unknown) => {
    const response = await fetch(`${t.server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify(body),
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return response.status
  }
  return { login: (name: string, password: string) => call('/api/login', { name, password }), call }
}

describe('login throttling', () => {
  it('guesses at a reviewer’s password slow down other browsers, not the one the reviewer logged in with before', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    await t.grant('wangfang', 'viewer')
    const desk = browser()
    expect(await desk.login('wangfang', 'pw-wangfang')).toBe(200)

    const attacker = browser()
    for (let i = 0; i < 8; i++) await attacker.login('wangfang', `guess-${i}`)
    expect(await attacker.login('wangfang', 'pw-wangfang')).toBe(429)
    expect(await browser().login('wangfang', 'pw-wangfang')).toBe(429)
    expect(await desk.login('wangfang', 'pw-wangfang')).toBe(200)
  })

  it('failures from one address do not lock out everyone who logged in from it before', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    await t.grant('lina', 'editor')
    const colleague = browser()
    expect(await colleague.login('lina', 'pw-lina')).toBe(200)
    const guesser = browser()
    for (let i = 0; i < 32; i++) await guesser.login(`user${i}`, 'guess')
    expect(await browser().login('lina', 'pw-lina')).toBe(429)
    expect(await colleague.login('lina', 'pw-lina')).toBe(200)
  })

  it('a trusted browser guessing waits like any other: the device cookie buys no free guesses', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    await t.grant('zhao', 'editor')
    const stolen = browser()
    expect(await stolen.login('zhao', 'pw-zhao')).toBe(200)
    for (let i = 0; i < 5; i++) expect(await stolen.login('zhao', `guess-${i}`)).toBe(401)
    expect(await stolen.login('zhao', 'pw-zhao')).toBe(429)
  })

  it('the current password of a password change is throttled like a login', { timeout: 30_000 }, async () => {
    t = await startTestServer()
    await t.grant('zhang', 'editor')
    const session = browser()
    expect(await session.login('zhang', 'pw-zhang')).toBe(200)
    const change = (current: string) => session.call('/api/me/password', { current, next: 'a-new-password' })
    // Sent all together, the guesses are refused without hashing, not checked one by one.
    const together = await Promise.all(Array.from({ length: 20 }, (_, i) => change(`guess-${i}`)))
    expect(together.filter((s) => s === 403).length).toBeLessThanOrEqual(5)
    expect(together.filter((s) => s === 429).length).toBeGreaterThanOrEqual(15)
    const stranger = browser()
    await t.grant('qian', 'editor')
    expect(await stranger.login('qian', 'pw-qian')).toBe(200)
    for (let i = 0; i < 5; i++) expect(await stranger.call('/api/me/password', { current: `guess-${i}`, next: 'a-new-password' })).toBe(403)
    expect(await stranger.call('/api/me/password', { current: 'guess-5', next: 'a-new-password' })).toBe(429)
  })
})
