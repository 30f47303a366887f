/**
 * Uploads against a real server: a file is read only for a caller who may
 * upload it there; everyone else is answered while their body is still on
 * its way, and nothing of it is held.
 */
import { request, type IncomingMessage } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { loginAt } from './support/http-session'
import { DOC_ID, startTestServer, type TestServer } from '../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/**
 * Starts a chunked upload, sends one chunk and keeps the body open: the
 * response if the server answers before the body ends, else 'still reading'
 * once it asked for more than it would ever need to refuse the caller.
 */
function unfinishedUpload(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string } | 'still reading'>((resolve, reject) => {
    const req = request(`${t.server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked', ...headers }, agent: false })
    req.on('response', (res: IncomingMessage) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => {
        req.destroy()
        resolve({ status: res.statusCode!, body })
      })
    })
    req.on('error', (error) => reject(error))
    // Written chunk after chunk while the server reads them: 4 MiB without an answer means it reads the body first.
    let sent = 0
    const chunk = Buffer.alloc(64 * 1024, 0x41)
    const more = () => {
      if (req.destroyed) return
      if (sent >= 4 * 1024 * 1024) return resolve('still reading')
      sent += chunk.length
      if (req.write(chunk)) setImmediate(more)
      else req.once('drain', more)
    }
    more()
  })
}

describe('uploads', () => {
  it('a caller without a session is refused while the upload streams in, never read', async () => {
    t = await startTestServer()
    const answer = await unfinishedUpload('/api/docs/import')
    expect(answer).toEqual({ status: 401, body: expect.stringContaining('unauthenticated') })
    expect(await unfinishedUpload(`/api/docs/${DOC_ID}/projects/import`)).toEqual({ status: 401, body: expect.stringContaining('unauthenticated') })
    // The server answers as before.
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200)
  })

  it('a viewer’s 导入项目表 is refused before its file is read', async () => {
    t = await startTestServer()
    await t.grant('liu', 'viewer')
    const { cookie } = await loginAt(t.server.url, 'liu')
    expect(await unfinishedUpload(`/api/docs/${DOC_ID}/projects/import`, { Cookie: cookie })).toEqual({ status: 403, body: expect.stringContaining('forbidden') })
  })

  it('a file past 16 MiB is refused with 413 and a Chinese message, declared or streamed', async () => {
    t = await startTestServer()
    await t.grant('zhang', 'editor')
    const { cookie } = await loginAt(t.server.url, 'zhang')
    const big = new Uint8Array(16 * 1024 * 1024 + 1)
    const declared = await fetch(`${t.server.url}/api/docs/import`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' }, body: big })
    expect(declared.status).toBe(413)
    const streamed = await fetch(`${t.server.url}/api/docs/import`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit)
    expect(streamed.status).toBe(413)
    expect(((await streamed.json()) as { error: { message: string } }).error.message).toMatch(/文件太大/)
  })
})
