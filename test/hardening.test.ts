/**
 * The server against an office network: each finding of the security probe
 * (issue 10) as a test against a real server on a real port — logins,
 * body caps, CSRF, WebSocket origins, sessions and tokens, limits, headers
 * and bad input.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { encodeAwareness, encodeSyncStep1 } from '@shared/protocol/message'
import { CLOSE } from '@shared/protocol/close-code'
import { issueToken } from '../server/auth/access-token'
import { tokenSubject } from '../server/storage/account-store'
import { startTestServer, DOC_ID, type TestServer } from '../support/test-server'
import { beforeTheStore } from './support/before-the-store'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const post = (path: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  fetch(`${t.server.url}${path}`, { method: 'POST', headers, body })
/** An oversized request on a connection of its own (the server cuts it off): its status, or 'cut off'. */
const oversized = (path: string, body: string, headers: Record<string, string>) =>
  new Promise<string>((resolve) => {
    const req = request(`${t.server.url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      res.resume()
      resolve(String(res.statusCode))
    })
    req.on('error', () => resolve('cut off'))
    req.end(body)
  })
const loginAs = (name: string, password: string, headers?: Record<string, string>) => post('/api/login', JSON.stringify({ name, password }), headers)

async function session(name: string): Promise<string> {
  await t.grant(name, 'editor')
  const response = await loginAs(name, `pw-${name}`)
  expect(response.status).toBe(200)
  return response.headers.get('set-cookie')!.split(';')[0]!
}

function socket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers })
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const opened = new Promise<void>((resolve) => ws.once('message', () => resolve()))
  return { ws, closed, opened }
}

describe('logins', () => {
  it('locks an account after repeated failures — the right password too — and says when to retry', async () => {
    t = await startTestServer()
    await t.grant('wang', 'editor')
    for (let i = 0; i < 5; i++) expect((await loginAs('wang', `guess-${i}`)).status).toBe(401)
    const locked = await loginAs('wang', 'pw-wang')
    expect(locked.status).toBe(429)
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(((await locked.json()) as { error: { message: string } }).error.message).toMatch(/分钟后再试/)
    // Another account from elsewhere is not locked.
    await t.grant('li', 'editor')
    expect((await loginAs('li', 'pw-li')).status).toBe(200)
  })

  beforeTheStore('refuses oversized and malformed login bodies without reading them whole', async () => {
    t = await startTestServer()
    // Refused on its Content-Length, before the body is read: a 413, or the socket closed under the upload.
    expect(await oversized('/api/login', 'x'.repeat(1024 * 1024), { 'Content-Type': 'application/json' })).toMatch(/413|cut off/)
    expect((await post('/api/login', '{"name": 1}')).status).toBe(400)
    expect((await post('/api/login', JSON.stringify({ name: 'a'.repeat(1000), password: 'x' }))).status).toBe(400)
  })
})

describe('CSRF', () => {
  beforeTheStore('state-changing calls need the JSON content type and the server’s own origin; login included', async () => {
    t = await startTestServer()
    const cookie = await session('zhang')
    const call = (headers: Record<string, string>, body = '{"title":"x"}') => post('/api/docs', body, { Cookie: cookie, ...headers })
    expect((await call({ 'Content-Type': 'text/plain' })).status).toBe(415)
    expect((await call({ 'Content-Type': 'application/x-www-form-urlencoded' }, 'title=x')).status).toBe(415)
    expect((await call({ 'Content-Type': 'application/json', Origin: 'http://127.0.0.1:9999' })).status).toBe(403)
    expect((await call({ 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-site' })).status).toBe(403)
    expect((await call({ 'Content-Type': 'application/json', Origin: t.server.url, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201)
    expect((await loginAs('zhang', 'pw-zhang', { 'Content-Type': 'text/plain' })).status).toBe(415)
    expect((await loginAs('zhang', 'pw-zhang', { 'Content-Type': 'application/json', Origin: 'http://evil.example' })).status).toBe(403)
    const upload = (headers: Record<string, string>) => post('/api/docs/import', '绩效', { Cookie: cookie, ...headers })
    expect((await upload({ 'Content-Type': 'text/plain' })).status).toBe(415)
    expect((await upload({ 'Content-Type': 'application/octet-stream' })).status).toBe(422)
  })

  it('a WebSocket authenticated by cookie must come from the app’s origin; a token needs none', async () => {
    t = await startTestServer()
    const cookie = await session('zhang')
    const foreign = socket(`${t.wsBase}/${DOC_ID}`, { Cookie: cookie, Origin: 'http://127.0.0.1:9999' })
    expect(await foreign.closed).toBe(CLOSE.forbidden)
    const own = socket(`${t.wsBase}/${DOC_ID}`, { Cookie: cookie, Origin: t.server.url })
    await own.opened
    own.ws.close()
    const token = await t.grant('zhang', 'editor')
    const program = socket(`${t.wsBase}/${DOC_ID}?token=${token}`)
    await program.opened
    program.ws.close()
  })
})

describe('sessions and tokens', () => {
  it('logout closes the sockets opened with that login at once', async () => {
    t = await startTestServer()
    const cookie = await session('zhang')
    const open = socket(`${t.wsBase}/${DOC_ID}`, { Cookie: cookie, Origin: t.server.url })
    await open.opened
    expect((await post('/api/logout', '{}', { Cookie: cookie, 'Content-Type': 'application/json' })).status).toBe(200)
    expect(await open.closed).toBe(CLOSE.unauthenticated)
  })

  it('a password change closes token sockets and invalidates the tokens; a re-created account does not inherit old tokens', async () => {
    t = await startTestServer({ roleCheckMs: 100 })
    const token = await t.grant('zhang', 'editor')
    const open = socket(`${t.wsBase}/${DOC_ID}?token=${token}`)
    await open.opened
    await t.server.data.logins.setPassword('zhang', 'new-password')
    expect(await open.closed).toBe(CLOSE.unauthenticated)
    expect(await socket(`${t.wsBase}/${DOC_ID}?token=${token}`).closed).toBe(CLOSE.unauthenticated)

    const other = await t.grant('li', 'editor')
    await t.server.data.accounts.removeUser('li')
    await t.grant('li', 'editor')
    expect(await socket(`${t.wsBase}/${DOC_ID}?token=${other}`).closed).toBe(CLOSE.unauthenticated)
    // A token naming an id with another name is refused too.
    const forged = issueToken(t.server.data.secret, { ...(await tokenSubject(t.server.data.accounts, 'zhang'))!, sub: 'li', doc: DOC_ID, exp: Date.now() + 60_000 })
    expect(await socket(`${t.wsBase}/${DOC_ID}?token=${forged}`).closed).toBe(CLOSE.unauthenticated)
  })
})

describe('limits', () => {
  beforeTheStore('the message rate holds across reconnects: a reconnect loop is closed', async () => {
    t = await startTestServer({ relay: { userRate: { perSecond: 10, burst: 200 } } })
    const token = await t.grant('mallory', 'viewer')
    const codes: number[] = []
    for (let i = 0; i < 8 && !codes.includes(CLOSE.rateLimited); i++) {
      const s = socket(`${t.wsBase}/${DOC_ID}?token=${token}`)
      s.ws.once('open', () => {
        for (let j = 0; j < 40; j++) s.ws.send(encodeAwareness(new Uint8Array([0])))
      })
      codes.push(await Promise.race([s.closed, new Promise<number>((r) => setTimeout(() => r(0), 300))]))
      s.ws.terminate()
    }
    expect(codes).toContain(CLOSE.rateLimited)
  })

  beforeTheStore('one client address may hold only so many sockets at once', async () => {
    t = await startTestServer({ guard: { maxSocketsPerAddress: 3 } })
    const tokens = await Promise.all(['a', 'b', 'c', 'd'].map((u) => t.grant(u, 'viewer')))
    const held = tokens.slice(0, 3).map((token) => socket(`${t.wsBase}/${DOC_ID}?token=${token}`))
    await Promise.all(held.map((s) => s.opened))
    expect(await socket(`${t.wsBase}/${DOC_ID}?token=${tokens[3]}`).closed).toBe(CLOSE.rateLimited)
    held[0]!.ws.close()
    await held[0]!.closed
    const next = socket(`${t.wsBase}/${DOC_ID}?token=${tokens[3]}`)
    await next.opened
    for (const s of [...held, next]) s.ws.close()
  })

  beforeTheStore('a flood of sync step 1 requests is closed; oversized awareness is refused', async () => {
    t = await startTestServer()
    const token = await t.grant('mallory', 'viewer')
    const flood = socket(`${t.wsBase}/${DOC_ID}?token=${token}`)
    await flood.opened
    for (let i = 0; i < 50; i++) flood.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())))
    expect(await flood.closed).toBe(CLOSE.rateLimited)
    const big = socket(`${t.wsBase}/${DOC_ID}?token=${token}`)
    await big.opened
    big.ws.send(encodeAwareness(new Uint8Array(64 * 1024)))
    expect(await big.closed).toBe(CLOSE.malformedMessage)
  })

  beforeTheStore('a connection that never finishes its headers is cut off', async () => {
    t = await startTestServer({ headersTimeoutMs: 500 })
    const half = connect(t.server.port, '127.0.0.1')
    await new Promise((resolve) => half.once('connect', resolve))
    half.write('GET /healthz HTTP/1.1\r\nHost: x\r\n')
    const ended = await new Promise<string>((resolve) => {
      let data = ''
      half.on('data', (d) => (data += d))
      half.once('close', () => resolve(data))
    })
    expect(ended).toMatch(/408|^$/)
    // The server still answers everyone else.
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200)
  })

  beforeTheStore('a slow reader is closed before a reply would exceed its cap', async () => {
    t = await startTestServer({ relay: { maxBufferedBytes: 1000 } })
    const client = await t.client('zhang', 'editor')
    const closed = new Promise<number>((resolve) => client.once('connection-close', (e) => resolve(e?.code ?? 0)))
    // The first sync answer (the whole sample) is larger than the cap: refused before it is queued.
    expect(await closed).toBe(CLOSE.slowReader)
  })
})

describe('headers and input', () => {
  beforeTheStore('serves the app with a strict CSP and security headers; /metrics is for this machine or a token', async () => {
    t = await startTestServer({ metricsToken: 'm-secret' })
    const page = await fetch(`${t.server.url}/`)
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('same-origin')
    expect((await fetch(`${t.server.url}/metrics`)).status).toBe(403)
    expect((await fetch(`${t.server.url}/metrics`, { headers: { Authorization: 'Bearer m-secret' } })).status).toBe(200)
  })

  beforeTheStore('the session cookie is Secure behind a trusted HTTPS proxy', async () => {
    t = await startTestServer({ guard: { trustProxy: true, allowedOrigins: ['https://jixiao.example'] } })
    await t.grant('zhang', 'editor')
    const response = await loginAs('zhang', 'pw-zhang', { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https', Origin: 'https://jixiao.example' })
    expect(response.status).toBe(200)
    expect(response.headers.get('set-cookie')).toMatch(/Secure/i)
  })

  it('bad input is a 400 or 404 with a Chinese message, never a 500', async () => {
    t = await startTestServer()
    const cookie = await session('zhang')
    const json = (path: string, body: unknown, method = 'POST') =>
      fetch(`${t.server.url}${path}`, { method, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    expect((await json(`/api/docs/${DOC_ID}/workflow`, { action: { toString: 1 } })).status).toBe(400)
    for (const year of [1e308, -1, 1.5]) expect((await json('/api/docs', { year })).status).toBe(400)
    expect((await json('/api/docs', { title: '名'.repeat(300) })).status).toBe(400)
    expect(await oversized('/api/docs', JSON.stringify({ title: '名'.repeat(100_000) }), { Cookie: cookie, 'Content-Type': 'application/json' })).toMatch(/413|cut off/)
    expect((await json(`/api/docs/${DOC_ID}`, { title: 5 }, 'PATCH')).status).toBe(400)
    expect((await fetch(`${t.server.url}/assets/`)).status).toBe(404)
    const bad = await json('/api/docs', { year: 'x' })
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/年度/)
  })
})
