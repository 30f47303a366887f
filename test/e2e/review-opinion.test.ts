/**
 * The reviewer's drafted 审核意见 is kept on the server (issue 25, item 3):
 * drafted and edited, it survives 开始审核 and a fresh browser (another PC);
 * 退回修改 takes it as its note, and only then is it gone.
 */
import { describe, expect, it } from 'vitest'
import { browserAndServer, openAs } from './browser'

const suite = browserAndServer()

describe('the reviewer’s 审核意见', () => {
  it('survives 开始审核 and another browser; the 退回 that uses it clears it', async () => {
    const { t, browser } = suite
    await t.grant('wangfang', 'reviewer')
    const staff = await openAs(browser, t, 'sun', 'editor')
    await staff.page.getByRole('button', { name: '报送', exact: true }).click()
    await staff.page.getByRole('button', { name: '确认报送' }).click()

    const first = await openAs(browser, t, 'wangfang', 'reviewer')
    await expect.poll(() => first.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
    // Before any 审核意见 is drafted, the Word file with it has nothing to carry: the page says so.
    await first.page.getByTestId('export-menu').locator('summary').click()
    await first.page.getByTestId('export-menu').getByRole('link', { name: 'Word 文档（附审核意见）' }).click()
    await expect.poll(() => first.page.locator('.notice').textContent(), { timeout: 10_000 }).toContain('这份文档还没有审核意见')
    const panel = first.page.getByTestId('review-opinion')
    await panel.getByRole('button', { name: '根据审核检查起草审核意见' }).click()
    const draft = panel.locator('textarea')
    await expect.poll(() => draft.inputValue()).toContain('审核结论：')
    await draft.click()
    await first.page.keyboard.press('Control+End')
    await first.page.keyboard.type('\n另：请补充项目 3 的车辆台数。')
    await expect.poll(() => panel.getByTestId('opinion-saving').textContent(), { timeout: 10_000 }).toBe('已保存在服务器。')
    const written = await draft.inputValue()
    // Now there is one to carry: the file comes, and the word that there was none goes.
    await first.page.getByTestId('export-menu').locator('summary').click()
    const [file] = await Promise.all([
      first.page.waitForEvent('download'),
      first.page.getByTestId('export-menu').getByRole('link', { name: 'Word 文档（附审核意见）' }).click(),
    ])
    expect(file.suggestedFilename()).toMatch(/（含审核意见）\.docx$/)
    await expect.poll(() => first.page.locator('.notice').count()).toBe(0)

    await first.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => first.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('审核中')
    expect(await draft.inputValue()).toBe(written)
    await first.context.close()

    // Another PC: a fresh browser with nothing stored, the same reviewer.
    const second = await openAs(browser, t, 'wangfang', 'reviewer')
    const again = second.page.getByTestId('review-opinion').locator('textarea')
    await expect.poll(() => again.inputValue(), { timeout: 10_000 }).toBe(written)

    await second.page.getByRole('button', { name: '退回修改' }).click()
    expect(await second.page.locator('.workflow-note textarea').inputValue()).toBe(written)
    await second.page.getByRole('button', { name: '确认退回修改' }).click()
    await expect.poll(() => staff.page.getByTestId('return-note').textContent(), { timeout: 10_000 }).toContain('另：请补充项目 3 的车辆台数。')
    await expect.poll(() => again.count()).toBe(0)
    await second.page.reload()
    await expect.poll(() => second.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('退回修改')
    // The panel shows once the kept opinion (none now) has been read.
    await expect.poll(() => second.page.getByTestId('review-opinion').getByRole('button', { name: '根据审核检查起草审核意见' }).count(), { timeout: 10_000 }).toBe(1)
    expect(await second.page.getByTestId('review-opinion').locator('textarea').count()).toBe(0)
    expect([...staff.errors, ...first.errors, ...second.errors]).toEqual([])
    for (const c of [staff, second]) await c.context.close()
  }, 90_000)
})
