/**
 * What surrounds the document reads right: the tab names the document and
 * has an icon (no 404 on a load), an outline link brings a project's title
 * to just below the sticky toolbar, and someone without access sees a page
 * saying so — not the editor's chrome around nothing. 退出 logs out: the
 * login page, and the list needs a login again; offline as well — the person
 * is logged out on this browser at once though the session cookie remains,
 * the server's session ends once back online, and what was typed offline
 * is kept and reaches the server after the next login. A link followed
 * while logged out (a document, the queue) is where the login then leads,
 * and so is a page whose read was refused because the login had ended.
 * The form is never squeezed until its cells cut what they hold (a 预算数
 * read "3.0").
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserAndServer, fieldText, loggedOut, openAs, synced, typeAt } from './browser'

const suite = browserAndServer({ offline: true })

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
    const { context, page, errors, logIn } = await loggedOut(suite.browser, suite.t)
    await page.goto('/#/login')
    await logIn('leaving')
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
    // With the comments in the margin as well, the page still fits the window: nothing to scroll sideways to.
    await page.getByRole('button', { name: '批注旁注显示' }).click()
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0)
    expect(await cutCells(page), 'beside a comparison, comments in the margin').toEqual([])
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('退出 offline logs out on this browser at once, ends the server session once online, and loses nothing typed offline', async () => {
    const { t, browser } = suite
    await t.grant('offline-leaver', 'editor')
    const { context, page, errors, logIn: logInAs } = await loggedOut(browser, t)
    const logIn = () => logInAs('offline-leaver')
    await page.goto('/#/login')
    await logIn()
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    await page.getByRole('link', { name: '测试文档' }).click()
    await synced(page)

    // Offline: a sentence typed (kept on this PC only), then back to the list and 退出.
    await context.setOffline(true)
    await typeAt(page, 'end', 'goalItem', 0, '（退出前离线写的）')
    await expect.poll(() => page.textContent('[data-testid=sync-status]'), { timeout: 10_000 }).toMatch(/离线（有更改尚未同步/)
    await page.goto('/#/')
    await page.getByRole('link', { name: '测试文档' }).waitFor({ timeout: 10_000 })
    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/#\/login$/, { timeout: 10_000 })
    await page.getByRole('button', { name: '登录' }).waitFor()
    expect(await page.locator('main').textContent()).not.toContain('网络不可用')
    // Forgotten here as at an online logout: who it was, their kept list, their roles.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k === 'jixiao:user' || k.startsWith('jixiao:list:') || k.startsWith('jixiao:role:')))).toEqual([])
    // The session cookie is still there (the page cannot clear it, the server was not reached)…
    expect((await context.request.get('/api/docs')).status()).toBe(200)
    // …and yet no page takes the person as logged in: the list, a document, the queue all ask for a login.
    for (const at of ['/#/', '/#/doc/doc', '/#/queue']) {
      await page.goto(at)
      await page.waitForURL(/#\/login$/, { timeout: 10_000 })
      await page.getByRole('button', { name: '登录' }).waitFor()
    }

    // Back online, the logout reaches the server by itself: the session is over.
    await context.setOffline(false)
    await expect.poll(async () => (await context.request.get('/api/docs')).status(), { timeout: 15_000 }).toBe(401)

    // Logged in again, the document opens with what was typed offline, and it reaches the server.
    await logIn()
    await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 })
    await page.goto('/#/doc/doc')
    await synced(page)
    expect(await fieldText(page, 'goalItem', 0)).toMatch(/（退出前离线写的）$/)
    await expect.poll(async () => (await t.server.data.service.model('doc')).overall.goals[0], { timeout: 15_000 }).toMatch(/（退出前离线写的）$/)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('退出 in one tab logs out the browser’s other tabs: the document is no longer on their screen', async () => {
    // (Offline the same: the tabs hear it from the browser's own storage; an offline reload needs the service worker,
    // which a fresh test browser may not have installed yet, so this case is online.)
    const { t, browser } = suite
    await t.grant('two-tabs', 'editor')
    const { context, page, errors, logIn: logInAs } = await loggedOut(browser, t)
    await page.goto('/#/login')
    await logInAs('two-tabs')
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    // The document open in a second tab, the list in the first.
    const other = await context.newPage()
    await other.goto('/#/doc/doc')
    await synced(other)
    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/#\/login$/, { timeout: 10_000 })
    await other.getByRole('button', { name: '登录' }).waitFor({ timeout: 15_000 })
    expect(await other.locator('.ProseMirror').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  }, 60_000)

  it('a link followed while logged out, or a page whose login ended, is where the login leads', async () => {
    const { t, browser } = suite
    await t.grant('link-follower', 'editor')
    const { context, page, errors, logIn: logInAs } = await loggedOut(browser, t)
    const logIn = () => logInAs('link-follower')

    // A document's link, followed before logging in: after the login, the document.
    await page.goto('/#/doc/doc')
    await logIn()
    await page.waitForURL(/#\/doc\/doc$/, { timeout: 20_000 })
    await synced(page)

    // Logged out, then the queue's link: after the login, the queue, not the list.
    await page.goto('/#/')
    await page.getByRole('button', { name: '退出' }).click()
    await page.waitForURL(/#\/login$/, { timeout: 10_000 })
    await page.goto('/#/queue')
    await logIn()
    await page.getByRole('heading', { name: '审核队列' }).waitFor({ timeout: 20_000 })
    expect(page.url()).toMatch(/#\/queue$/)

    // The login ends elsewhere (a password reset ends every session): the queue, read again, says so and offers 登录, which comes back here.
    await t.server.data.logins.setPassword('link-follower', 'pw-link-follower')
    await page.reload()
    await expect.poll(() => page.getByTestId('load-failed').textContent(), { timeout: 10_000 }).toBe('无法加载审核队列：请先登录')
    await page.getByRole('button', { name: '登录' }).click()
    await logIn()
    await page.getByRole('heading', { name: '审核队列' }).waitFor({ timeout: 20_000 })
    expect(page.url()).toMatch(/#\/queue$/)
    await expect.poll(() => page.getByTestId('load-failed').count(), { timeout: 10_000 }).toBe(0)

    // A plain login, with no link followed, starts from the list as before.
    await page.goto('/#/')
    await page.getByRole('button', { name: '退出' }).click()
    await logIn()
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)
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
