/**
 * Two browsers on two server instances of one deployment (PostgreSQL and
 * Redis), as behind a load balancer: typing, carets and a workflow step
 * made through one instance reach the page on the other. A third instance
 * reaches Redis through a link the test cuts: a step taken elsewhere
 * meanwhile fences what staff type there.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePublishedText } from '@shared/formats/published-text/import'
import { nameBureauReviewer } from '../../server/auth/bureau-reviewer'
import { startServer, type RunningServer } from '../../server/server'
import { freshSchema, TEST_REDIS_URL, type TestSchema } from '../../support/postgres'
import { cuttableLink, type CuttableLink } from '../support/cuttable-link'
import { sampleText } from '../../support/sample'
import { fieldText, launch, synced, typeAt } from './browser'

let browser: Browser
let schema: TestSchema
const servers: RunningServer[] = []
let link: CuttableLink

beforeAll(async () => {
  browser = await launch()
  schema = freshSchema()
  const bus = { kind: 'redis' as const, url: TEST_REDIS_URL, prefix: `jixiao-e2e-${randomBytes(4).toString('hex')}:` }
  link = await cuttableLink(TEST_REDIS_URL)
  for (const url of [TEST_REDIS_URL, TEST_REDIS_URL, link.url]) servers.push(await startServer({ dataDir: mkdtempSync(join(tmpdir(), 'jixiao-e2e-')), store: schema.config, bus: { ...bus, url }, port: 0 }))
  const { data } = servers[0]!
  const zhang = await data.logins.addUser('zhang', 'pw-zhang', '张伟')
  const wang = await data.logins.addUser('wang', 'pw-wang', '王芳')
  // The bureau's reviewer: a 报送 must have someone to reach.
  const reviewer = await data.logins.addUser('shen', 'pw-shen', '沈静')
  await nameBureauReviewer(data.orgs, reviewer.id)
  for (const id of ['doc', 'cut']) {
    await data.service.create(parsePublishedText(sampleText()), { id, title: '测试文档', ownerId: zhang.id })
    await data.accounts.setRole(id, zhang.id, 'editor')
    await data.accounts.setRole(id, wang.id, 'editor')
    await data.accounts.setRole(id, reviewer.id, 'reviewer')
  }
})

afterAll(async () => {
  await browser?.close()
  // Its instance closes its Redis connections cleanly.
  await link?.restore()
  for (const server of servers) await server.close()
  await schema?.drop()
})

async function openOn(server: RunningServer, user: string, docId = 'doc') {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1400, height: 900 } })
  const login = await context.request.post('/api/login', { data: { name: user, password: `pw-${user}` } })
  expect(login.ok()).toBe(true)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript((u) => localStorage.setItem('jixiao:user', JSON.stringify(u)), (await login.json()).user)
  await page.goto(`/#/doc/${docId}`)
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

  it('an instance cut off from Redis keeps no staff edit made after 报送 went through another: the page keeps it as a local copy with the reason', async () => {
    const a = await openOn(servers[0]!, 'zhang', 'cut')
    const c = await openOn(servers[2]!, 'wang', 'cut')
    link.cut()
    const submitted = await a.context.request.post('/api/docs/cut/workflow', { data: { action: 'submit' } })
    expect(submitted.ok()).toBe(true)
    // The cut instance heard nothing: 王芳's page still lets her type. The words come as an input method
    // commits them, in one go: typed key by key, the refusal of the first keys locks the editor before the last.
    await typeAt(c.page, 'end', 'goalItem', 1, '')
    await c.page.keyboard.insertText('断网实例上写的')
    const drafts = c.page.getByTestId('local-drafts')
    await drafts.waitFor({ timeout: 30_000 })
    await expect.poll(() => drafts.textContent(), { timeout: 20_000 }).toContain('断网实例上写的')
    expect(await drafts.textContent()).toContain('退回修改后才能直接编辑')
    expect((await servers[0]!.data.service.model('cut')).overall.goals[1]).not.toContain('断网实例上写的')
    expect([...a.errors, ...c.errors]).toEqual([])
    await a.context.close()
    await c.context.close()
  }, 90_000)
})
