/**
 * A district's day, with access from organisations alone (nothing shared
 * by name): department staff submit; the reviewer assigned to the
 * department finds it in the review queue with its counts and a
 * notification, opens it, returns it with a 退回意见; staff get the
 * notification and read the opinion.
 */
import { describe, expect, it } from 'vitest'
import { runChecks } from '@shared/checks/run-checks'
import { browserAndServer, openAs, synced } from './browser'

const suite = browserAndServer()

describe('organisations', () => {
  it('staff submit, the assigned reviewer works from the queue and returns it, staff are told', async () => {
    const { t } = suite
    const { orgs, logins } = t.server.data
    const [staffUser, reviewerUser] = [await logins.addUser('xu', 'pw-xu', '徐静'), await logins.addUser('he', 'pw-he', '何平')]
    const department = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setDocumentOrg('doc', department.id)
    await orgs.setMember(department.id, staffUser.id, 'staff')
    await orgs.setMember(bureau.id, reviewerUser.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: reviewerUser.id }, true)
    expect(await t.server.data.accounts.membersOf('doc')).toEqual([]) // nothing shared by name

    const staff = await openAs(suite.browser, t, 'xu', 'editor', 'doc', { share: false })
    await staff.page.getByRole('button', { name: '报送', exact: true }).click()
    await staff.page.getByRole('button', { name: '确认报送' }).click()
    await expect.poll(() => staff.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')

    const reviewer = await openAs(suite.browser, t, 'he', 'reviewer', 'doc', { share: false })
    await reviewer.page.goto('/#/queue')
    const row = reviewer.page.getByTestId('queue').locator('tbody tr').first()
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已报送')
    const errors = runChecks(await t.server.data.service.text('doc')).filter((f) => f.severity === 'error').length
    expect(await row.locator('.findings .error').textContent()).toBe(String(errors))
    expect(await row.textContent()).toContain('徐静')
    await expect.poll(() => reviewer.page.getByTestId('unread').textContent(), { timeout: 10_000 }).toBe('1')

    await row.getByRole('link').click()
    await reviewer.page.getByRole('button', { name: '开始审核' }).click()
    await expect.poll(() => reviewer.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('审核中')
    await reviewer.page.getByRole('button', { name: '退回修改' }).click()
    await reviewer.page.locator('.workflow-note textarea').fill('请把“是/否”改为具体目标值')
    await reviewer.page.getByRole('button', { name: '确认退回修改' }).click()

    await expect.poll(() => staff.page.getByTestId('return-note').textContent(), { timeout: 10_000 }).toContain('请把“是/否”改为具体目标值')
    await expect.poll(() => staff.page.getByTestId('unread').textContent(), { timeout: 10_000 }).toBe('1')
    await staff.page.getByTestId('bell').click()
    expect(await staff.page.locator('.bell-list').textContent()).toContain('何平对“测试文档”退回修改：请把“是/否”改为具体目标值')

    // Across a reload and a reconnect, with access from the organisation alone: the opinion stays, staff may edit again, the notice is read.
    await staff.page.reload()
    await synced(staff.page)
    expect(await staff.page.getByTestId('return-note').textContent()).toContain('请把“是/否”改为具体目标值')
    await expect.poll(() => staff.page.locator('.ProseMirror').getAttribute('contenteditable')).toBe('true')
    expect(await staff.page.getByTestId('unread').count()).toBe(0)
    await reviewer.context.setOffline(true)
    await reviewer.context.setOffline(false)
    await synced(reviewer.page)
    expect(await reviewer.page.getByTestId('doc-status').textContent()).toBe('退回修改')
    expect([...staff.errors, ...reviewer.errors]).toEqual([])
    for (const c of [staff, reviewer]) await c.context.close()
  }, 90_000)
})
