/**
 * A document's limits against a real server (issue 26 item 8): changes
 * the server makes for staff (导入项目表, restores, imports) obey the same
 * caps as edits over the socket, and a document at the project limit is
 * still checked and exported, while the server answers everyone.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { unzipSync } from 'fflate'
import { exportPublishedText } from '@shared/formats/published-text/export'
import { MAX_PROJECTS } from '@shared/model/document-limits'
import type { DocumentText } from '@shared/model/document-text'
import { loginAt } from './support/http-session'
import { generateDocument } from '../support/generate-document'
import { makeRandom } from '../support/random'
import { startTestServer, until, type TestServer } from '../support/test-server'
import * as Y from 'yjs'
import { rawClient } from './support/raw-client'
import { replicaOf, updateOf } from './support/raw-update'
import { at } from '../support/document-place'
import { beforeTheStore } from './support/before-the-store'

/** The server of the case running now (a case that only reads shares `documentAtTheLimit` instead). */
let t: TestServer
let closed: TestServer | undefined
// Closing saves a document at the project limit: on a loaded machine that is more than the default 10 s.
afterEach(async () => {
  if (t !== closed) await t?.close()
  closed = t
}, 60_000)

const projects = (n: number, seed = 5) => generateDocument(makeRandom(seed), n)

/** A document of `text` on `server` that zhang edits; his cookie. */
async function documentOf(text: DocumentText, server = t) {
  const id = await server.server.data.service.create(text, { title: '大文档', ownerId: null })
  await server.grant('zhang', 'editor', id)
  return { id, cookie: (await loginAt(server.server.url, 'zhang')).cookie }
}

/**
 * One server with a document at the project limit, for the cases that only read it: made once, as making
 * it is seconds of a loaded machine. Closed after the file.
 */
let atTheLimit: Promise<{ server: TestServer; id: string; cookie: string; lastName: string }> | undefined
const documentAtTheLimit = () =>
  (atTheLimit ??= (async () => {
    const server = await startTestServer()
    const text = projects(MAX_PROJECTS)
    return { server, ...(await documentOf(text, server)), lastName: text.projects.at(-1)!.name }
  })())
afterAll(async () => {
  await (await atTheLimit)?.server.close()
}, 60_000)

