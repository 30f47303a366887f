/**
 * Two department staff in two browser contexts: concurrent typing in one
 * narrative paragraph and in one table cell merges, and each sees the
 * other's caret with their name.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../support/test-server'
import { browserAndServer, fieldText, openAs, synced, typeAt } from './browser'

const suite = browserAndServer()

describe('two staff editing at once', () => {
  it('concurrent typing in the same paragraph and the same cell merges, carets visible', async () => {
    const a = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const b = await openAs(suite.browser, suite.t, 'li', 'editor')
    // At the same moment, in the same paragraph and then in the same cell (each at one end of it,
    // so that the expected text is not a matter of who wins a tie at one position).
    await Promise.all([typeAt(a.page, 'end', 'goalItem', 0, '（张补充）'), typeAt(b.page, 'start', 'goalItem', 0, '（李补充）')])
    await Promise.all([typeAt(a.page, 'end', 'indicatorValue', 0, '甲甲'), typeAt(b.page, 'start', 'indicatorValue', 0, '乙乙')])
    await Promise.all([synced(a.page), synced(b.page)])
    const goal = (page: typeof a.page) => fieldText(page, 'goalItem', 0)
    const cell = (page: typeof a.page) => fieldText(page, 'indicatorValue', 0)
    await expect.poll(async () => [await goal(a.page), await cell(a.page)], { timeout: 10_000 }).toEqual([await goal(b.page), await cell(b.page)])
    const [text, value] = [await goal(a.page), await cell(a.page)]
    expect(text).toMatch(/^（李补充）一是指导落实.*考核工作。（张补充）$/)
    expect(value).toBe('乙乙开展扫黑除恶宣传情况甲甲')

    // The server stored what both see.
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).overall.goals[0], { timeout: 10_000 }).toBe(text)
    // Each sees the other's caret, labelled with their name.
    await expect.poll(() => a.page.locator('.collaboration-carets__label', { hasText: 'li' }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await expect.poll(() => b.page.locator('.collaboration-carets__label', { hasText: 'zhang' }).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  }, 90_000)
})
