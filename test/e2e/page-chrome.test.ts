/**
 * What surrounds the document reads right: the tab names the document and
 * has an icon (no 404 on a load), an outline link brings a project's title
 * to just below the sticky toolbar, and someone without access sees a page
 * saying so — not the editor's chrome around nothing. 退出 logs out: the
 * login page, and the list needs a login again. The form is never squeezed
 * until its cells cut what they hold (a 预算数 read "3.0").
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserAndServer, openAs } from './browser'

const suite = browserAndServer()

describe('around the document', () => {
  it('the tab reads the document’s title first and has an icon; nothing the page asks for is missing', async () => {
    const missing: string[] = []
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url())
    })
    await page.reload()
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('政法委部门 2022年 · 绩效')
    const icon = await page.locator('link[rel~="icon"]').getAttribute('href')
    expect(icon).toBeTruthy()
    const response = await context.request.get(new URL(icon!, page.url()).href)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toMatch(/^image\//)
    const favicon = await context.request.get('/favicon.ico')
    expect([200, 404]).toContain(favicon.status()) // browsers ask for it only without a <link rel=icon>
    expect(missing).toEqual([])
    await page.goto('/#/')
    await expect.poll(() => page.title()).toBe('绩效 · 部门预算绩效文本')
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('an outline link puts the project’s title just below the sticky toolbar', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'li', 'editor')
    // A project in the middle (the last ones cannot scroll to the top: the page ends first).
    const links = page.locator('nav.outline ol li a')
    await links.nth(6).click()
    const project = page.locator('section[data-node="project"]').nth(6)
    const barsBottom = async () => (await page.locator('.bars').boundingBox())!.height
    // Tables drawn as the page scrolls past them change its length: wait until it settles.
    await expect.poll(async () => {
      const top = (await project.boundingBox())!.y
      const bars = await barsBottom()
      return top >= bars && top < bars + 60
    }, { timeout: 10_000 }).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('without access, a page that says so and leads back to the list', async () => {
    await suite.t.server.data.logins.addUser('stranger', 'pw-stranger', '陌生人')
    const context = await suite.browser.newContext({ baseURL: suite.t.server.url, viewport: { width: 1366, height: 768 } })
    const login = await context.request.post('/api/login', { data: { name: 'stranger', password: 'pw-stranger' } })
    const page = await context.newPage()
    await page.addInitScript((u) => localStorage.setItem('jixiao:user', JSON.stringify(u)), (await login.json()).user)
    await page.goto('/#/doc/doc')
    const notice = page.getByTestId('no-access')
    await expect.poll(() => notice.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await notice.textContent()).toContain('您没有权限访问此文档')
    // None of the editor's chrome: no toolbar, no status badge, no outline.
    for (const chrome of ['header.toolbar', '[data-testid="doc-status"]', 'nav.outline', 'article.document']) {
      expect(await page.locator(chrome).first().isVisible()).toBe(false)
    }
    await notice.getByRole('button', { name: '返回我的文档' }).click()
    await page.waitForURL(/#\/$/)
    await context.close()
  }, 60_000)

  it('退出 logs out: the login page is shown, and the list needs a login again', async () => {
    await suite.t.server.data.logins.addUser('leaving', 'pw-leaving', '要走的人')
    const context = await suite.browser.newContext({ baseURL: suite.t.server.url, viewport: { width: 1366, height: 768 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto('/#/login')
    await page.getByLabel('用户名').fill('leaving')
    await page.getByLabel('密码').fill('pw-leaving')
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('还没有文档')

    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/#\/login$/, { timeout: 10_000 })
    await page.getByRole('button', { name: '登录' }).waitFor()
    // The login is over on the server, not only in this page.
    expect((await context.request.get('/api/docs')).status()).toBe(401)
    // Who was logged in is not left on this PC for the next person.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k === 'jixiao:user' || k.startsWith('jixiao:list:')))).toEqual([])

    // Reopening the list asks for a login.
    await page.goto('/#/')
    await page.waitForURL(/#\/login$/, { timeout: 10_000 })
    await page.getByRole('button', { name: '登录' }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('the form is never squeezed until a cell cuts its text: on a 1280 px laptop, a 1100 px window, and beside a comparison', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    for (const width of [1280, 1100]) {
      await page.setViewportSize({ width, height: 800 })
      expect(await cutCells(page), `${width} px`).toEqual([])
    }
    // 历史版本: a version, then 与当前比较 — the comparison widens the side column.
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.getByPlaceholder('版本名称').fill('改前')
    await page.getByRole('button', { name: '保存版本' }).click()
    await page.getByRole('button', { name: '与当前比较' }).first().click()
    await page.getByRole('button', { name: '关闭比较' }).waitFor()
    expect(await cutCells(page), 'beside a comparison').toEqual([])
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)
})

/** Cells of the forms whose text runs past the cell's edge, where the next cell covers it: "field: text". */
const cutCells = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section[data-node="project"] .field > .value')].flatMap((value) => {
      const text = document.createRange()
      text.selectNodeContents(value)
      const runs = text.getBoundingClientRect()
      const cell = value.parentElement!
      return runs.width > 0 && runs.right > cell.getBoundingClientRect().right + 1 ? [`${cell.dataset.field}: ${value.textContent}`] : []
    }),
  )
