/**
 * Joining an organisation in the browser: the 管理员 adds an existing
 * account on 人员管理 and is told it was invited; the person sees the
 * invitation on their document list and accepts it; only then are they a
 * member (and their department's documents appear). The bureau's
 * reviewer cannot be added to a department: the 管理员 is told why; and
 * one made both before that rule is marked, and taking her out says she
 * still reviews.
 */
import { describe, expect, it } from 'vitest'
import { browserAndServer, loggedInAs, openAs } from './browser'

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
    // The form is ready for the next invitation with the role it offered first, not 管理员.
    expect(await form.getByLabel('角色').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.text)).toBe('编制人员')
    // He tries to make himself 编制人员: refused, and his row still reads 管理员.
    const ownRole = section.locator('tr[data-member="tang"]').getByLabel('角色')
    await ownRole.selectOption({ label: '编制人员' })
    await expect.poll(() => section.getByRole('alert').textContent()).toContain('不能取消自己的管理员身份')
    expect(await ownRole.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.text)).toBe('管理员')

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

  it('赵敏 adding the bureau’s reviewer 王芳 is refused, in words; a reviewer made a member before the rule is marked, and the removal says she still reviews', async () => {
    const { t } = suite
    const { orgs, logins } = t.server.data
    const [zhaomin, wangfang, lihua] = [await logins.addUser('zhaomin', 'pw-zhaomin', '赵敏'), await logins.addUser('wangfang', 'pw-wangfang', '王芳'), await logins.addUser('lihua', 'pw-lihua', '李华')]
    const wlj = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const czj = (await orgs.orgByName('财政局')) ?? (await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' }))
    await orgs.setMember(wlj.id, zhaomin.id, 'admin')
    for (const reviewer of [wangfang, lihua]) {
      await orgs.setMember(czj.id, reviewer.id, 'reviewer')
      await orgs.setAssignment({ financeOrgId: czj.id, departmentOrgId: wlj.id, userId: reviewer.id }, true)
    }

    const admin = await loggedInAs(suite.browser, t, 'zhaomin', '/#/admin')
    const section = admin.page.getByTestId(`org-${wlj.id}`)
    const form = section.getByTestId('add-existing')
    await form.getByLabel('登录名').fill('wangfang')
    await form.getByRole('button', { name: '添加已有用户' }).click()
    await expect.poll(() => section.getByRole('alert').textContent()).toBe('wangfang 是财政局的成员，不能同时加入文旅局：财政局审核各部门的文档，审核文档的人不能同时编制文档')
    expect(await section.getByRole('status').count()).toBe(0)
    expect(await orgs.invitationsOf(wangfang.id)).toEqual([])

    // 李华 was made 文旅局's 编制人员 before the rule: the list says she only reviews here, and taking her out says what really happens.
    await orgs.setMember(wlj.id, lihua.id, 'staff')
    await admin.page.reload()
    const row = section.locator('tr[data-member="lihua"]')
    await expect.poll(() => row.textContent()).toContain('财政局审核人员：在本单位只能审核，不能编辑')
    await row.getByRole('button', { name: '移出本单位' }).click()
    await expect.poll(() => section.getByRole('alertdialog').textContent()).toContain(
      '将 李华 移出文旅局？移出后不能再编辑本单位的文档；但李华是财政局指派审核本单位的审核人员，仍能以审核身份打开本单位的文档，提出修订和批注。',
    )
    await section.getByRole('alertdialog').getByRole('button', { name: '移出本单位' }).click()
    await expect.poll(() => section.getByRole('status').textContent()).toBe('已将 李华 移出')
    expect((await orgs.members(wlj.id)).map((m) => m.name)).toEqual(['zhaomin'])
    expect(admin.errors).toEqual([])
    await admin.context.close()
  }, 60_000)
})
