/**
 * 人员管理 › 审核分工, on the demo as `npm start` seeds it: 陈刚 (the
 * 财政局's 管理员) sees who reviews which department, assigns a second
 * 审核人员, 孙丽, to 文旅局 — whose 赵敏 has submitted the department's
 * document — and she finds it in her review queue and opens it; taken off
 * again, it leaves her queue and her open document closes. Assigning
 * someone the server refuses says why, plainly.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seedDemo } from '../../server/demo/seed-demo'
import { loginAt } from '../support/http-session'
import { browserAndServer, loggedOut, synced } from './browser'

const suite = browserAndServer()

/** A browser of its own for `name`, logged in on the login page as a person does. */
async function logIn(name: string, password: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const { context, page, errors, logIn: typeLogin } = await loggedOut(suite.browser, suite.t, { width: 1400, height: 900 })
  await page.goto('/#/login')
  await typeLogin(name, password)
  await page.waitForURL((url) => !url.hash.startsWith('#/login'), { timeout: 20_000 })
  return { page, errors, close: () => context.close() }
}

describe('审核分工', () => {
  it('陈刚 assigns a reviewer to a department: she finds its submitted document in her queue; taken off, it is gone', async () => {
    const { t } = suite
    const logins = await seedDemo(t.server.data, t.dataDir)
    const password = (name: string) => logins.find((l) => l.name === name)!.password
    const bureau = (await t.server.data.orgs.orgByName('财政局'))!
    // A second 审核人员 of the bureau, reviewing nothing yet.
    const sun = await t.server.data.logins.addUser('sunli', 'pw-sunli', '孙丽')
    await t.server.data.orgs.setMember(bureau.id, sun.id, 'reviewer')
    // 赵敏, 文旅局's 管理员, has submitted the department's document.
    const zhao = await loginAt(t.server.url, 'zhaomin', password('zhaomin'))
    expect((await zhao.json('/api/docs/demo-wenlv/workflow', 'POST', { action: 'submit' })).status).toBe(200)

    const reviewer = await logIn('sunli', 'pw-sunli')
    await reviewer.page.getByRole('heading', { name: '审核队列' }).waitFor({ timeout: 20_000 })
    await expect.poll(() => reviewer.page.locator('main').textContent(), { timeout: 10_000 }).toContain('没有分配给你审核的部门文档')

    // The bureau's people start from the queue; 人员管理 is linked from the list.
    const chen = await logIn('chengang', password('chengang'))
    await chen.page.getByRole('button', { name: '返回文档列表' }).click()
    await chen.page.getByTestId('admin-link').click()
    const section = chen.page.getByTestId(`assignments-${bureau.id}`)
    const rows = () => section.locator('tbody tr').allTextContents()
    // Who reviews what, as the demo has it: 王芳, both departments.
    await expect.poll(rows, { timeout: 10_000 }).toEqual(['政法委王芳wangfang取消分配', '文旅局王芳wangfang取消分配'])

    await section.getByLabel('部门').selectOption('文旅局')
    await section.getByLabel('审核人员').selectOption({ label: '孙丽（sunli）' })
    await section.getByRole('button', { name: '分配', exact: true }).click()
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 10_000 }).toBe('已分配 孙丽 审核 文旅局')
    expect(await rows()).toContain('文旅局孙丽sunli取消分配')

    // 孙丽's queue, read again, has 文旅局's submitted document; she opens it as its reviewer.
    await reviewer.page.reload()
    const row = reviewer.page.getByTestId('queue').locator('tbody tr')
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1)
    expect(await row.textContent()).toContain('文旅局')
    expect(await row.textContent()).toContain('已报送')
    await row.getByRole('link').click()
    await synced(reviewer.page)
    expect(await reviewer.page.getByTestId('doc-status').textContent()).toBe('已报送')
    expect(await reviewer.page.getByRole('button', { name: '开始审核', exact: true }).count()).toBe(1)

    // Taken off: the row goes from 陈刚's list, her open document closes, and her queue no longer has it.
    await section.locator('tr[data-assignment="文旅局:sunli"]').getByRole('button', { name: '取消分配' }).click()
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 10_000 }).toBe('已取消 孙丽 对 文旅局 的审核分配')
    expect(await rows()).toEqual(['政法委王芳wangfang取消分配', '文旅局王芳wangfang取消分配'])
    await expect.poll(() => reviewer.page.getByTestId('no-access').count(), { timeout: 20_000 }).toBe(1)
    await reviewer.page.goto('/#/queue')
    await expect.poll(() => reviewer.page.locator('main').textContent(), { timeout: 10_000 }).toContain('没有分配给你审核的部门文档')

    // Refused, said plainly: 孙丽 has left the bureau meanwhile (another 管理员 removed her), and 陈刚's page still offers her.
    await t.server.data.orgs.setMember(bureau.id, sun.id, null)
    await section.getByLabel('部门').selectOption('政法委')
    await section.getByLabel('审核人员').selectOption({ label: '孙丽（sunli）' })
    await section.getByRole('button', { name: '分配', exact: true }).click()
    await expect.poll(() => section.getByRole('alert').textContent(), { timeout: 10_000 }).toBe('审核人员必须是本财政局的成员')
    expect(await rows()).toEqual(['政法委王芳wangfang取消分配', '文旅局王芳wangfang取消分配'])
    expect([...chen.errors, ...reviewer.errors]).toEqual([])
    await chen.close()
    await reviewer.close()
  }, 120_000)
})
