import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { fillPath, splitRoute, type ApiRoute } from '@shared/api/http-api'
import { startTestServer, type TestServer } from '../../support/test-server'

let t: TestServer
afterEach(async () => {
  await t?.close()
})

/** The table's routes, read from its source: the table is a type, which has no list at run time. */
const REPO = new URL('../../', import.meta.url)
const TABLE = readFileSync(new URL('shared/api/http-api.ts', REPO), 'utf8')
const ROUTES = [...TABLE.matchAll(/^\s+'((?:GET|POST|PUT|PATCH|DELETE) \/api[^']*)':/gm)].map((m) => m[1] as ApiRoute)

describe('the shared API table', () => {
  it('has every route served: none answers “没有这个地址”, as a route the server forgot would', async () => {
    expect(ROUTES.length).toBeGreaterThan(30)
    t = await startTestServer()
    await t.server.data.logins.addUser('checker', 'pw-checker-1', 'checker')
    const login = await fetch(`${t.server.url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: t.server.url }, body: JSON.stringify({ name: 'checker', password: 'pw-checker-1' }) })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    // Logging out last: it ends the session the other calls use.
    for (const route of [...ROUTES.filter((r) => r !== 'POST /api/logout'), 'POST /api/logout' as const]) {
      const { method, path } = splitRoute(route)
      const upload = path.endsWith('/import')
      const response = await fetch(`${t.server.url}${fillPath(path, { id: 'missing', name: 'nobody', version: 1, invitation: 1 })}`, {
        method,
        headers: { Cookie: cookie, Origin: t.server.url, 'Content-Type': upload ? 'application/octet-stream' : 'application/json' },
        ...(method === 'GET' ? {} : { body: upload ? 'x' : '{}' }),
      })
      const answer = (await response.json()) as { error?: { code: string } }
      expect(answer.error?.code, route).not.toBe('not-found')
    }
  })
})
