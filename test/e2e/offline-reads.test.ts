/**
 * What a page reads from the server, after an offline reload: the review
 * queue, the dashboard, the list of documents, the document's versions and
 * its 报送 deadline say they could not be loaded offline — never that there is nothing (a
 * tester saw 没有分配给你审核的部门文档 for a queue of 4), nor offer a fresh
 * 审核意见 over the one kept — and the page raises no error. A list read
 * again offline keeps what it showed, saying it could not be refreshed.
 * Back online, each is read again by itself, without a reload; until her
 * kept 审核意见 is read, 退回修改 and 审核通过 wait (their note would start
 * from an empty one). A document never opened on this PC, opened offline,
 * shows nothing of itself: no status, steps, toolbar or counts.
 * The document list read offline is the one this account last read on this
 * PC, said to be that, with nothing offered that needs the server; another
 * account of the same browser never sees it.
 */
import { describe, expect, it } from 'vitest'
import { loginAt } from '../support/http-session'
import { reviewedDepartment } from '../support/reviewed-department'
import { browserAndServer, drawn, loggedOut, openAs, synced } from './browser'

const suite = browserAndServer({ offline: true })

describe('reads that fail offline', () => {
  it('the queue, the dashboard, the list, the history and the 审核意见 say they are offline, not empty, and are read again once online; a queue sorted anew keeps its rows', async () => {
    const { t, browser } = suite
    const { bureau } = await reviewedDepartment(t)
    await t.server.data.orgs.setDeadline(bureau.id, 2022, new Date(2022, 2, 31).getTime())
    const staff = await openAs(browser, t, 'zhang', 'editor', 'doc', { share: false })
    await staff.page.getByRole('button', { name: '报送', exact: true }).click()
    await staff.page.getByRole('button', { name: '确认报送' }).click()
    await expect.poll(() => staff.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')

    const { page, context, errors } = await openAs(browser, t, 'wang', 'reviewer', 'doc', { share: false })
    const history = page.getByTestId('history')
    const opinion = page.getByTestId('review-opinion')
    await page.getByRole('button', { name: '开始审核', exact: true }).click()
    await expect.poll(() => page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('审核中')
    // Online: the bureau's deadline, the 报送's version, her 审核意见 drafted and kept, the document in her queue and on the dashboard.
    await expect.poll(() => page.getByTestId('deadline').textContent(), { timeout: 10_000 }).toBe('报送截止 2022/3/31')
    await expect.poll(() => history.locator('.versions li').count(), { timeout: 10_000 }).toBe(2)
    await opinion.getByRole('button', { name: '根据审核检查起草审核意见' }).click()
    await expect.poll(() => opinion.getByTestId('opinion-saving').textContent(), { timeout: 10_000 }).toBe('已保存在服务器。')
    const kept = await opinion.getByRole('textbox', { name: '审核意见' }).inputValue()
    await page.goto('/#/dashboard')
    await expect.poll(() => page.getByTestId('dashboard').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    await page.goto('/#/queue')
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true)

    await context.setOffline(true)
    // Sorted anew offline, the queue cannot be read again: the list she had stays, saying it is not fresh.
    await page.getByRole('combobox').first().selectOption('findings')
    await expect.poll(() => page.getByTestId('refresh-failed').textContent(), { timeout: 10_000 }).toBe('离线：无法刷新审核队列，显示的是上次加载的内容')
    expect(await page.getByTestId('queue').locator('tbody tr').count()).toBe(1)

    await page.goto('/#/dashboard')
    await page.reload()
    await page.getByRole('heading', { name: '汇总' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('离线：无法加载汇总，联网后自动重新加载')
    expect(await page.locator('main').textContent()).not.toContain('没有可汇总的部门文档')
    // Back online, the dashboard fills in by itself.
    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('dashboard').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    await context.setOffline(true)

    await page.goto('/#/queue')
    await page.reload()
    await page.getByRole('heading', { name: '审核队列' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('离线：无法加载审核队列，联网后自动重新加载')
    expect(await page.locator('main').textContent()).not.toContain('没有分配给你审核的部门文档')
    // 重试 offline fails again, saying so; back online, the queue fills in by itself.
    await page.getByRole('button', { name: '重试' }).click()
    await expect.poll(() => page.getByTestId('load-failed').textContent(), { timeout: 10_000 }).toBe('离线：无法加载审核队列，联网后自动重新加载')
    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('queue').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1)
    await context.setOffline(true)
    // Her list of documents was never read on this PC: it says so, not 还没有文档.
    await page.goto('/#/')
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('离线：无法加载我的文档，联网后自动重新加载')
    // Back online, the link to 汇总 (from her memberships, which could not be read either) comes by itself.
    await context.setOffline(false)
    await expect.poll(() => page.getByRole('link', { name: '汇总' }).count(), { timeout: 10_000 }).toBe(1)
    await context.setOffline(true)
    expect(await page.locator('main').textContent()).not.toContain('还没有文档')

    await page.goto('/#/doc/doc')
    await page.reload()
    await drawn(page)
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain('离线：无法加载历史版本，联网后自动重新加载')
    // The deadline could not be read: said so, not left out (which reads as none).
    expect(await page.getByTestId('deadline').textContent()).toBe('离线：无法加载报送截止日期，联网后自动重新加载')
    expect(await history.textContent()).not.toContain('还没有版本')
    // Her kept draft could not be read: said so, not offered a fresh draft (that would overwrite it), no failed save.
    await expect.poll(() => opinion.textContent(), { timeout: 10_000 }).toContain('离线：无法加载审核意见，联网后自动重新加载')
    expect(await opinion.getByRole('button', { name: '根据审核检查起草审核意见' }).count()).toBe(0)
    expect(await opinion.textContent()).not.toContain('保存失败')
    // Her steps that take a note wait for the kept draft: they would start from an empty note.
    expect(await page.getByRole('button', { name: '退回修改', exact: true }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: '审核通过', exact: true }).isDisabled()).toBe(true)
    expect(await page.getByTestId('step-waits').textContent()).toBe('审核意见尚未加载，加载后才能退回修改或审核通过')

    await context.setOffline(false)
    // Back online, all is read again without a reload: the deadline, the versions, her kept draft.
    await expect.poll(() => page.getByTestId('deadline').textContent(), { timeout: 20_000 }).toBe('报送截止 2022/3/31')
    await expect.poll(() => history.locator('.versions li').count(), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => opinion.getByRole('textbox', { name: '审核意见' }).inputValue(), { timeout: 20_000 }).toBe(kept)
    expect(await opinion.textContent()).not.toContain('离线')
    // 退回修改 starts from her kept draft.
    await page.getByRole('button', { name: '退回修改', exact: true }).click()
    expect(await page.locator('.workflow-note textarea').inputValue()).toBe(kept)
    expect([...errors, ...staff.errors]).toEqual([])
    await context.close()
    await staff.context.close()
  }, 120_000)

  it('a document never opened on this PC, opened offline, shows no status, steps, toolbar or counts: only that it cannot be opened', async () => {
    const { t, browser } = suite
    const text = await t.server.data.service.text('doc')
    for (const id of ['mine', 'other']) await t.server.data.service.create(text, { id, title: id, ownerId: null })
    await t.grant('zhao', 'editor', 'other')
    const { page, context, errors } = await openAs(browser, t, 'zhao', 'editor', 'mine')
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true)
    // The document she opened shows itself: status, 报送, the toolbar, the checks.
    await expect.poll(() => page.getByTestId('doc-status').allTextContents(), { timeout: 10_000 }).toEqual(['编制中'])
    await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toContain('审核检查（')

    await context.setOffline(true)
    await page.goto('/#/doc/other')
    await page.reload()
    await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toContain('此文档尚未在本机打开过，离线时无法打开')
    const seen = (await page.locator('body').textContent()) ?? ''
    for (const absent of ['审核检查（', '批注（', '历史版本']) expect(seen).not.toContain(absent)
    expect(await page.getByTestId('doc-status').count()).toBe(0)
    expect(await page.getByRole('button', { name: '报送', exact: true }).count()).toBe(0)
    expect(await page.getByRole('navigation', { name: '工具栏' }).count()).toBe(0)

    // Back online, the document arrives and shows itself whole.
    await context.setOffline(false)
    await expect.poll(() => page.getByTestId('doc-status').allTextContents(), { timeout: 20_000 }).toEqual(['编制中'])
    await expect.poll(() => page.getByRole('navigation', { name: '工具栏' }).count(), { timeout: 10_000 }).toBe(1)
    expect(errors).toEqual([])
    await context.close()
  }, 90_000)

  it('the document list read offline is this account’s last copy, said to be one, never live nor another account’s', async () => {
    const { t, browser } = suite
    const { logins, orgs } = t.server.data
    const id = await t.server.data.service.create(await t.server.data.service.text('doc'), { title: '赵的文档', ownerId: null })
    await t.grant('zhao', 'editor', id)
    await t.grant('sun', 'editor', id)
    // Someone else on the same PC later: a bureau reviewer, whose day starts from the queue, not the list.
    const qian = await logins.addUser('qian', 'pw-qian', '钱审核')
    const bureau = await orgs.addOrg({ name: '市财政局', kind: 'finance', code: '' })
    await orgs.setMember(bureau.id, qian.id, 'reviewer')

    const { context, page, errors, logIn: typeLogin } = await loggedOut(browser, t, { width: 1400, height: 900 })
    const logIn = async (name: string) => {
      await page.goto('/#/login')
      await typeLogin(name)
    }
    const main = page.locator('main')

    // 赵 logs in, opens the document once (it is kept on this PC) and comes back to the list.
    await logIn('zhao')
    await page.getByRole('link', { name: '赵的文档' }).click()
    await synced(page)
    await page.goto('/#/')
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true)
    await page.reload()
    await page.getByRole('link', { name: '赵的文档' }).waitFor({ timeout: 10_000 })
    // Meanwhile a colleague renames it.
    const sun = await loginAt(t.server.url, 'sun')
    expect((await sun.json(`/api/docs/${id}`, 'PATCH', { title: '孙改过的标题' })).status).toBe(200)

    // Offline, the list reloaded is the copy 赵 read last, and says so; nothing that needs the server is offered.
    await context.setOffline(true)
    await page.reload()
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => page.getByTestId('refresh-failed').textContent(), { timeout: 10_000 }).toBe('离线：无法刷新我的文档，显示的是上次加载的内容')
    expect(await page.getByTestId('needs-network').textContent()).toContain('新建、导入、重命名、共享等需要联网')
    expect(await page.getByRole('button', { name: '新建空白文档' }).isDisabled()).toBe(true)
    expect(await page.getByRole('button', { name: '重命名' }).count()).toBe(0)
    // It still leads to the document opened before, which opens from this PC.
    await page.getByRole('link', { name: '赵的文档' }).click()
    await drawn(page)

    // 钱 logs in on the same browser (赵 did not log out); offline, her list was never read here: it says so,
    // and shows nothing of 赵's.
    await context.setOffline(false)
    await logIn('qian')
    await page.getByRole('heading', { name: '审核队列' }).waitFor({ timeout: 20_000 })
    // 赵's roles went with her: 钱 opening a document 赵 edited is not shown 赵's controls (王芳 was shown 撤回报送).
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('jixiao:role:')))).toEqual([])
    await context.setOffline(true)
    await page.goto('/#/')
    await page.reload()
    await page.getByRole('heading', { name: '我的文档' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => main.textContent(), { timeout: 10_000 }).toContain('离线：无法加载我的文档，联网后自动重新加载')
    expect(await main.textContent()).not.toMatch(/赵的文档|孙改过的标题/)
    // Nor the document 赵 opened here: its copy is not 钱's to read until the server lets her open it.
    await page.goto(`/#/doc/${id}`)
    await expect.poll(() => page.locator('body').textContent(), { timeout: 20_000 }).toContain('本机的此文档副本不是以你的账号打开的')
    expect(await page.locator('[data-field="goalItem"]').count()).toBe(0)

    await context.setOffline(false)
    expect(errors).toEqual([])
    await context.close()
  }, 120_000)
})
