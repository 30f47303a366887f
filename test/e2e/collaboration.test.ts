/**
 * Two department staff in two browser contexts: concurrent typing in one
 * narrative paragraph and in one table cell merges, and each sees the
 * other's caret with their name. Rows and projects a colleague moves leave
 * one's caret, one's typing and the comments on the text they were on.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, fieldText, fieldTexts, openAs, selectField, synced, typeAt } from './browser'

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

  it('a colleague moving projects and rows leaves my caret, my typing and the comments where they were', async () => {
    const a = await openAs(suite.browser, suite.t, 'zhou', 'editor')
    const b = await openAs(suite.browser, suite.t, 'wu', 'editor')
    const values = await fieldTexts(a.page, 'indicatorValue')
    const unique = (from: number) => values.findIndex((v, i) => i >= from && v.length > 3 && values.indexOf(v) === values.lastIndexOf(v))
    const [mine, commented] = [unique(20), unique(30)]
    const [myText, commentedText] = [values[mine]!, values[commented]!]

    await selectField(a.page, 'indicatorValue', commented)
    await a.page.getByRole('button', { name: '添加批注' }).click()
    await a.page.getByTestId('comment-composer').locator('textarea').fill('核对')
    await a.page.getByTestId('comment-composer').getByRole('button', { name: '添加批注' }).click()
    await typeAt(a.page, 'end', 'indicatorValue', mine, '')

    // Meanwhile the colleague moves the first project down twice, moves a row up and adds one, typing in it.
    await typeAt(b.page, 'end', 'projectName', 0, '')
    await b.page.getByRole('button', { name: '项目下移' }).click()
    await b.page.getByRole('button', { name: '项目下移' }).click()
    await typeAt(b.page, 'end', 'indicatorValue', 2, '')
    await b.page.getByRole('button', { name: '上移', exact: true }).click()
    await typeAt(b.page, 'end', 'indicatorValue', 4, '')
    await b.page.keyboard.press('Enter')
    await b.page.keyboard.type('新行')
    await synced(b.page)
    const moved = await fieldTexts(b.page, 'indicatorValue')
    await expect.poll(() => fieldTexts(a.page, 'indicatorValue'), { timeout: 10_000 }).toEqual(moved)

    // Typing goes on where the caret was, and the comment still covers its text.
    await a.page.keyboard.type('（续）')
    await synced(a.page)
    const after = await fieldTexts(a.page, 'indicatorValue')
    expect(after).toContain(`${myText}（续）`)
    expect(await a.page.locator('.comment-anchor').allTextContents()).toEqual([commentedText])
    await expect.poll(() => fieldTexts(b.page, 'indicatorValue'), { timeout: 10_000 }).toEqual(after)
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  }, 90_000)

  it('a colleague deleting the row I am typing in: my typing stops there, with a word why, and goes into no other cell', async () => {
    const a = await openAs(suite.browser, suite.t, 'zheng', 'editor')
    const b = await openAs(suite.browser, suite.t, 'wang2', 'editor')
    const row = 5
    const names = await fieldTexts(a.page, 'indicatorName')
    await typeAt(a.page, 'end', 'indicatorValue', row, '甲乙')
    await expect.poll(async () => (await fieldTexts(b.page, 'indicatorValue'))[row], { timeout: 10_000 }).toMatch(/甲乙$/)

    // The colleague, who sees the row, deletes it while the caret is still in it.
    await typeAt(b.page, 'end', 'indicatorName', row, '')
    await b.page.getByRole('button', { name: '删除指标行' }).click()
    await expect.poll(() => fieldText(a.page, 'indicatorName', row), { timeout: 10_000 }).toBe(names[row + 1])
    await expect.poll(() => a.page.locator('p.notice[role=status]').textContent(), { timeout: 5_000 }).toContain('刚被同事删除')
    await a.page.keyboard.type('丙丁')
    await synced(a.page)
    expect((await fieldTexts(a.page, 'indicatorName')).join('') + (await fieldTexts(a.page, 'indicatorValue')).join('')).not.toContain('丙丁')
    expect(JSON.stringify(await suite.t.server.data.service.model(DOC_ID))).not.toContain('丙丁')
    expect([...a.errors, ...b.errors]).toEqual([])
    await a.context.close()
    await b.context.close()
  }, 90_000)
})
