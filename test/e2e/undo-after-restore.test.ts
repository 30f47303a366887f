/**
 * Undo as in Word after 恢复此项目: one Ctrl+Z never reaches past an edit
 * that the server already took back (a colleague's restore) to undo an
 * older edit in another, off-screen project; after one's own restore it
 * does nothing. 恢复此项目 asks first.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, fieldText, openAs, synced, typeAt } from './browser'

const suite = browserAndServer()
const USAGE = 'fundUsage'
const B = 1 // 政法队伍教育整顿工作经费, restored
const A = 6 // another project, far below

/** 与当前比较 on the version named `name`, then 恢复此项目 on project `project` and its confirmation. */
async function restoreProject(page: Page, version: string, project: string): Promise<void> {
  await page.getByTestId('history').locator('.versions li', { hasText: version }).getByRole('button', { name: '与当前比较' }).click()
  const row = page.getByTestId('comparison').locator('li.project-change', { hasText: project })
  await row.getByRole('button', { name: '恢复此项目' }).click()
  // Nothing is restored before the person says yes.
  await row.getByTestId('confirm-restore-project').click()
}

describe('undo after 恢复此项目', () => {
  it('one Ctrl+Z does not undo an older edit in another project', async () => {
    const li = await openAs(suite.browser, suite.t, 'li', 'editor')
    const name = (await suite.t.server.data.service.model(DOC_ID)).projects[B]!.name
    const original = await fieldText(li.page, USAGE, B)
    await li.page.getByRole('textbox', { name: '版本名称，如“提交前定稿”' }).fill('改前')
    await li.page.getByRole('button', { name: '保存版本' }).click()
    await expect.poll(() => li.page.getByTestId('history').locator('.versions .name').allTextContents(), { timeout: 10_000 }).toContain('改前（li）')
    const zhang = await openAs(suite.browser, suite.t, 'zhang', 'editor')

    // 李娜 fixes project A, pauses, then edits project B.
    await typeAt(li.page, 'end', USAGE, A, '甲')
    await li.page.waitForTimeout(800) // a person's pause: two undo steps
    await typeAt(li.page, 'end', USAGE, B, '乙')
    await synced(li.page)

    // 张伟 restores project B: 李娜's last edit is taken back by the server.
    await expect.poll(() => fieldText(zhang.page, USAGE, B), { timeout: 10_000 }).toBe(`${original}乙`)
    await restoreProject(zhang.page, '改前', name)
    await expect.poll(() => fieldText(li.page, USAGE, B), { timeout: 10_000 }).toBe(original)

    // 李娜 presses Ctrl+Z once: her fix in project A stays.
    await li.page.keyboard.press('Control+z')
    expect(await fieldText(li.page, USAGE, A)).toMatch(/甲$/)
    await synced(li.page)

    // 张伟 edits B again; 李娜 fixes A once more, then restores B herself and undoes: nothing of hers is undone.
    await typeAt(zhang.page, 'end', USAGE, B, '戊')
    await expect.poll(() => fieldText(li.page, USAGE, B), { timeout: 10_000 }).toBe(`${original}戊`)
    await typeAt(li.page, 'end', USAGE, A, '丙')
    await synced(li.page)
    await restoreProject(li.page, '改前', name)
    await expect.poll(() => fieldText(li.page, USAGE, B), { timeout: 10_000 }).toBe(original)
    await typeAt(li.page, 'end', USAGE, B, '')
    await li.page.keyboard.press('Control+z')
    expect(await fieldText(li.page, USAGE, A)).toMatch(/甲丙$/)
    await synced(li.page)
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[A]!.usage, { timeout: 10_000 }).toMatch(/甲丙$/)
    expect(await fieldText(zhang.page, USAGE, A)).toMatch(/甲丙$/)
    expect([...li.errors, ...zhang.errors]).toEqual([])
    await li.context.close()
    await zhang.context.close()
  }, 120_000)
})