const upload = async (path: string, cookie: string, body: Uint8Array) => {
  const response = await fetch(`${t.server.url}${path}`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream' }, body: new Uint8Array(body) })
  return { status: response.status, body: (await response.json()) as { added?: string[]; error?: { code: string; message: string } } }
}

const projectsStored = async (id: string) => (await t.server.data.service.text(id)).projects.length

describe('document limits', () => {
  beforeTheStore('导入项目表 takes a normal Word file, and stops at the project limit with nothing added', async () => {
    // The file is written before logging in: seconds of CPU between the login and the upload would let the
    // server drop the keep-alive connection the upload then reuses ("fetch failed").
    const { exportDocx } = await import('@shared/formats/docx/export')
    const word = await exportDocx(projects(90, 6))
    t = await startTestServer()
    const { id, cookie } = await documentOf(projects(MAX_PROJECTS - 100))
    expect(word.length).toBeGreaterThan(64 * 1024)
    const added = await upload(`/api/docs/${id}/projects/import`, cookie, word)
    expect(added.status).toBe(200)
    expect(added.body.added).toHaveLength(90)
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

  beforeTheStore('an edit over the socket that would pass the project limit is refused; moving a project at the limit is not', async () => {
    t = await startTestServer()
    const id = await t.server.data.service.create(projects(MAX_PROJECTS - 1), { title: '大文档', ownerId: null })
    const lina = await rawClient(t, 'lina', 'editor', id)
    const served = () => t.server.relay.loadedDocument(id)!
    const part = (ydoc: Y.Doc) => at(ydoc, { list: 'projects' })
    const copyOfFirst = (ydoc: Y.Doc) => at(ydoc, { project: 0 }).clone()
    const replica = replicaOf(served())
    // Two projects where one fits: refused whole, as an edit past the size is.
    lina.send(updateOf(replica, (d) => part(d).insert(part(d).length, [copyOfFirst(d), copyOfFirst(d)])))
    await until(() => lina.refusals.length === 1, 'two projects refused')
    expect(lina.refusals[0]).toContain(`最多 ${MAX_PROJECTS} 个`)
    expect(part(served()).length).toBe(MAX_PROJECTS - 1)
    // One fits. Then, at the limit, a project moved (deleted and inserted in one update) is taken.
    const honest = replicaOf(served())
    lina.send(updateOf(honest, (d) => part(d).insert(part(d).length, [copyOfFirst(d)])))
    await until(() => part(served()).length === MAX_PROJECTS, 'one project taken')
    const first = at(served(), { project: 0 }).toString()
    lina.send(
      updateOf(honest, (d) => {
        const moved = copyOfFirst(d)
        part(d).delete(0, 1)
        part(d).insert(part(d).length, [moved])
      }),
    )
    await until(() => at(served(), { project: 0 }).toString() !== first, 'the move taken')
    expect(part(served()).length).toBe(MAX_PROJECTS)
    lina.send(updateOf(honest, (d) => part(d).insert(0, [copyOfFirst(d)])))
    await until(() => lina.refusals.length === 2, 'one more refused at the limit')
    expect(part(served()).length).toBe(MAX_PROJECTS)
    expect(lina.refusals).toHaveLength(2)
    await t.server.relay.flush()
    expect(await projectsStored(id)).toBe(MAX_PROJECTS)
  }, 120_000)

  beforeTheStore('a new document past the project limit is refused', async () => {
    t = await startTestServer()
    await expect(t.server.data.service.create(projects(MAX_PROJECTS + 1), { title: '太大', ownerId: null })).rejects.toThrow(`最多 ${MAX_PROJECTS} 个`)
  }, 60_000)

  beforeTheStore('at the project limit, checks are read off the main thread: another client is answered meanwhile', async () => {
    const { server, id, cookie } = await documentAtTheLimit()
    const other = watchHealth(server)
    try {
      // Three in a row: on the main thread each would hold every other request for its whole second.
      for (let i = 0; i < 3; i++) {
        const checks = await fetch(`${server.server.url}/api/docs/${id}/checks`, { headers: { Cookie: cookie } })
        expect(checks.status).toBe(200)
        expect(((await checks.json()) as { findings: unknown[] }).findings.length).toBeGreaterThan(0)
      }
    } finally {
      await other.stop()
    }
    console.log(`${other.answered} other requests answered while checking ${MAX_PROJECTS} projects three times; slowest ${other.slowestMs} ms`)
    expect(other.answered).toBeGreaterThanOrEqual(30)
  }, 300_000)

  beforeTheStore('at the project limit, the Word export finishes while the server answers others', async () => {
    const { server, id, cookie, lastName } = await documentAtTheLimit()
    const other = watchHealth(server)
    try {
      const word = await fetch(`${server.server.url}/api/docs/${id}/export?format=docx`, { headers: { Cookie: cookie } })
      expect(word.status).toBe(200)
      const entries = unzipSync(new Uint8Array(await word.arrayBuffer()), { filter: (f) => f.name === 'word/document.xml' })
      expect(new TextDecoder().decode(entries['word/document.xml'])).toContain(lastName)
    } finally {
      await other.stop()
    }
    console.log(`${other.answered} other requests answered while exporting ${MAX_PROJECTS} projects; slowest ${other.slowestMs} ms`)
    expect(other.answered).toBeGreaterThanOrEqual(30)
  }, 300_000)
})

/** Another client asking `server`, one request after another, until stopped: how many were answered, and the slowest. */
function watchHealth(server: TestServer) {
  const watch = { answered: 0, slowestMs: 0, busy: true, stop: async () => {} }
  const loop = (async () => {
    while (watch.busy) {
      const started = Date.now()
      await (await fetch(`${server.server.url}/healthz`)).json()
      watch.slowestMs = Math.max(watch.slowestMs, Date.now() - started)
      watch.answered++
      // As a person's page would ask, not as fast as a loop can: thousands of requests a second took the
      // cores the export and the checks run on. Blocked, the server would answer one or two, not 30.
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  watch.stop = async () => {
    watch.busy = false
    await loop
  }
  return watch
}
