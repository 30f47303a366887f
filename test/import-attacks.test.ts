/**
 * Hostile imports against a real server (issue 26 item 7): files built to
 * expand or to take long are refused with a Chinese message, and the
 * server answers everyone else while it reads them.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { zipSync } from 'fflate'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { IMPORT_LIMITS } from '@shared/formats/import-limits'
import { MAX_PROJECTS } from '@shared/model/document-limits'
import { loginAt } from './support/http-session'
import { generateDocument } from '../support/generate-document'
import { makeRandom } from '../support/random'
import { startTestServer, type TestServer } from '../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const encode = (text: string) => new TextEncoder().encode(text)

/** Any logged-in account (a viewer of one document) uploading `bytes` as a new document. */
async function importAs(bytes: Uint8Array, name = 'liu') {
  await t.grant(name, 'viewer')
  const { cookie } = await loginAt(t.server.url, name)
  const response = await fetch(`${t.server.url}/api/docs/import`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(bytes) })
  return { status: response.status, error: ((await response.json()) as { error?: { code: string; message: string } }).error }
}

describe('hostile imports', () => {
  it('a web page of rowspan cells repeated down many rows is refused before it expands', async () => {
    t = await startTestServer()
    // ~180 KB: 6,000 cells spanning 65,534 rows, then 20,000 rows — 120 million cells once placed.
    const html = `<table><tr>${'<td rowspan=65534>x'.repeat(6000)}${'<tr>'.repeat(20_000)}</table>`
    expect(html.length).toBeLessThan(200_000)
    const answer = await importAs(encode(html))
    expect(answer.status).toBe(413)
    expect(answer.error?.message).toMatch(/单元格/)
    expect((await fetch(`${t.server.url}/healthz`)).status).toBe(200)
  }, 60_000)

  it('a Word zip bomb is refused on the size its XML declares', async () => {
    t = await startTestServer()
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(IMPORT_LIMITS.maxUnzippedBytes + 1).fill(0x20) }, { level: 9 })
    const answer = await importAs(bomb)
    expect(answer.status).toBe(413)
    expect(answer.error?.message).toMatch(/解压后/)
  }, 30_000)

  it('a character reference past Unicode is a 422 with the importer’s message, not a 500', async () => {
    t = await startTestServer()
    const answer = await importAs(encode('<html><body><p>&#x110000;</p></body></html>'))
    expect(answer.status).toBe(422)
    expect(answer.error?.message).toMatch(/[\u4e00-\u9fff]/)
  })

  it('the server answers others while a large file is read', async () => {
    t = await startTestServer()
    // 6,500 valid 绩效目标表 (3.8 million characters): read whole, then refused past the project limit.
    const text = encode(exportPublishedText(generateDocument(makeRandom(11), 6500)))
    let importing = true
    const importStarted = Date.now()
    const upload = importAs(text).finally(() => (importing = false))
    const answeredDuring: number[] = []
    while (importing) {
      const started = Date.now()
      await fetch(`${t.server.url}/healthz`)
      answeredDuring.push(Date.now() - started)
      await new Promise((r) => setTimeout(r, 20))
    }
    // Reading it takes seconds; the server kept answering throughout. A server that read the file in one go would
    // hold one answer for most of the import; the bound is a share of the import's own time, as a loaded machine
    // slows both alike (a fixed 500 ms failed on a busy CI machine).
    const importMs = Date.now() - importStarted
    expect(answeredDuring.length).toBeGreaterThan(5)
    expect(Math.max(...answeredDuring)).toBeLessThan(importMs / 4)
    const answer = await upload
    expect(answer.status).toBe(413)
    expect(answer.error?.message).toContain(`最多 ${MAX_PROJECTS} 个`)
  }, 60_000)
})
