/**
 * Two browsers on two server instances of one deployment (PostgreSQL and
 * Redis), as behind a load balancer: typing, carets and a workflow step
 * made through one instance reach the page on the other.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { startServer, type RunningServer } from '../../server/server'
import { freshSchema, TEST_REDIS_URL, type TestSchema } from '../support/postgres'
import { sampleText } from '../support/sample'
import { fieldText, launch, synced, typeAt } from './browser'

let browser: Browser
let schema: TestSchema
const servers: RunningServer[] = []

beforeAll(async () => {
  browser = await launch()
  schema = freshSchema()
  const bus = { kind: 'redis' as const, url: TEST_REDIS_URL, prefix: `jixiao-e2e-${randomBytes(4).toString('hex')}:` }
  for (let i = 0; i < 2; i++) servers.push(await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'jixiao-e2e-')), store: schema.config, bus, port: 0 }))
  const { data } = servers[0]!
  const zhang = await data.logins.addUser('zhang', 'pw-zhang', '张伟')
  const wang = await data.logins.addUser('wang', 'pw-wang', '王芳')
  await data.service.create(parsePublishedText(sampleText()), { id: 'doc', title: '测试文档', ownerId: zhang.id })
  await data.accounts.setRole('doc', zhang.id, 'editor')
  await data.accounts.setRole('doc', wang.id, 'editor')
})

afterAll(async () => {
  await browser?.close()
  for (const server of servers) await server.close()
  await schema?.drop()
})

async function openOn(server: RunningServer, user: string) {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1400, height: 900 } })
  const login = await context.request.post('/api/login', { data: { name: user, password: `pw-${user}` } })
  expect(login.ok()).toBe(true)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript((u) => localStorage.setItem('jixiao:user', JSON.stringify(u)), (await login.json()).user)
  await page.goto('/#/doc/doc')
  await synced(page)
  return { context, page, errors }
}

describe('two instances behind a load balancer', () => {
  it('typing, carets and a workflow step cross from one instance to the other', async () => {
    const a = await openOn(servers[0]!, 'zhang')
    const b = await openOn(servers[1]!, 'wang')
    await typeAt(a.page, 'end', 'goalItem', 0, '（甲实例）')
    await typeAt(b.page, 'start', 'goalItem', 0, '（乙实例）')
    await expect.poll(() => fieldText(b.page, 'goalItem', 0), { timeout: 10_000 }).toMatch(/^（乙实例）.*（甲实例）$/)
    await expect.poll(() => fieldText(a.page, 'goalItem', 0), { timeout: 10_000 }).toBe(await fieldText(b.page, 'goalItem', 0))
    await expect.poll(() => b.page.locator('.collaboration-carets__label', { hasText: '张伟' }).count(), { timeout: 10_000 }).toBeGreaterThan(0)

    const submitted = await a.context.request.post('/api/docs/doc/workflow', { data: { action: 'submit' } })
    expect(submitted.ok()).toBe(true)
    await expect.poll(() => b.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  }, 90_000)
})
