/**
 * The workflow in the browser: staff submit, the status reaches every open
 * editor live, and staff editors turn read-only until finance returns the
 * document.
 */
import { describe, expect, it } from 'vitest'
import { browserAndServer, openAs } from './browser'

const suite = browserAndServer()

describe('workflow', () => {
  it('报送 makes the document read-only for staff, 退回修改 gives it back', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const other = await openAs(suite.browser, suite.t, 'li', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const editable = (page: typeof staff.page) => page.locator('.ProseMirror').getAttribute('contenteditable')
    expect(await editable(other.page)).toBe('true')

    await staff.page.getByRole('button', { name: '报送', exact: true }).click()
    for (const page of [staff.page, other.page, finance.page]) {
      await expect.poll(() => page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
    }
    await expect.poll(() => editable(other.page)).toBe('false')
    expect(await other.page.getByRole('status').textContent()).toContain('已报送')

    await finance.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => finance.page.getByTestId('doc-status').textContent()).toBe('审核中')
    await finance.page.getByRole('button', { name: '退回修改' }).click()
    // 退回修改 asks for the 退回意见 first; staff then see it at the top of the document.
    await finance.page.locator('.workflow-note textarea').fill('请核实项目 2 的资金支出计划')
    await finance.page.getByRole('button', { name: '确认退回修改' }).click()
    await expect.poll(() => other.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('退回修改')
    await expect.poll(() => other.page.getByTestId('return-note').textContent()).toContain('请核实项目 2 的资金支出计划')
    await expect.poll(() => editable(other.page)).toBe('true')
    expect([...staff.errors, ...other.errors, ...finance.errors]).toEqual([])
    for (const c of [staff, other, finance]) await c.context.close()
  }, 90_000)
})
