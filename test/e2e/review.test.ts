/**
 * A finance reviewer and a staff member: the reviewer suggests a new budget
 * figure and a rewording, the staff member sees both live, accepts one and
 * rejects the other; the server accepted the reviewer's updates (its rule
 * passes what the editor makes) and the export holds exactly the accepted
 * result. On a wide screen threads sit in the margin beside their text.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { threadsOf } from '@shared/model/y-document'
import { DOC_ID } from '../../support/test-server'
import { browserAndServer, fieldText, openAs, retype, selectField, synced, typeAt } from './browser'

const suite = browserAndServer()

describe('review with suggestions', () => {
  it('suggest, see live, accept one, reject the other', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const before = (await suite.t.server.data.service.model(DOC_ID))

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
    expect((await suite.t.server.data.service.model(DOC_ID)).projects[1]!.budget.total).toBe(3)

    // Accept the figure: select the cell, accept.
    await selectField(staff.page, 'budgetTotal', 1)
    await staff.page.getByRole('button', { name: '接受修订' }).click()
    // Reject the rewording from its card: with the cursor in it, the card says who suggested what, and when.
    await staff.page.locator('[data-field="goalItem"]').nth(2).locator('span[data-insertion]').click()
    const card = staff.page.getByTestId('suggestion-card')
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('建议插入：（建议删去此句）')
    expect(await card.locator('header').textContent()).toBe('wang刚刚')
    await card.getByRole('button', { name: '拒绝' }).click()
    await expect.poll(() => card.count()).toBe(0)
    await synced(staff.page)

    await expect.poll(() => fieldText(finance.page, 'budgetTotal', 1), { timeout: 10_000 }).toBe('3.50')
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[1]!.budget.total, { timeout: 10_000 }).toBe(3.5)
    const after = (await suite.t.server.data.service.model(DOC_ID))
    expect(after.overall.goals[2]).toBe(before.overall.goals[2])
    const exported = await (await staff.context.request.get(`/api/docs/${DOC_ID}/export?format=txt`)).text()
    expect(exported).toContain('\t3.50\n\t其中：财政    资金\n\t3.00')
    expect(exported).not.toContain('建议删去')
    expect(JSON.stringify((await suite.t.server.data.service.text(DOC_ID)))).not.toContain('3.003.50')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 90_000)

  it('comment on an indicator: the other side sees it live, replies and resolves; a finding becomes a comment', async () => {
    await suite.t.server.data.logins.addUser('qianwei', 'pw-qianwei', '钱伟')
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'qianwei', 'reviewer')

    // The reviewer selects an indicator value and comments on it.
    await selectField(finance.page, 'indicatorValue', 0)
    // The comment is written in the page's own composer, anchored to the selection when it opened.
    await finance.page.getByRole('button', { name: '添加批注' }).click()
    const composer = finance.page.getByTestId('comment-composer')
    expect(await composer.textContent()).toContain('批注“开展扫黑除恶宣传情况”')
    await composer.locator('textarea').fill('请写明开展次数，如“≥4次”')
    await composer.getByRole('button', { name: '添加批注' }).click()

    const thread = staff.page.locator('.thread').first()
    await expect.poll(() => thread.locator('.text').first().textContent(), { timeout: 10_000 }).toBe('请写明开展次数，如“≥4次”')
    // By name and with its time, not the login.
    await expect.poll(() => thread.locator('.author').first().textContent(), { timeout: 10_000 }).toBe('钱伟')
    expect(await thread.locator('.when').first().textContent()).toBe('刚刚')
    expect(await thread.locator('blockquote').textContent()).toBe('开展扫黑除恶宣传情况')
    expect(await staff.page.locator('[data-field="indicatorValue"] .comment-anchor').first().textContent()).toBe('开展扫黑除恶宣传情况')

    await thread.locator('textarea').fill('已改为“≥4次”')
    await thread.getByRole('button', { name: '回复' }).click()
    await expect.poll(() => finance.page.locator('.thread .text').allTextContents(), { timeout: 10_000 }).toContain('已改为“≥4次”')
    await thread.getByRole('button', { name: '解决' }).click()
    // Resolved threads leave the default (open) list and lose their highlight.
    await expect.poll(() => finance.page.locator('.thread').count(), { timeout: 10_000 }).toBe(0)
    expect(await finance.page.locator('.comment-anchor').count()).toBe(0)

    // A check finding turned into a comment with one click.
    const finding = finance.page.getByTestId('checks').locator('li', { hasText: '是/否' }).first()
    await finding.getByRole('button', { name: '转为批注' }).click()
    await expect.poll(() => staff.page.locator('.thread .text').first().textContent(), { timeout: 10_000 }).toContain('是/否')
    // Once: the finding's button now shows its thread, and a second click makes no second thread.
    const open = () => finance.page.locator('.thread', { hasText: '是/否' }).count()
    await expect.poll(open).toBe(1)
    await finding.getByRole('button', { name: '查看批注' }).click()
    await synced(finance.page)
    expect(await open()).toBe(1)
    const stored = JSON.stringify(threadsOf(await suite.t.server.data.service.load(DOC_ID)).toJSON())
    expect(stored).toContain('已改为“≥4次”')
    expect(stored).toContain('"status":"resolved"')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 90_000)

  it('a reviewer proposes a new indicator row; staff accept it', async () => {
    const staff = await openAs(suite.browser, suite.t, 'zhang', 'editor')
    const finance = await openAs(suite.browser, suite.t, 'wang', 'reviewer')
    const project = (page: typeof staff.page) => page.locator('section[data-node="project"]').nth(3)
    const rowsBefore = (await suite.t.server.data.service.model(DOC_ID)).projects[3]!.indicators.length

    await typeAt(finance.page, 'end', 'indicatorName', 3 * 5 + 4, '') // project 4's last row (projects 1–3 have five each)
    await finance.page.getByRole('button', { name: '添加指标行' }).click()
    await finance.page.keyboard.type('受助群众满意度')
    await synced(finance.page)
    expect(await finance.page.getByRole('status').count()).toBe(0) // the server took the proposal

    const proposed = project(staff.page).locator('[data-node="indicator"][data-suggestion]')
    await expect.poll(() => proposed.count(), { timeout: 10_000 }).toBe(1)
    expect(await proposed.getAttribute('data-suggestion')).toContain('"kind":"insert"')
    expect((await suite.t.server.data.service.model(DOC_ID)).projects[3]!.indicators).toHaveLength(rowsBefore) // not counted until accepted

    // 全部接受 asks first, saying how many.
    await staff.page.getByRole('button', { name: '全部接受' }).click()
    const confirm = staff.page.getByTestId('confirm-all')
    expect(await confirm.textContent()).toMatch(/确定接受全部 \d+ 处修订吗/)
    await confirm.getByRole('button', { name: /^接受这 \d+ 处$/ }).click()
    await expect.poll(async () => (await suite.t.server.data.service.model(DOC_ID)).projects[3]!.indicators.length, { timeout: 10_000 }).toBe(rowsBefore + 1)
    expect((await suite.t.server.data.service.model(DOC_ID)).projects[3]!.indicators.map((i) => i.level3)).toContain('受助群众满意度')
    expect([...staff.errors, ...finance.errors]).toEqual([])
    await staff.context.close()
    await finance.context.close()
  }, 90_000)

  it('on a wide screen threads sit beside their text, without overlapping; on a narrow one they are the list', async () => {
    const staff = await openAs(suite.browser, suite.t, 'sun', 'editor')
    const page = staff.page
    const comment = async (n: number, text: string) => {
      await selectField(page, 'indicatorValue', n)
      await page.getByRole('button', { name: '添加批注' }).click()
      await page.getByTestId('comment-composer').locator('textarea').fill(text)
      await page.getByTestId('comment-composer').getByRole('button', { name: '添加批注' }).click()
    }
    // 1400 px: the list, in the side column.
    expect(await page.locator('.side [data-testid=threads]').count()).toBe(1)
    const MINE = ['第一条', '第二条，紧挨着第一条', '远处的一条']
    await comment(0, MINE[0]!)
    await comment(1, MINE[1]!)
    await comment(30, MINE[2]!)

    await page.setViewportSize({ width: 1700, height: 950 })
    await expect.poll(() => page.locator('[data-testid=threads].beside').count()).toBe(1)
    expect(await page.locator('.side [data-testid=threads]').count()).toBe(0)
    const boxes = async () => {
      // Ours, in the order written (earlier tests in this file left a thread of their own).
      const ids = await page.locator('.thread').evaluateAll((cards, mine) => mine.map((text) => (cards.find((card) => card.textContent?.includes(text)) as HTMLElement).dataset.thread!), MINE)
      return Promise.all(ids.map(async (id) => ({ id, card: (await box(page, `.thread[data-thread="${id}"]`))!, text: (await box(page, `.comment-anchor[data-thread="${id}"]`))! })))
    }
    const settled = async () => {
      let last = ''
      await expect.poll(async () => { const now = JSON.stringify(await boxes()); const same = now === last; last = now; return same }, { timeout: 10_000, interval: 300 }).toBe(true)
      return boxes()
    }
    let placed = await settled()
    expect(placed).toHaveLength(3)
    // The first and the far one at their text's height; the second just below the first.
    expect(Math.abs(placed[0]!.card.y - placed[0]!.text.y)).toBeLessThan(3)
    expect(Math.abs(placed[2]!.card.y - placed[2]!.text.y)).toBeLessThan(3)
    expect(placed[1]!.card.y).toBeGreaterThanOrEqual(placed[0]!.card.y + placed[0]!.card.height)
    expect(placed[2]!.card.x).toBeGreaterThan(placed[2]!.text.x + placed[2]!.text.width)

    // Clicking the second moves it to its text; the first makes room above.
    await page.locator(`.thread[data-thread="${placed[1]!.id}"] blockquote`).click()
    placed = await settled()
    expect(Math.abs(placed[1]!.card.y - placed[1]!.text.y)).toBeLessThan(3)
    expect(placed[0]!.card.y + placed[0]!.card.height).toBeLessThanOrEqual(placed[1]!.card.y)

    // The person may prefer the list, and the page remembers it.
    await page.getByTestId('threads-layout').click()
    expect(await page.locator('.side [data-testid=threads]').count()).toBe(1)
    await page.reload()
    await synced(page)
    expect(await page.locator('.side [data-testid=threads]').count()).toBe(1)
    expect(staff.errors).toEqual([])
    await staff.context.close()
  }, 90_000)
})

const box = (page: Page, selector: string) => page.locator(selector).first().boundingBox()
