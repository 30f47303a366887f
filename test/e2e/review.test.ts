/**
 * A finance reviewer and a staff member: the reviewer suggests a new budget
 * figure and a rewording, the staff member sees both live, accepts one and
 * rejects the other; the server accepted the reviewer's updates (its rule
 * passes what the editor makes) and the export holds exactly the accepted
 * result.
 */
import { describe, expect, it } from 'vitest'
import { DOC_ID } from '../support/test-server'
import { browserAndServer, fieldText, openAs, retype, synced, typeAt } from './browser'

const suite = browserAndServer()

describe('review with suggestions', () => {
  it('suggest, see live, accept one, reject the other', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const before = suite.t.server.data.service.model(DOC_ID)

    await retype(finance.page, 'budgetTotal', 1, '3.50') // 政法队伍教育整顿工作经费: 3.00 → 3.50
    await typeAt(finance.page, 'end', 'goalItem', 2, '（建议删去此句）')
    await synced(finance.page)
    expect(await finance.page.getByRole('status').count()).toBe(0) // no refusal from the server

    // Live on the staff member's screen, marked.
    const budget = staff.page.locator('[data-field="budgetTotal"]').nth(1)
    await expect.poll(() => budget.locator('span[data-insertion]').textContent(), { timeout: 10_000 }).toBe('3.50')
    expect(await budget.locator('span[data-deletion]').textContent()).toBe('3.00')
    await expect.poll(() => staff.page.locator('[data-field="goalItem"]').nth(2).locator('span[data-insertion]').count()).toBe(1)
    // Undecided suggestions do not count yet.
    expect(suite.t.server.data.service.model(DOC_ID).projects[1]!.budget.total).toBe(3)

    // Accept the figure: select the cell, accept.
    await typeAt(staff.page, 'end', 'budgetTotal', 1, '')
    await staff.page.keyboard.press('Shift+Home')
    await staff.page.getByRole('button', { name: '接受建议' }).click()
    // Reject the rewording.
    await typeAt(staff.page, 'end', 'goalItem', 2, '')
    await staff.page.keyboard.press('Shift+Home')
    await staff.page.getByRole('button', { name: '拒绝建议' }).click()
    await synced(staff.page)

    await expect.poll(() => fieldText(finance.page, 'budgetTotal', 1), { timeout: 10_000 }).toBe('3.50')
    await expect.poll(() => suite.t.server.data.service.model(DOC_ID).projects[1]!.budget.total, { timeout: 10_000 }).toBe(3.5)
    const after = suite.t.server.data.service.model(DOC_ID)
    expect(after.overall.goals[2]).toBe(before.overall.goals[2])
    const exported = await (await staff.context.request.get(`/api/docs/${DOC_ID}/export?format=txt`)).text()
    expect(exported).toContain('\t3.50\n\t其中：财政    资金\n\t3.00')
    expect(exported).not.toContain('建议删去')
    expect(JSON.stringify(suite.t.server.data.service.text(DOC_ID))).not.toContain('3.003.50')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 90_000)
})
