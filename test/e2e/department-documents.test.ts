/**
 * Documents made in the app belong to a department (issue 25, item 1): 张伟,
 * staff of two departments, picks 政法委 beside the buttons, makes a blank
 * document, imports one and starts next year's draft from it — all in the
 * list, as a person does. 李娜, his colleague in 政法委, finds each in her
 * list; once he 报送s them, 王芳, the reviewer assigned to 政法委, finds
 * each in her 审核队列. Nothing is shared by name.
 */
import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { SAMPLE_PATH } from '../../support/sample'
import type { TestServer } from '../../support/test-server'
import { browserAndServer, synced } from './browser'

const suite = browserAndServer()

/** A fresh browser for `user`, logged in, on the document list. */
async function listAs(browser: Browser, t: TestServer, user: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: t.server.url, viewport: { width: 1366, height: 768 } })
  const login = await context.request.post('/api/login', { data: { name: user, password: `pw-${user}` } })
  if (!login.ok()) throw new Error(`login as ${user} failed: ${login.status()}`)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.addInitScript((u) => localStorage.setItem('jixiao:user', JSON.stringify(u)), (await login.json()).user)
  await page.goto('/#/')
  return { page, errors, close: () => context.close() }
}

const listedTitles = (page: Page) => page.locator('main.documents li > a').allTextContents()

describe('documents made in the app belong to the maker’s department', () => {
  it('blank, imported and next year’s draft reach a colleague’s list and, once 报送, the reviewer’s queue', async () => {
    const { t } = suite
    const { orgs, logins } = t.server.data
    const [zhang, li, wang] = [await logins.addUser('zhangwei', 'pw-zhangwei', '张伟'), await logins.addUser('lina', 'pw-lina', '李娜'), await logins.addUser('wangfang', 'pw-wangfang', '王芳')]
    const wlj = await orgs.addOrg({ name: '文旅局', kind: 'department', code: '' })
    const zfw = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setMember(wlj.id, zhang.id, 'staff')
    await orgs.setMember(zfw.id, zhang.id, 'staff')
    await orgs.setMember(zfw.id, li.id, 'staff')
    await orgs.setMember(bureau.id, wang.id, 'reviewer')
    await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: zfw.id, userId: wang.id }, true)

    const staff = await listAs(suite.browser, t, 'zhangwei')
    const back = async () => {
      await staff.page.getByRole('button', { name: '返回文档列表' }).click()
      await staff.page.waitForSelector('main.documents')
    }
    const opened = async () => {
      await staff.page.waitForURL(/#\/doc\//)
      await synced(staff.page)
    }
    // He holds two departments: he says which one the new documents are for.
    await staff.page.getByLabel('新文档所属部门').selectOption({ label: '政法委' })
    await staff.page.getByRole('button', { name: '新建空白文档' }).click()
    await opened()
    await back()
    await staff.page.getByLabel('新文档所属部门').selectOption({ label: '政法委' })
    await staff.page.locator('main.documents input[type=file]').setInputFiles(SAMPLE_PATH)
    await opened()
    await back()
    // An import is titled from the document's own department and 文本标题, not the file's name.
    const imported = staff.page.locator('main.documents li', { hasText: '2022年部门预算绩效文本' })
    await imported.getByRole('button', { name: '以此为底稿新建下一年度' }).click()
    await imported.getByRole('button', { name: '新建', exact: true }).click()
    await opened()
    await back()
    const titles = [`${new Date().getFullYear() + 1}年部门预算绩效文本`, '政法委部门 2022年部门预算绩效文本', '政法委部门 2023年部门预算绩效文本']
    await expect.poll(() => listedTitles(staff.page)).toEqual(expect.arrayContaining(titles))

    const colleague = await listAs(suite.browser, t, 'lina')
    await expect.poll(() => listedTitles(colleague.page), { timeout: 10_000 }).toEqual(expect.arrayContaining(titles))

    // He 报送s each from its editor; the reviewer assigned to 政法委 finds each in her queue.
    for (const title of titles) {
      await staff.page.locator('main.documents li > a', { hasText: title }).click()
      await opened()
      await staff.page.getByRole('button', { name: '报送', exact: true }).click()
      await staff.page.getByRole('button', { name: '确认报送' }).click()
      await expect.poll(() => staff.page.getByTestId('doc-status').textContent(), { timeout: 10_000 }).toBe('已报送')
      await back()
    }
    const reviewer = await listAs(suite.browser, t, 'wangfang')
    await reviewer.page.getByTestId('queue-link').click()
    const rows = reviewer.page.getByTestId('queue').locator('tbody tr')
    await expect.poll(() => rows.allTextContents(), { timeout: 10_000 }).toHaveLength(3)
    for (const title of titles) expect((await rows.filter({ hasText: title }).textContent()) ?? '').toContain('已报送')

    expect([...staff.errors, ...colleague.errors, ...reviewer.errors]).toEqual([])
    for (const who of [staff, colleague, reviewer]) await who.close()
  }, 120_000)
})
