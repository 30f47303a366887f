/**
 * Offline for real: a staff member's browser goes offline, edits a goal and
 * a budget figure, reloads the page while offline (the service worker and
 * IndexedDB bring the document back with the edits), goes online; both
 * browsers and the server converge.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, fieldText, openAs, retype, synced, typeAt } from './browser'

const suite = browserAndServer()

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
    await a.page.waitForSelector('[data-field="goalItem"]', { timeout: 20_000 })
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
})
