/**
 * A district's day, with access from organisations alone (nothing shared
 * by name): department staff submit; the reviewer assigned to the
 * department finds it in the review queue with its counts and a
 * notification, opens it, returns it with a 退回意见; staff get the
 * notification and read the opinion. The bureau's 管理员 sets the 报送截止
 * on 人员管理, and the department's staff see it in their document — and
 * see it change, or go, while the document stays open.
 */
import { describe, expect, it } from 'vitest'
import { runChecks } from '@shared/checks/run-checks'
import { arriveAs, browserAndServer, loggedInAs, openAs, synced } from './browser'

const suite = browserAndServer({ offline: true })

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

    const reviewer = await arriveAs(suite.browser, t, 'he', 'reviewer', '/#/queue', { share: false })
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
    // She types straight away: the note's box has the keys.
    await reviewer.page.locator('.workflow-note textarea').waitFor()
    await reviewer.page.keyboard.type('请把“是/否”改为具体目标值')
    expect(await reviewer.page.locator('.workflow-note textarea').inputValue()).toBe('请把“是/否”改为具体目标值')
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

  it('the bureau’s 管理员 sets the 报送截止 on 人员管理 and the department’s staff see it in their document; a reviewer has no such form', async () => {
    const { t } = suite
    const { orgs, logins, service } = t.server.data
    const [adminUser, reviewerUser, staffUser] = [await logins.addUser('chen', 'pw-chen', '陈刚'), await logins.addUser('gao', 'pw-gao', '高远'), await logins.addUser('zhao', 'pw-zhao', '赵敏')]
    const department = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '区财政局', kind: 'finance', code: '' })
    const id = await service.create(await service.text('doc'), { title: '文旅局绩效文本', ownerId: null })
    await orgs.setDocumentOrg(id, department.id)
    await orgs.setMember(department.id, staffUser.id, 'staff')
    await orgs.setMember(bureau.id, adminUser.id, 'admin')
    await orgs.setMember(bureau.id, reviewerUser.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: reviewerUser.id }, true)
    const { year } = await service.deadlineFacts(id) // the sample's budget year, as the document states it
    expect(year).toBe(2022)

    const admin = await loggedInAs(suite.browser, t, 'chen')
    await admin.page.getByTestId('admin-link').click()
    const section = admin.page.getByTestId(`deadlines-${bureau.id}`)
    await expect.poll(() => section.getByText('还没有设定报送截止日期').count(), { timeout: 10_000 }).toBe(1)
    await section.getByLabel('预算年度').fill('2022')
    await section.getByLabel('截止日期').fill('2030-03-31')
    await section.getByRole('button', { name: '设定截止日期' }).click()
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 10_000 }).toBe('已将 2022 年度的报送截止设为 2030-03-31')
    expect(await section.locator('tbody tr').allTextContents()).toEqual(['20222030-03-31取消'])

    const staff = await openAs(suite.browser, t, 'zhao', 'editor', id, { share: false })
    await expect.poll(() => staff.page.getByTestId('deadline').textContent(), { timeout: 10_000 }).toMatch(/^报送截止 2030\/3\/31（还有 \d+ 天）$/)

    // Moved: the open document shows the new date, with no reload.
    await section.getByLabel('预算年度').fill('2022')
    await section.getByLabel('截止日期').fill('2031-01-15')
    await section.getByRole('button', { name: '设定截止日期' }).click()
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 10_000 }).toBe('已将 2022 年度的报送截止设为 2031-01-15')
    await expect.poll(() => staff.page.getByTestId('deadline').textContent(), { timeout: 10_000 }).toMatch(/^报送截止 2031\/1\/15（还有 \d+ 天）$/)

    // Taken away again from the same list: the open document no longer shows one.
    await section.locator('tbody tr').getByRole('button', { name: '取消' }).click()
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 10_000 }).toBe('已取消 2022 年度的报送截止')
    expect(await section.locator('tbody tr').count()).toBe(0)
    await expect.poll(() => staff.page.getByTestId('deadline').count(), { timeout: 10_000 }).toBe(0)

    // The bureau's 审核人员 manages nobody: no 人员管理 link, and the page offers no deadline form.
    const reviewer = await loggedInAs(suite.browser, t, 'gao')
    await reviewer.page.waitForSelector('main.documents')
    expect(await reviewer.page.getByTestId('admin-link').count()).toBe(0)
    await reviewer.page.goto('/#/admin')
    await expect.poll(() => reviewer.page.getByText('你不是任何部门或财政局的管理员').count(), { timeout: 10_000 }).toBe(1)
    expect(await reviewer.page.getByRole('button', { name: '设定截止日期' }).count()).toBe(0)
    expect(await reviewer.page.getByLabel('截止日期').count()).toBe(0)
    expect([...admin.errors, ...staff.errors, ...reviewer.errors]).toEqual([])
    for (const { context } of [admin, staff, reviewer]) await context.close()
  }, 60_000)
})
