/**
 * History in the browser: after 退回修改 staff change a cell; the reviewer
 * opens 自上次退回以来的修改 and sees exactly that change, old → new, with
 * who made it, and the activity log with the steps and the people by name.
 */
import { describe, expect, it } from 'vitest'
import { arriveAs, browserAndServer, fieldText, openAs, retype, synced, typeAt } from './browser'

const suite = browserAndServer()

describe('history', () => {
  it('the reviewer sees what staff changed since the document was returned, and who, in two clicks', async () => {
    await suite.t.server.data.logins.addUser('zhang', 'pw-zhang', '张伟')
    await suite.t.server.data.logins.addUser('wang', 'pw-wang', '王芳')
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const step = async (who: typeof staff, action: string, note?: string) =>
      expect((await who.context.request.post('/api/docs/doc/workflow', { data: { action, note } })).ok()).toBe(true)
    await step(staff, 'submit')
    await step(finance, 'start-review')
    await step(finance, 'return', '请细化指标值')
    await expect.poll(() => staff.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('退回修改')
    // Who returned it, by 姓名 (the status records the login).
    await expect.poll(() => staff.page.getByTestId('return-note').locator('strong').textContent(), { timeout: 10_000 }).toMatch(/^退回意见（王芳，/)

    await typeAt(staff.page, 'end', 'indicatorValue', 0, '（全年）')
    await synced(staff.page)

    await finance.page.getByTestId('since-last-return').click()
    const comparison = finance.page.getByTestId('comparison')
    await expect.poll(() => comparison.locator('h3').textContent(), { timeout: 10_000 }).toContain('1 个项目、1 处改动')
    expect(await comparison.locator('ins').allTextContents()).toEqual(['（全年）'])
    expect(await comparison.locator('del').count()).toBe(0)
    expect(await comparison.locator('.field-change .label').allTextContents()).toEqual([expect.stringContaining('指标值')])
    expect(await comparison.getByTestId('changed-by').allTextContents()).toEqual([expect.stringMatching(/^张伟 · (刚刚|\d+ 分钟前)$/)])

    // The change list jumps to the changed cell in the editor.
    await comparison.locator('.field-change .label').first().click()
    await expect.poll(() => finance.page.locator('[data-field="indicatorValue"].finding-target').count(), { timeout: 5_000 }).toBe(1)

    await finance.page.getByTestId('toggle-activity').click()
    const activity = finance.page.getByTestId('activity')
    await expect.poll(() => activity.textContent(), { timeout: 10_000 }).toContain('王芳 退回修改（审核中 → 退回修改）：请细化指标值')
    expect(await activity.textContent()).toMatch(/张伟 编辑了文档：输入 4 字/)

    // 显示作者: the changed cell names its author in the editor itself.
    await finance.page.getByTestId('toggle-authors').click()
    const cell = finance.page.locator('[data-field="indicatorValue"]').first()
    await expect.poll(() => cell.getAttribute('data-changed-by'), { timeout: 10_000 }).toMatch(/^张伟 · /)

    // The 导出 menu offers every export of the registry; the Word file is a real .docx.
    await staff.page.getByTestId('export-menu').locator('summary').click()
    const word = staff.page.getByTestId('export-menu').getByRole('link', { name: 'Word 文档（.docx）' })
    const response = await staff.context.request.get((await word.getAttribute('href'))!)
    expect([...(await response.body()).subarray(0, 2)]).toEqual([0x50, 0x4b])
    expect(await staff.page.getByTestId('export-menu').getByRole('link').allTextContents()).toEqual(['纯文本（发布格式）（.txt）', 'Word 文档（.docx）', 'Word 文档（含修订，可在 Word 中接受/拒绝）', 'Word 文档（附审核意见）', 'Excel 表格（.xlsx）', '网页（可打印）（.html）'])

    // Staff take it back: the 退回修改 version restored, as a new change everyone sees.
    // 王芳 has since suggested words the 退回修改 version lacks: the question says they go with the restore.
    await typeAt(finance.page, 'end', 'goalItem', 2, '（建议补充依据）')
    await expect.poll(() => staff.page.locator('[data-field="goalItem"]').nth(2).locator('span[data-insertion]').count(), { timeout: 10_000 }).toBe(1)
    const returned = staff.page.getByTestId('history').locator('li', { hasText: '退回修改' }).first()
    await returned.getByRole('button', { name: '恢复此版本' }).click()
    await expect.poll(() => returned.getByTestId('restore-drops-suggestions').textContent()).toMatch(/^文档中现有 1 处尚未处理的修订建议（王芳）：此版本中没有的将随恢复一并删除/)
    await returned.getByTestId('confirm-restore').click()
    await expect.poll(() => fieldText(finance.page, 'indicatorValue', 0), { timeout: 10_000 }).not.toContain('（全年）')
    expect(await fieldText(staff.page, 'indicatorValue', 0)).not.toContain('（全年）')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 90_000)

  it('staff start next year’s document from the list and compare it with last year’s', async () => {
    const staff = await arriveAs(suite.browser, suite.t, 'li', 'editor', '/#/')
    await staff.page.getByRole('button', { name: '以此为底稿新建下一年度' }).first().click()
    await staff.page.getByRole('button', { name: '新建', exact: true }).click()
    await staff.page.waitForURL(/#\/doc\/(?!doc$)/)
    await synced(staff.page)
    await staff.page.getByTestId('compare-predecessor').click()
    const comparison = staff.page.getByTestId('comparison')
    await expect.poll(() => comparison.locator('h3').textContent(), { timeout: 10_000 }).toContain('→ 当前')
    expect(await comparison.locator('ins').allTextContents()).toContain('2023')
    // A named version, kept from the panel.
    await staff.page.getByRole('textbox', { name: '版本名称，如“提交前定稿”' }).fill('年初底稿')
    await staff.page.getByRole('button', { name: '保存版本' }).click()
    await expect.poll(() => staff.page.getByTestId('history').locator('.versions .name').allTextContents(), { timeout: 10_000 }).toContain('年初底稿（li）')
    expect([...staff.errors]).toEqual([])
    await staff.context.close()
  }, 90_000)

  it('a changed figure reads old → new, whole, in a comparison with room to be read', async () => {
    const staff = await openAs(suite.browser, suite.t, 'sun', 'editor')
    await staff.page.getByRole('textbox', { name: '版本名称，如“提交前定稿”' }).fill('改金额前')
    await staff.page.getByRole('button', { name: '保存版本' }).click()
    const version = staff.page.getByTestId('history').locator('.versions li', { hasText: '改金额前' })
    await expect.poll(() => version.count(), { timeout: 10_000 }).toBe(1)
    await retype(staff.page, 'budgetTotal', 2, '12.00')
    await synced(staff.page)
    await version.getByRole('button', { name: '与当前比较' }).click()
    const change = staff.page.getByTestId('comparison').locator('.field-change', { hasText: '预算数' })
    await expect.poll(() => change.locator('del').allTextContents(), { timeout: 10_000 }).toEqual(['0.40'])
    expect(await change.locator('ins').allTextContents()).toEqual(['12.00'])
    expect(await change.textContent()).toContain('0.40 → 12.00')
    // Wider than the 300 px side column it sits in otherwise, and the document still beside it.
    expect((await staff.page.getByTestId('comparison').boundingBox())!.width).toBeGreaterThan(480)
    expect((await staff.page.locator('article.document').boundingBox())!.width).toBeGreaterThan(400)
    expect([...staff.errors]).toEqual([])
    await staff.context.close()
  }, 90_000)
})
