/**
 * Joining an organisation in the browser: the 管理员 adds an existing
 * account on 人员管理 and is told it was invited; the person sees the
 * invitation on their document list and accepts it; only then are they a
 * member (and their department's documents appear). The bureau's
 * reviewer cannot be added to a department: the 管理员 is told why; and
 * one made both before that rule is marked, and taking her out says she
 * still reviews. An invitation sent with the wrong role is listed as
 * 待接受 and withdrawn; the invitee never sees it.
 */
import { describe, expect, it } from 'vitest'
import { arriveAs, browserAndServer, loggedInAs, loggedOut } from './browser'

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

    const admin = await arriveAs(suite.browser, t, 'tang', 'editor', '/#/admin')
    const section = admin.page.getByTestId(`org-${org.id}`)
    const form = section.getByTestId('add-existing')
    // A slip of the keyboard first: no account is called songly, and the form says so instead of 「已邀请」.
    await form.getByLabel('登录名').fill('songly')
    await form.getByRole('button', { name: '添加已有用户' }).click()
    await expect.poll(() => section.getByRole('alert').textContent()).toBe('没有登录名为 songly 的用户，邀请未发出：请核对登录名，或用“新建账号”为其开户')
    expect(await section.getByRole('status').count()).toBe(0)
    expect(await form.getByLabel('登录名').inputValue()).toBe('songly')
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

    const invitee = await arriveAs(suite.browser, t, 'songli', 'viewer', '/#/')
    const invitation = invitee.page.getByTestId('invitations').locator('li')
    await expect.poll(() => invitation.textContent()).toContain('唐主任邀请你以“编制人员”身份加入卫健委')
    await expect.poll(() => invitee.page.locator('.documents li', { hasText: '卫健委绩效文本' }).count()).toBe(0)
    await invitation.getByRole('button', { name: '接受' }).click()
    await expect.poll(() => invitee.page.getByTestId('invitations').count()).toBe(0)
    await expect.poll(() => invitee.page.locator('.documents li', { hasText: '卫健委绩效文本' }).count()).toBe(1)
    expect((await t.server.data.orgs.members(org.id)).map((m) => [m.name, m.role])).toContainEqual(['songli', 'staff'])
    // Added again as 管理员, a member already: the form says it changed his role, not 「已添加」.
    await form.getByLabel('登录名').fill('songli')
    await form.getByLabel('角色').selectOption({ label: '管理员' })
    await form.getByRole('button', { name: '添加已有用户' }).click()
    await expect.poll(() => section.getByRole('status').textContent()).toContain('songli 已是成员：角色由编制人员改为管理员')
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

  it('秦岚 invites 何欣 as 管理员 by mistake, sees it waiting, withdraws it; 何欣 logs in to no invitation from 住建局', async () => {
    const { t } = suite
    const { orgs, logins } = t.server.data
    const [qinlan, hexin, fanggang] = [await logins.addUser('qinlan', 'pw-qinlan', '秦岚'), await logins.addUser('hexin', 'pw-hexin', '何欣'), await logins.addUser('fanggang', 'pw-fanggang', '方刚')]
    const [zjj, jtj] = [await orgs.addOrg({ name: '住建局', kind: 'department', code: '' }), await orgs.addOrg({ name: '交通局', kind: 'department', code: '' })]
    await orgs.setMember(zjj.id, qinlan.id, 'admin')
    await orgs.setMember(jtj.id, fanggang.id, 'admin')
    // 交通局's invitation, not withdrawn: what 何欣's list shows once it has loaded, so that it is seen to show nothing from 住建局.
    await orgs.invite({ orgId: jtj.id, userId: hexin.id, role: 'staff', invitedBy: fanggang.id, at: Date.now() })

    const admin = await loggedInAs(suite.browser, t, 'qinlan', '/#/admin')
    const pending = admin.page.getByTestId(`pending-${zjj.id}`)
    await expect.poll(() => pending.textContent()).toContain('没有待接受的邀请')
    const form = admin.page.getByTestId(`org-${zjj.id}`).getByTestId('add-existing')
    await form.getByLabel('登录名').fill('hexin')
    await form.getByLabel('角色').selectOption({ label: '管理员' })
    await form.getByRole('button', { name: '添加已有用户' }).click()
    // Listed at once, as the members are: 姓名, 登录名, the role offered, who invited.
    const row = pending.locator('tr[data-invitation="hexin"]')
    await expect.poll(() => row.locator('td').allTextContents().then((cells) => cells.slice(0, 4))).toEqual(['何欣', 'hexin', '管理员', '秦岚'])

    await row.getByRole('button', { name: '撤回' }).click()
    const confirm = pending.getByRole('alertdialog')
    await expect.poll(() => confirm.textContent()).toContain('撤回对 何欣（hexin） 以“管理员”身份加入住建局的邀请？撤回后对方不能再接受这个邀请。')
    await confirm.getByRole('button', { name: '撤回' }).click()
    await expect.poll(() => pending.getByRole('status').textContent()).toBe('已撤回对 何欣（hexin） 的邀请')
    await expect.poll(() => pending.locator('tr[data-invitation]').count()).toBe(0)
    expect(await pending.textContent()).toContain('没有待接受的邀请')
    // Still gone when 人员管理 is read afresh.
    await admin.page.reload()
    await expect.poll(() => pending.textContent()).toContain('没有待接受的邀请')

    const invitee = await loggedOut(suite.browser, t)
    await invitee.page.goto('/#/login')
    await invitee.logIn('hexin')
    await invitee.page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => invitee.page.getByTestId('invitations').locator('li span').allTextContents()).toEqual(['方刚邀请你以“编制人员”身份加入交通局'])
    // 方刚 takes his back while her page shows it: her 接受 is refused in words, not a line that vanishes as if she had joined.
    const [fromJtj] = await orgs.invitationsTo(jtj.id)
    await orgs.withdrawInvitation(fromJtj!.id, jtj.id)
    await invitee.page.getByTestId('invitations').getByRole('button', { name: '接受' }).click()
    // Once the list has been read again (and is empty), the refusal is still there to read.
    await expect.poll(() => invitee.page.getByTestId('invitations').count()).toBe(0)
    expect(await invitee.page.getByRole('alert').allTextContents()).toContain('没有这个邀请，或已答复')
    expect((await orgs.membershipsOf(hexin.id)).map((m) => m.orgId)).toEqual([])
    expect([...admin.errors, ...invitee.errors]).toEqual([])
    await admin.context.close()
    await invitee.context.close()
  }, 60_000)
})
