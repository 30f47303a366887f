/**
 * The document list in the browser: renaming in place and sharing in a
 * panel that lists the members with their rights in Chinese — no browser
 * prompt anywhere (openAs fails a test on any browser dialog).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { arriveAs, browserAndServer, importFromList, loggedInAs, openAs, synced } from './browser'

const suite = browserAndServer()

describe('document list', () => {
  it('the owner renames a document in place and shares it, choosing rights in Chinese', async () => {
    const { t } = suite
    const owner = await t.server.data.logins.addUser('sun', 'pw-sun', '孙丽')
    await t.server.data.logins.addUser('zhou', 'pw-zhou', '周强')
    const id = await t.server.data.service.create((await t.server.data.service.text('doc')), { title: '共享测试', ownerId: owner.id })
    const staff = await arriveAs(suite.browser, t, 'sun', 'editor', '/#/', { docId: id })
    const row = staff.page.locator('li', { hasText: '共享测试' })

    await row.getByRole('button', { name: '重命名' }).click()
    // The row's title is now an input (the row no longer shows the title as text).
    const input = staff.page.getByRole('textbox', { name: '重命名' })
    await input.fill('共享测试（改）')
    await staff.page.locator('.rename-form').getByRole('button', { name: '保存' }).click()
    await expect.poll(async () => (await t.server.data.documents.get(id))?.title, { timeout: 10_000 }).toBe('共享测试（改）')

    const renamed = staff.page.locator('li', { hasText: '共享测试（改）' })
    await renamed.getByRole('button', { name: '共享' }).click()
    const panel = staff.page.getByTestId('share-panel')
    // His 姓名 typed for his login name shares with nobody, and says so (it said nothing, and cleared the box).
    await panel.getByRole('textbox', { name: '用户名' }).fill('周强')
    await panel.getByRole('button', { name: '添加' }).click()
    await expect.poll(() => panel.getByRole('alert').textContent()).toBe('没有找到登录名为“周强”的账号，没有共享给任何人：请输入对方的登录名（如 chengang），不是姓名')
    expect(await panel.getByRole('textbox', { name: '用户名' }).inputValue()).toBe('周强')
    await panel.getByRole('textbox', { name: '用户名' }).fill('zhou')
    // 审核 is the bureau's to give, not the owner's.
    expect(await panel.getByRole('combobox', { name: '权限', exact: true }).locator('option').allTextContents()).toEqual(['编辑', '只读'])
    await panel.getByRole('combobox', { name: '权限', exact: true }).selectOption({ label: '编辑' })
    await panel.getByRole('button', { name: '添加' }).click()
    await expect.poll(async () => (await t.server.data.accounts.membersOf(id)).find((m) => m.name === 'zhou')?.role, { timeout: 10_000 }).toBe('editor')
    await expect.poll(() => panel.locator('tr', { hasText: '周强' }).count()).toBe(1)
    await panel.getByRole('combobox', { name: '周强的权限' }).selectOption({ label: '只读' })
    await expect.poll(async () => (await t.server.data.accounts.membersOf(id)).find((m) => m.name === 'zhou')?.role, { timeout: 10_000 }).toBe('viewer')
    await panel.getByRole('combobox', { name: '周强的权限' }).selectOption({ label: '移除' })
    await expect.poll(async () => (await t.server.data.accounts.membersOf(id)).some((m) => m.name === 'zhou'), { timeout: 10_000 }).toBe(false)
    expect(staff.errors).toEqual([])
    await staff.context.close()
  }, 60_000)

  it('a user changes their 姓名 and password on the account page; the list searches by name', async () => {
    const { t } = suite
    await t.server.data.logins.addUser('feng', 'pw-feng', 'feng')
    const user = await arriveAs(suite.browser, t, 'feng', 'editor', '/#/')
    await user.page.getByRole('searchbox', { name: '按名称、所有者或状态查找文档' }).fill('没有这个')
    await expect.poll(() => user.page.locator('.documents li').count()).toBe(0)
    await user.page.getByRole('searchbox', { name: '按名称、所有者或状态查找文档' }).fill('测试')
    await expect.poll(() => user.page.locator('.documents li').count()).toBeGreaterThan(0)

    await user.page.getByRole('link', { name: 'feng' }).click()
    await user.page.getByRole('textbox', { name: '姓名' }).fill('冯军')
    await user.page.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => user.page.getByRole('status').textContent()).toBe('姓名已保存')
    expect((await t.server.data.accounts.userByName('feng'))?.displayName).toBe('冯军')

    await user.page.getByLabel('当前密码').fill('pw-feng')
    await user.page.getByLabel('新密码（至少 8 位）').fill('a-new-password')
    await user.page.getByLabel('再次输入新密码').fill('a-new-password')
    await user.page.getByRole('button', { name: '修改密码' }).click()
    await expect.poll(() => user.page.getByRole('status').textContent()).toContain('密码已修改')
    expect(await t.server.data.logins.authenticate('feng', 'a-new-password')).toBeDefined()
    // Still logged in here.
    await user.page.goto('/#/')
    await expect.poll(() => user.page.locator('.documents li').count()).toBeGreaterThan(0)
    expect(user.errors).toEqual([])
    await user.context.close()
  }, 60_000)

  it('a department’s 管理员 opens an account for a colleague, changes her role, resets her password and removes her', async () => {
    const { t } = suite
    const chief = await t.server.data.logins.addUser('kong', 'pw-kong', '孔主任')
    const org = await t.server.data.orgs.addOrg({ name: '民政局', kind: 'department', code: '' })
    await t.server.data.orgs.setMember(org.id, chief.id, 'admin')
    const admin = await arriveAs(suite.browser, t, 'kong', 'editor', '/#/')
    const page = admin.page
    await page.getByTestId('admin-link').click()
    const section = page.getByTestId(`org-${org.id}`)
    expect(await section.getByRole('heading', { level: 2 }).textContent()).toBe('民政局 · 成员')

    const form = section.getByTestId('new-account')
    await form.getByLabel('姓名').fill('周敏')
    await form.getByLabel('登录名').fill('zhoumin')
    await form.getByLabel(/初始密码/).fill('start-12345')
    expect(await form.getByLabel('角色').inputValue()).toBe('staff')
    await form.getByRole('button', { name: '新建账号' }).click()
    await expect.poll(() => section.getByRole('status').textContent()).toContain('已创建账号 zhoumin')
    const row = section.locator('tr[data-member="zhoumin"]')
    expect(await row.locator('td').first().textContent()).toBe('周敏')
    expect(await t.server.data.logins.authenticate('zhoumin', 'start-12345')).toBeDefined()
    // A taken login name is refused with the reason, in the page.
    await form.getByLabel('姓名').fill('另一个周敏')
    await form.getByLabel('登录名').fill('zhoumin')
    await form.getByLabel(/初始密码/).fill('start-12345')
    await form.getByRole('button', { name: '新建账号' }).click()
    await expect.poll(() => section.getByRole('alert').textContent()).toContain('已被使用')

    await row.getByLabel('角色').selectOption('admin')
    await expect.poll(() => section.getByRole('status').textContent()).toBe('周敏 现为管理员')
    expect((await t.server.data.orgs.members(org.id)).find((m) => m.name === 'zhoumin')?.role).toBe('admin')

    await row.getByRole('button', { name: '重置密码' }).click()
    await row.getByLabel('新密码（至少 8 位）').fill('reset-67890')
    await row.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => section.getByRole('status').textContent()).toContain('已重置 周敏 的密码')
    expect(await t.server.data.logins.authenticate('zhoumin', 'reset-67890')).toBeDefined()

    await row.getByRole('button', { name: '移出本单位' }).click()
    await section.getByRole('alertdialog').getByRole('button', { name: '移出本单位' }).click()
    await expect.poll(() => section.locator('tr[data-member="zhoumin"]').count()).toBe(0)
    expect(admin.errors).toEqual([])
    await admin.context.close()
  }, 60_000)

  it('a finance reviewer assigned to a department finds its documents in the review queue', async () => {
    const { t } = suite
    const { orgs, logins } = t.server.data
    const reviewer = await logins.addUser('chen', 'pw-chen', '陈静')
    const department = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setDocumentOrg('doc', department.id)
    await orgs.setMember(bureau.id, reviewer.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: reviewer.id }, true)
    // arriveAs also shares the document by name; the queue itself comes from the assignment alone.
    const user = await arriveAs(suite.browser, t, 'chen', 'reviewer', '/#/')
    await user.page.getByTestId('queue-link').click()
    const queue = user.page.getByTestId('queue')
    await expect.poll(() => queue.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    expect(await queue.locator('tbody tr').first().textContent()).toContain('政法委')
    // A bureau member also has the dashboard, with a CSV for Excel.
    await user.page.goto('/#/')
    await user.page.getByTestId('dashboard-link').click()
    await expect.poll(() => user.page.getByTestId('dashboard').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    expect(await user.page.getByRole('link', { name: '导出表格（CSV）' }).getAttribute('href')).toBe('/api/dashboard.csv')
    expect(user.errors).toEqual([])
    await user.context.close()

    // Staff who follow a link to it are told it is not theirs: no empty table, no 重试, no file to export.
    const staff = await logins.addUser('tang', 'pw-tang', '唐敏')
    await orgs.setMember(department.id, staff.id, 'staff')
    const writer = await loggedInAs(suite.browser, t, 'tang', '/#/dashboard')
    await expect.poll(() => writer.page.getByTestId('load-failed').textContent(), { timeout: 10_000 }).toBe('汇总只对财政局的人员和部门的管理员开放：你不在财政局，也不是哪个部门的管理员')
    expect(await writer.page.getByRole('button', { name: '重试' }).count()).toBe(0)
    expect(await writer.page.getByRole('link', { name: '导出表格（CSV）' }).count()).toBe(0)
    await writer.context.close()
  }, 60_000)

  it('a file called “sample” imports under the document’s own title, owned by “我”; imported twice, the bureau’s year total counts it once and says so', async () => {
    const { t } = suite
    const { orgs, accounts } = t.server.data
    // Both read the test document; what matters is their organisations.
    for (const user of ['liu', 'ma']) await t.grant(user, 'viewer')
    const department = await orgs.addOrg({ name: '教育局', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '区财政局', kind: 'finance', code: '' })
    await orgs.setMember(department.id, (await accounts.userByName('liu'))!.id, 'staff')
    await orgs.setMember(bureau.id, (await accounts.userByName('ma'))!.id, 'reviewer')
    const staff = await arriveAs(suite.browser, t, 'liu', 'viewer', '/#/')
    const title = '政法委部门 2022年部门预算绩效文本'
    for (let n = 1; n <= 2; n++) {
      await staff.page.getByText('导入（Word、Excel、网页或文本）').waitFor()
      await importFromList(staff.page, 'sample.txt', sampleBytes(), 'text/plain')
      await staff.page.waitForURL(/#\/doc\//)
      await staff.page.goto('/#/')
      await expect.poll(() => staff.page.getByRole('link', { name: title, exact: true }).count(), { timeout: 10_000 }).toBe(n)
    }
    expect(await staff.page.getByRole('link', { name: 'sample', exact: true }).count()).toBe(0)
    const mine = staff.page.locator('li', { has: staff.page.getByRole('link', { name: title, exact: true }) }).first()
    expect(await mine.locator('.role').textContent()).toBe('所有者：我')

    const bureauPage = await arriveAs(suite.browser, t, 'ma', 'viewer', '/#/dashboard')
    const rows = bureauPage.page.getByTestId('dashboard').locator('tbody tr', { hasText: '教育局' })
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
    // Neither approved: the later import counts, the earlier is marked and named under the year's total.
    expect(await rows.locator('.left-out').count()).toBe(1)
    const year = bureauPage.page.getByTestId('year-total').filter({ hasText: '教育局' })
    expect(await year.locator('td.left-out').textContent()).toBe(`教育局“${title}”（已计“${title}”）`)
    expect(staff.errors).toEqual([])
    expect(bureauPage.errors).toEqual([])
    await staff.context.close()
    await bureauPage.context.close()
  }, 60_000)

  it('a region’s form imported from the list opens as a document with its particulars; a broken one says where', async () => {
    const { t } = suite
    const wu = await t.server.data.logins.addUser('wu', 'pw-wu', '吴刚')
    const id = await t.server.data.service.create(await t.server.data.service.text('doc'), { title: '吴刚的文档', ownerId: wu.id })
    const staff = await arriveAs(suite.browser, t, 'wu', 'editor', '/#/', { docId: id })
    await staff.page.getByText('吴刚的文档').waitFor()

    const html = readFileSync(new URL('../fixtures/formats/regional/yanglao-2024.html', import.meta.url))
    const broken = new TextEncoder().encode(html.toString('utf8').replace('>分值<', '>得分情况<'))
    await importFromList(staff.page, 'yanglao.html', broken, 'text/html')
    await expect.poll(() => staff.page.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/网页文件 表 1 › 第 \d+ 行 › 第 5 列：.*“得分情况”不是可识别的列名/)

    await importFromList(staff.page, 'yanglao.html', new Uint8Array(html), 'text/html')
    await staff.page.waitForURL(/#\/doc\//)
    const department = staff.page.locator('[data-field="projectDepartment"]')
    await expect.poll(() => department.textContent()).toContain('某某区民政局')
    await expect.poll(() => staff.page.locator('.indicator-header').first().textContent()).toContain('分值')
    expect(await staff.page.locator('[data-field="projectName"] .value').first().textContent()).toBe('社区养老服务补助')
    expect(staff.errors).toEqual([])
    await staff.context.close()
  }, 60_000)
  it('a form whose 上级资金 no cell holds, imported from the list, opens saying so where it is to be filled in', async () => {
    const { t } = suite
    const staff = await arriveAs(suite.browser, t, 'cao', 'editor', '/#/')
    const xiangtan = readFileSync(new URL('../fixtures/formats/regional/xiangtan-wupaoche-2023.txt', import.meta.url), 'utf8')
    const form = new TextEncoder().encode(xiangtan.replace('该项目支出上级资金 |\n0 |', '该项目支出上级资金 |\n30万 |'))
    await staff.page.getByText('导入（Word、Excel、网页或文本）').waitFor()
    await importFromList(staff.page, 'xiangtan.txt', form, 'text/plain')
    await staff.page.waitForURL(/#\/doc\//)
    await synced(staff.page)
    await expect.poll(() => staff.page.getByRole('status').allTextContents(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/该项目支出上级资金“30万”未导入.*已作为批注留在文档中/))
    expect(await staff.page.locator('[data-field="budgetTotal"] .value').first().textContent()).toBe('250万')
    // Said once, and kept: a colleague opening the document later finds it as an open comment on the 项目名称.
    const id = /#\/doc\/([^/?]+)/.exec(staff.page.url())![1]!
    const colleague = await openAs(suite.browser, t, 'zhou', 'editor', id)
    const note = colleague.page.locator('.thread', { hasText: '导入文件时：该项目支出上级资金“30万”未导入' })
    await expect.poll(() => note.isVisible(), { timeout: 10_000 }).toBe(true)
    expect(await note.locator('blockquote').textContent()).toBe(await colleague.page.locator('[data-field="projectName"] .value').first().textContent())
    const staffNote = staff.page.locator('.thread', { hasText: '导入文件时：' })
    await expect.poll(() => staffNote.isVisible(), { timeout: 10_000 }).toBe(true)
    // Scrolled away from its text, they click the comment's quote: it takes them to the text, well inside the window
    // (not on its edge, under the toolbar).
    const nameCell = colleague.page.locator('[data-field="projectName"] .value').first()
    // (A laptop's window: the one-project form is then taller than it.)
    await colleague.page.setViewportSize({ width: 1400, height: 560 })
    await colleague.page.mouse.move(400, 400)
    await colleague.page.mouse.wheel(0, 3000)
    await expect.poll(() => nameCell.evaluate((el) => el.getBoundingClientRect().bottom < 0)).toBe(true)
    await note.locator('blockquote').click()
    await expect.poll(() => nameCell.evaluate((el) => el.getBoundingClientRect().top >= innerHeight * 0.2 && el.getBoundingClientRect().bottom <= innerHeight * 0.8)).toBe(true)
    // Once the figures are checked against the form, it is resolved, and the importer's page no longer lists it as open.
    await note.getByRole('button', { name: '解决' }).click()
    await synced(colleague.page)
    await expect.poll(() => staffNote.count(), { timeout: 10_000 }).toBe(0)
    expect([...staff.errors, ...colleague.errors]).toEqual([])
    await staff.context.close()
    await colleague.context.close()
  }, 60_000)
})

describe('opening a document', () => {
  it('opened by its address, it connects to the server while the editor’s code is still loading', async () => {
    const { t } = suite
    await t.grant('qian', 'editor')
    const context = await suite.browser.newContext({ baseURL: t.server.url, viewport: { width: 1400, height: 900 } })
    const login = await context.request.post('/api/login', { data: { name: 'qian', password: 'pw-qian' } })
    await context.addInitScript((u) => localStorage.setItem('jixiao:user', JSON.stringify(u)), (await login.json()).user)
    const page = await context.newPage()
    let socketOpened = false
    page.on('websocket', (socket) => {
      if (new URL(socket.url()).pathname.startsWith('/sync')) socketOpened = true
    })
    // The editor's chunk is held back until the page has opened its WebSocket (or long enough to say it did not).
    let socketBeforeEditor: boolean | null = null
    await page.route(/\/assets\/EditorPage-[^/]*\.js$/, async (route) => {
      await expect.poll(() => socketOpened, { timeout: 15_000 }).toBe(true).catch(() => {})
      socketBeforeEditor ??= socketOpened
      await route.continue()
    })
    await page.goto('/#/doc/doc')
    await synced(page)
    expect(socketBeforeEditor).toBe(true)
    expect(await page.locator('section[data-node="project"]').count()).toBeGreaterThan(0)
    await context.close()
  }, 60_000)

  it('opened from the list, it takes the role the list just fetched instead of asking for the list again', async () => {
    const { t } = suite
    const staff = await arriveAs(suite.browser, t, 'zheng', 'editor', '/#/')
    const link = staff.page.locator('.documents li a', { hasText: '测试文档' })
    await link.waitFor()
    const asked: string[] = []
    staff.context.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/docs') asked.push(request.method())
    })
    await link.click()
    await synced(staff.page)
    await staff.page.waitForSelector('.ProseMirror[contenteditable=true]')
    expect(asked).toEqual([])
    expect(staff.errors).toEqual([])
    await staff.context.close()
  }, 60_000)
})
