/**
 * Offline for real: a staff member's browser goes offline, edits a goal and
 * a budget figure, reloads the page while offline (the service worker and
 * IndexedDB bring the document back with the edits), goes online; both
 * browsers and the server converge. What the page loads after its first
 * screen (the checks, the history, the paste reader, the formats, the
 * other pages) comes back offline too.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { excelTableHtml } from '../support/office-clipboard'
import { browserAndServer, drawn, fieldText, openAs, retype, selectField, synced, typeAt } from './browser'

const suite = browserAndServer({ clipboard: true, offline: true })

describe('offline work', () => {
  it('edits made offline survive a reload and merge when the network returns', async () => {
    const a = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const b = await openAs(suite.browser, suite.t, 'li', 'editor')
    // The service worker has the app shell before the network goes.
    await expect.poll(() => a.page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true)

    await a.context.setOffline(true)
    await expect.poll(() => a.page.textContent('[data-testid=sync-status]'), { timeout: 5_000 }).toBe('离线')
    await typeAt(a.page, 'end', 'goalItem', 1, '（离线补充）')
    await retype(a.page, 'budgetTotal', 0, '12.50')
    await expect.poll(() => a.page.textContent('[data-testid=sync-status]')).toMatch(/离线（有更改尚未同步/)
    // Meanwhile the other person keeps working online.
    await typeAt(b.page, 'start', 'goalItem', 2, '（在线补充）')

    // Reload with no network: the app and the document come back with the edits.
    await a.page.reload()
    await drawn(a.page)
    expect(await fieldText(a.page, 'goalItem', 1)).toMatch(/（离线补充）$/)
    expect(await fieldText(a.page, 'budgetTotal', 0)).toBe('12.50')
    expect(await a.page.textContent('[data-testid=sync-status]')).toMatch(/离线（有更改尚未同步/)

    await a.context.setOffline(false)
    await synced(a.page)
    await expect.poll(() => fieldText(b.page, 'goalItem', 1), { timeout: 15_000 }).toMatch(/（离线补充）$/)
    await expect.poll(() => fieldText(a.page, 'goalItem', 2), { timeout: 15_000 }).toMatch(/^（在线补充）/)
    expect(await fieldText(b.page, 'budgetTotal', 0)).toBe('12.50')
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[0]!.budget.total, { timeout: 10_000 }).toBe(12.5)
    expect((await suite.t.server.data.service.model(DOC_ID)).overall.goals[1]).toMatch(/（离线补充）$/)
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  }, 120_000)

  it('a row deleted offline took what a colleague typed in it meanwhile: both bells say so, with the words', async () => {
    const deleter = await openAs(suite.browser, suite.t, 'zhao', 'editor')
    const writer = await openAs(suite.browser, suite.t, 'qian', 'editor')
    const row = 3
    const indicator = await fieldText(writer.page, 'indicatorName', row)

    await deleter.context.setOffline(true)
    await expect.poll(() => deleter.page.textContent('[data-testid=sync-status]'), { timeout: 5_000 }).toBe('离线')
    await typeAt(deleter.page, 'end', 'indicatorName', row, '')
    await deleter.page.getByRole('button', { name: '删除指标行' }).click()
    expect(await fieldText(deleter.page, 'indicatorName', row)).not.toBe(indicator)
    // Meanwhile, online, the colleague fills in that very row.
    await typeAt(writer.page, 'end', 'indicatorValue', row, '（已核实）')
    await expect.poll(async () => JSON.stringify(await suite.t.server.data.service.model(DOC_ID)), { timeout: 10_000 }).toContain('（已核实）')

    await deleter.context.setOffline(false)
    await synced(deleter.page)
    await expect.poll(() => fieldText(writer.page, 'indicatorName', row), { timeout: 15_000 }).not.toBe(indicator)
    await expect.poll(() => writer.page.getByTestId('unread').textContent(), { timeout: 10_000 }).toBe('1')
    await writer.page.getByTestId('bell').click()
    expect(await writer.page.locator('.bell-list').textContent()).toMatch(/zhao在“测试文档”中删除的内容里有你写的「（已核实）」（项目“.+”的指标值），删除时对方未看到这处修改，已随之删除/)
    await expect.poll(() => deleter.page.getByTestId('unread').textContent(), { timeout: 10_000 }).toBe('1')
    await deleter.page.getByTestId('bell').click()
    expect(await deleter.page.locator('.bell-list').textContent()).toContain('删除的内容里有你删除时未看到的修改，已随之删除：qian写的「（已核实）」')
    expect([...deleter.errors, ...writer.errors]).toEqual([])
    await deleter.context.close()
    await writer.context.close()
  }, 120_000)

  it('what loads after the first screen works after an offline reload: checks, history, export menu, paste, the list', async () => {
    const { page, context, errors } = await openAs(suite.browser, suite.t, 'wang', 'editor')
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.t.server.url })
    const checks = page.getByTestId('checks').locator('h2')
    await expect.poll(() => checks.textContent(), { timeout: 15_000 }).toMatch(/[1-9]\d* (错误|警告|提示)/)
    const found = await checks.textContent()
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true)

    // The browser's cache of files emptied (as 清除浏览数据 › 缓存的图片和文件 does; the service worker's copy and
    // IndexedDB stay): what comes back now comes from the service worker alone.
    await (await context.newCDPSession(page)).send('Network.clearBrowserCache')
    await context.setOffline(true)
    await page.reload()
    await drawn(page)
    // The checks and the model, derived after the document is painted.
    await expect.poll(() => checks.textContent(), { timeout: 15_000 }).toBe(found)
    await expect(page.getByTestId('history').locator('h2').textContent()).resolves.toBe('历史版本')
    // The formats the export menu lists.
    await page.getByTestId('export-menu').locator('summary').click()
    await expect.poll(() => page.getByTestId('export-menu').locator('a').allTextContents(), { timeout: 10_000 }).toContain('Word 文档（.docx）')
    await page.getByTestId('export-menu').locator('summary').click()
    // A cell copied from Excel, read by the clipboard's reader.
    await page.getByRole('button', { name: '添加指标行' }).waitFor()
    await selectField(page, 'budgetTotal', 0)
    await page.evaluate(async (html) => {
      await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob(['7.25\r\n'], { type: 'text/plain' }) })])
    }, excelTableHtml([['7.25']]))
    await page.keyboard.press('Control+V')
    await expect.poll(() => fieldText(page, 'budgetTotal', 0), { timeout: 10_000 }).toBe('7.25')
    // Another page of the app.
    await page.getByRole('button', { name: '返回文档列表' }).click()
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 10_000 })

    await context.setOffline(false)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
