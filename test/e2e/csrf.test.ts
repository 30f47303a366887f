/**
 * CSRF and WebSocket origins in a real browser: a page on the same host but
 * another port (same-site, so the session cookie goes along) tries what the
 * security probe did — withdraw a submission, create a document, read the
 * document over the socket. Every attempt is refused and nothing changes.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, openAs } from './browser'

const suite = browserAndServer()
let attacker: Server | undefined
afterAll(() => attacker?.close())

const attackPage = (target: string) => `<!doctype html><meta charset="utf-8"><body><script>
window.results = (async () => {
  const out = {}
  const send = async (name, init) => {
    try { const r = await fetch(${JSON.stringify(target)} + init.path, { method: 'POST', credentials: 'include', mode: 'no-cors', ...init }); out[name] = r.type }
    catch (e) { out[name] = 'failed' }
  }
  await send('withdraw', { path: '/api/docs/${DOC_ID}/workflow', headers: { 'Content-Type': 'text/plain' }, body: '{"action":"withdraw"}' })
  await send('create', { path: '/api/docs', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'title=x' })
  out.socket = await new Promise((resolve) => {
    const ws = new WebSocket(${JSON.stringify(target.replace('http', 'ws'))} + '/sync/${DOC_ID}')
    ws.binaryType = 'arraybuffer'
    let bytes = 0
    ws.onmessage = (e) => { bytes += e.data.byteLength }
    ws.onclose = (e) => resolve({ code: e.code, bytes })
  })
  return out
})()
</script>`

describe('CSRF in the browser', () => {
  it('a page on another port of the same host changes nothing and reads nothing', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    await suite.t.grant('qian', 'reviewer')
    expect((await staff.context.request.post(`/api/docs/${DOC_ID}/workflow`, { data: { action: 'submit' } })).status()).toBe(200)
    const documentsBefore = (await suite.t.server.data.documents.list()).length
    attacker = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(attackPage(suite.t.server.url)))
    await new Promise<void>((resolve) => attacker!.listen(0, '127.0.0.1', resolve))
    const page = await staff.context.newPage()
    await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`)
    const results = (await page.evaluate(() => (window as unknown as { results: Promise<unknown> }).results)) as { socket: { code: number; bytes: number } }
    expect(results.socket.code).toBe(4403)
    expect(results.socket.bytes).toBe(0)
    expect((await suite.t.server.data.service.status(DOC_ID)).value).toBe('已报送')
    expect((await suite.t.server.data.documents.list()).length).toBe(documentsBefore)
    await staff.context.close()
  }, 60_000)
})
