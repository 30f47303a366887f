/**
 * The forms of a 自评 and a 监控 through the server's import and export
 * routes and its file workers: a Word 自评表 and an Excel 监控表 made by other
 * producers are stored as their kinds, and each document exported in every
 * format imports back to the same text.
 */
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

async function login(name: string) {
  await t.server.data.logins.addUser(name, `pw-${name}`, name)
  const response = await fetch(`${t.server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, password: `pw-${name}` }) })
  const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? ''
  return (path: string, init: RequestInit = {}) => fetch(`${t.server.url}${path}`, { ...init, headers: { Cookie: cookie, ...(init.headers ?? {}) } })
}

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/formats/kinds/${name}`, import.meta.url))

describe('the kinds’ files through the HTTP API', () => {
  it('imports a Word 自评表 and an Excel 监控表 as their kinds; each exports in every format and imports back the same', async () => {
    t = await startTestServer()
    const call = await login('zhang')
    const upload = async (body: Uint8Array<ArrayBuffer>) => {
      const response = await call('/api/docs/import', { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body })
      expect(response.status, await response.clone().text()).toBe(201)
      return ((await response.json()) as { id: string }).id
    }
    for (const [name, kind] of [['ziping-yanglao-2023.python-docx.docx', 'self-evaluation'], ['jiankong-yanglao-2023.libreoffice.xlsx', 'monitoring']] as const) {
      const id = await upload(fixture(name))
      const text = await t.server.data.service.text(id)
      expect(text.kind, name).toBe(kind)
      expect(text.projects[0]!.indicators[0]!.actual, name).toBe(kind === 'monitoring' ? '420人' : '700人')
      for (const format of ['txt', 'docx', 'xlsx', 'html']) {
        const exported = await call(`/api/docs/${id}/export?format=${format}`)
        expect(exported.status, `${name} → ${format}: ${exported.status === 200 ? '' : await exported.clone().text()}`).toBe(200)
        const again = await upload(new Uint8Array(await exported.arrayBuffer()))
        expect(await t.server.data.service.text(again), `${name} → ${format}`).toEqual(text)
      }
    }
  }, 120_000)
})
