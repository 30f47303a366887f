/**
 * Joining an organisation in the browser: the 管理员 adds an existing
 * account on 人员管理 and is told it was invited; the person sees the
 * invitation on their document list and accepts it; only then are they a
 * member (and their department's documents appear).
 */
import { describe, expect, it } from 'vitest'
import { browserAndServer, openAs } from './browser'

const suite = browserAndServer()

describe('invitations', () => {
  it('a 管理员 invites an existing account; the person accepts on the document list and joins', async () => {
    const { t } = suite
    const chief = await t.server.data.logins.addUser('tang', 'pw-tang', '唐主任')
    await t.server.data.logins.addUser('songli', 'pw-songli', '宋丽')
    const org = await t.server.data.orgs.addOrg({ name: '卫健委', kind: 'department', code: '' })
    await t.server.data.orgs.setMember(org.id, chief.id, 'admin')
    const departmentDoc = await t.server.data.service.create(await t.server.data.service.text('doc'), { title: '卫健委绩效文本', ownerId: chief.id })
    await t.server.data.orgs.setDocumentOrg(departmentDoc, org.id)

    const admin = await openAs(suite.browser, t, 'tang', 'editor')
    await admin.page.goto('/#/admin')
    const section = admin.page.getByTestId(`org-${org.id}`)
    const form = section.getByTestId('add-existing')
    await form.getByLabel('登录名').fill('songli')
    await form.getByRole('button', { name: '添加已有用户' }).click()
    await expect.poll(() => section.getByRole('status').textContent()).toContain('已邀请 songli')
    expect(await t.server.data.orgs.members(org.id)).toHaveLength(1)

    const invitee = await openAs(suite.browser, t, 'songli', 'viewer')
    await invitee.page.goto('/#/')
    const invitation = invitee.page.getByTestId('invitations').locator('li')
    await expect.poll(() => invitation.textContent()).toContain('唐主任邀请你以“编制人员”身份加入卫健委')
    await expect.poll(() => invitee.page.locator('.documents li', { hasText: '卫健委绩效文本' }).count()).toBe(0)
    await invitation.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => invitee.page.getByTestId('invitations').count()).toBe(0)
    await expect.poll(() => invitee.page.locator('.documents li', { hasText: '卫健委绩效文本' }).count()).toBe(1)
    expect((await t.server.data.orgs.members(org.id)).map((m) => [m.name, m.role])).toContainEqual(['songli', 'staff'])
    expect([...admin.errors, ...invitee.errors]).toEqual([])
    await admin.context.close()
    await invitee.context.close()
  }, 60_000)
})
