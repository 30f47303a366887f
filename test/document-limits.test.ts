/**
 * A document's limits against a real server (issue 26 item 8): changes
 * the server makes for staff (导入项目表, restores, imports) obey the same
 * caps as edits over the socket, and a document at the project limit is
 * still checked and exported, while the server answers everyone.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { unzipSync } from 'fflate'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { MAX_PROJECTS } from '@shared/model/document-limits'
import type { DocumentText } from '@shared/model/document-text'
import { loginAt } from './support/http-session'
import { generateDocument } from '../support/generate-document'
import { makeRandom } from '../support/random'
import { startTestServer, type TestServer } from '../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

const projects = (n: number, seed = 5) => generateDocument(makeRandom(seed), n)

/** A document of `text` that zhang edits; his cookie. */
async function documentOf(text: DocumentText) {
  const id = await t.server.data.service.create(text, { title: '大文档', ownerId: null })
  await t.grant('zhang', 'editor', id)
  return { id, cookie: (await loginAt(t.server.url, 'zhang')).cookie }
}

const upload = async (path: string, cookie: string, body: Uint8Array) => {
  const response = await fetch(`${t.server.url}${path}`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(body) })
  return { status: response.status, body: (await response.json()) as { added?: string[]; error?: { code: string; message: string } } }
}

const projectsStored = async (id: string) => (await t.server.data.service.text(id)).projects.length

describe('document limits', () => {
  it('导入项目表 takes a normal Word file, and stops at the project limit with nothing added', async () => {
    t = await startTestServer()
    const { id, cookie } = await documentOf(projects(MAX_PROJECTS - 70))
    const { exportDocx } = await import('@shared/formats/docx/export')
    const word = await exportDocx(projects(60, 6))
    expect(word.length).toBeGreaterThan(64 * 1024)
    const added = await upload(`/api/docs/${id}/projects/import`, cookie, word)
    expect(added.status).toBe(200)
    expect(added.body.added).toHaveLength(60)
    expect(await projectsStored(id)).toBe(MAX_PROJECTS - 10)

    const past = await upload(`/api/docs/${id}/projects/import`, cookie, new TextEncoder().encode(exportPublishedText(projects(11, 7))))
    expect(past.status).toBe(413)
    expect(past.body.error).toEqual({ code: 'too-many-projects', message: expect.stringContaining(`最多 ${MAX_PROJECTS} 个`) })
    expect(await projectsStored(id)).toBe(MAX_PROJECTS - 10)
  }, 120_000)

  it('a change the server makes obeys the stored-size cap of socket edits, and refuses whole', async () => {
    t = await startTestServer({ relay: { documentBytes: 400_000 } })
    const { id, cookie } = await documentOf(projects(20))
    const file = new TextEncoder().encode(exportPublishedText(projects(200, 8)))
    const refused = await upload(`/api/docs/${id}/projects/import`, cookie, file)
    expect(refused.status).toBe(413)
    expect(refused.body.error?.code).toBe('document-too-large')
    expect(await projectsStored(id)).toBe(20)
    // A small one still fits.
    expect((await upload(`/api/docs/${id}/projects/import`, cookie, new TextEncoder().encode(exportPublishedText(projects(2, 9))))).status).toBe(200)
  }, 60_000)

  it('a new document past the project limit is refused', async () => {
    t = await startTestServer()
    await expect(t.server.data.service.create(projects(MAX_PROJECTS + 1), { title: '太大', ownerId: null })).rejects.toThrow(`最多 ${MAX_PROJECTS} 个`)
  }, 60_000)

  it('at the project limit, checks and the Word export finish while the server answers others', async () => {
    t = await startTestServer()
    const { id, cookie } = await documentOf(projects(MAX_PROJECTS))
    const slowest = { ms: 0 }
    let busy = true
    const watch = (async () => {
      while (busy) {
        const started = Date.now()
        await fetch(`${t.server.url}/healthz`)
        slowest.ms = Math.max(slowest.ms, Date.now() - started)
        await new Promise((r) => setTimeout(r, 20))
      }
    })()
    try {
      const checks = await fetch(`${t.server.url}/api/docs/${id}/checks`, { headers: { Cookie: cookie } })
      expect(checks.status).toBe(200)
      const word = await fetch(`${t.server.url}/api/docs/${id}/export?format=docx`, { headers: { Cookie: cookie } })
      expect(word.status).toBe(200)
      const entries = unzipSync(new Uint8Array(await word.arrayBuffer()), { filter: (f) => f.name === 'word/document.xml' })
      expect(new TextDecoder().decode(entries['word/document.xml'])).toContain(projects(MAX_PROJECTS).projects.at(-1)!.name)
    } finally {
      busy = false
      await watch
    }
    console.log(`slowest /healthz while checking and exporting ${MAX_PROJECTS} projects: ${slowest.ms} ms`)
    expect(slowest.ms).toBeLessThan(3000)
  }, 300_000)
})
